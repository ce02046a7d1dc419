"""Clean: label every block of every article and normalise the text of the blocks we keep.

What it guarantees:
- every block gets a `kind` (title, lead, body, caption, byline, sidebar, site_chrome, metadata,
  markup; the dedup stage adds pull_quote and pull_quote_attribution) and `kept`, with a `reason`
  whenever it is not kept: nothing is dropped silently;
- only title, lead and body blocks are kept; captions are labelled and kept in the audit table
  (later stages may read them as evidence for dates and places, never as statements);
- `clean_text` is `normalise_text(text)`: Unicode NFC, old-style tone-mark placement, single
  spaces, inline markup removed, glued sentences separated. It never rewrites a word: a source
  typo such as "Madvedev" stays as written and is left to entity linking;
- `normalise_text` never raises on any string and is idempotent.

Tone marks: Vietnamese has two conventions for where the mark sits in the open syllables
oa, oe and uy: old style "hòa, thỏa, khỏe, thủy" and new style "hoà, thoả, khoẻ, thuỷ". The
seeds and most Vietnamese news sites use the old style, so every kept text is put in the old
style (`hoà` -> `hòa`, `thoả` -> `thỏa`); reference data follows the same convention.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import polars as pl

from flows.reference import Reference
from flows.stages.ingest import glued_boundaries, url_host
from flows.textutil import words

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# New-style placement: the mark on the second vowel of an open oa/oe/uy syllable ("hoà", "thuỷ").
# "qu" + y is a consonant + vowel ("quý"), so a u after q is left alone.
NEW_STYLE_RE = re.compile(r"(?<![qQ])(?:([oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])|([uU])([ỳýỷỹỵỲÝỶỸỴ]))(?!\w)")
INLINE_MARKUP_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<[^>]{1,200}>")
INLINE_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:https?://)[^)]*\)")
EDGE_PIPES_RE = re.compile(r"^(?:\s*\|)+|(?:\|\s*)+$")
INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SPACE_RE = re.compile(r"\s+")
CAPTION_CREDIT_RE = re.compile(
    r"\s*[(\[]?\s*(?:Ảnh|Photo|Nguồn ảnh)\s*:[^()\[\]]*[)\]]?\s*\.?\s*$", re.IGNORECASE
)
OUTLET_MARKER_RE = re.compile(r"^\(?\s*([^\s()\-–—][^()\-–—]{0,14}?)\s*\)?\s*[-–—]+\s*")
NAME_WORD_RE = re.compile(r"^[^\W\d_][^\W\d_'’.-]*$")

KEPT_KINDS = ("title", "lead", "body")
BLOCK_KINDS = (
    "title", "lead", "body", "caption", "byline", "pull_quote", "pull_quote_attribution",
    "sidebar", "site_chrome", "metadata", "markup",
)


@dataclass(frozen=True)
class CleanConfig:
    """Options of the clean stage.

    max_byline_words: a closing line of at most this many capitalised words with no final
        punctuation is a reporter's byline ("Thanh Danh", "NGUYỄN HÀ"); Vietnamese personal names
        have 2-4 syllables, plus one for a "Nhóm"/"PV" prefix.
    byline_tail_blocks: how many content blocks at the end of an article may be bylines.
    title_search_blocks: how many leading content blocks may hold the title when site chrome
        (breadcrumbs, share buttons) comes first.
    """

    max_byline_words: int = 5
    byline_tail_blocks: int = 2
    title_search_blocks: int = 3


def _to_old_style(match: re.Match[str]) -> str:
    first, second = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    decomposed = unicodedata.normalize("NFD", second)
    marks = "".join(ch for ch in decomposed[1:] if ch in TONE_MARKS)
    rest = "".join(ch for ch in decomposed[1:] if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", first + marks) + unicodedata.normalize("NFC", decomposed[0] + rest)


def normalise_text(text: str, abbreviations: frozenset[str] | None = None) -> str:
    """NFC, old-style tone marks, markup residue removed, glued sentences split, single spaces.

    `abbreviations` (default: the reference list) are tokens after which a glued full stop does
    not end a sentence ("TP.Hồ Chí Minh")."""
    if abbreviations is None:
        abbreviations = _default_abbreviations()
    text = INVISIBLE_RE.sub("", text)  # first: a soft hyphen must not hide a tone mark from NFC
    text = unicodedata.normalize("NFC", text)
    text = INLINE_MARKUP_RE.sub(" ", text)
    text = INLINE_LINK_RE.sub(r"\1", text)
    text = SPACE_RE.sub(" ", text).strip()
    text = EDGE_PIPES_RE.sub("", text).strip()
    text = NEW_STYLE_RE.sub(_to_old_style, text)
    cuts = glued_boundaries(text, abbreviations)
    for cut in reversed(cuts):
        text = text[:cut] + " " + text[cut:]
    return unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=1)
def _default_abbreviations() -> frozenset[str]:
    from flows.reference import load_reference

    return load_reference().abbreviations


def _pattern_match(reference: Reference, kinds: tuple[str, ...], text: str) -> tuple[str, str] | None:
    for kind, pattern, reason in reference.block_patterns:
        if kind in kinds and pattern.search(text):
            return kind, reason
    return None


def looks_like_name(text: str, max_words: int) -> bool:
    """A short run of capitalised words with no digits and no closing punctuation."""
    tokens = text.split()
    if not 2 <= len(tokens) <= max_words or text[-1] in ".!?:;,\"'”)":
        return False
    return all(NAME_WORD_RE.match(t) and t[0].isupper() for t in tokens)


def title_from_caption(caption: str) -> str:
    return CAPTION_CREDIT_RE.sub("", caption).rstrip(" .")


def outlet_from_marker(lead: str, reference: Reference) -> str | None:
    match = OUTLET_MARKER_RE.match(lead)
    if not match:
        return None
    return reference.outlet_markers.get(match.group(1).strip())


def classify_document(texts: list[str], header_roles: list[str | None], reference: Reference,
                      config: CleanConfig = CleanConfig(),
                      normalised: list[str] | None = None) -> list[tuple[str, str | None]]:
    """(kind, reason-if-dropped) for each block of one document, in block order.

    `normalised` is `normalise_text` of each text, when the caller already has it."""
    if normalised is None:
        normalised = [normalise_text(t, reference.abbreviations) for t in texts]
    labels: list[tuple[str, str | None] | None] = [None] * len(texts)
    content = []
    for index, role in enumerate(header_roles):
        if role is not None:
            labels[index] = ("metadata", f"metadata: header {role.replace('_', ' ')}")
        else:
            content.append(index)
    sidebar_from = None
    for position, index in enumerate(content):
        if position > 0 and _pattern_match(reference, ("sidebar_marker",), normalised[index]):
            sidebar_from = position
            break
    if sidebar_from is not None:
        marker = normalised[content[sidebar_from]]
        for index in content[sidebar_from:]:
            labels[index] = ("sidebar", f"sidebar: after '{marker}'")
        content = content[:sidebar_from]
    for index in content:
        found = (_pattern_match(reference, ("markup",), texts[index].strip())
                 or _pattern_match(reference, ("markup", "site_chrome", "sidebar", "caption"), normalised[index]))
        if found:
            labels[index] = found
        elif not normalised[index]:
            labels[index] = ("markup", "markup: nothing left after removing markup residue")
    remaining = [i for i in content if labels[i] is None]
    # The title is the first content line, unless chrome comes first or the article opens with a
    # photo caption (then documents.title is derived from the caption and no block is a title).
    for index in content[: config.title_search_blocks]:
        if labels[index] is None:
            labels[index] = ("title", None)
            break
        if labels[index][0] == "caption":
            break
    remaining = [i for i in content if labels[i] is None]
    # A block repeating an earlier one (the headline or lead reprinted at the end of the page) is
    # dropped later by dedup, so it does not hide a byline.
    seen: list[str] = []
    unique = []
    for index in content:
        key = " ".join(words(normalised[index]))
        if index in remaining and not (key and any(key in earlier for earlier in seen)):
            unique.append(index)
        seen.append(key)
    tail = unique[-config.byline_tail_blocks :] if len(unique) > 1 else []
    for index in reversed(tail):
        text = normalised[index]
        found = _pattern_match(reference, ("byline",), text)
        if found:
            labels[index] = found
        elif looks_like_name(text, config.max_byline_words):
            labels[index] = ("byline", "byline: reporter name")
        else:
            break
    remaining = [i for i in content if labels[i] is None]
    if remaining:
        labels[remaining[0]] = ("lead", None)
    return [label if label is not None else ("body", None) for label in labels]


def clean_blocks(blocks: pl.DataFrame, reference: Reference, config: CleanConfig = CleanConfig()) -> pl.DataFrame:
    """Add kind, kept, reason and clean_text to the raw blocks of a batch of documents."""
    ordered = blocks.sort("doc_id", "block_index")
    kinds, reasons, cleaned = [], [], []
    for _, group in ordered.group_by(["doc_id"], maintain_order=True):
        texts = group["text"].to_list()
        normalised = [normalise_text(t, reference.abbreviations) for t in texts]
        labels = classify_document(texts, group["header_role"].to_list(), reference, config, normalised)
        kinds.extend(k for k, _ in labels)
        reasons.extend(r for _, r in labels)
        cleaned.extend(normalised)
    return ordered.with_columns(
        kind=pl.Series(kinds, dtype=pl.String),
        reason=pl.Series(reasons, dtype=pl.String),
        clean_text=pl.Series(cleaned, dtype=pl.String),
    ).with_columns(kept=pl.col("kind").is_in(KEPT_KINDS))


def document_fields(documents: pl.DataFrame, blocks: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """Title, its source, author and outlet of each document, read off its labelled blocks."""
    rows = []
    for (doc_id,), group in blocks.group_by(["doc_id"], maintain_order=True):
        title = title_source = author = lead = None
        for kind, text, reason in zip(group["kind"], group["clean_text"], group["reason"]):
            if kind == "title" and title is None:
                title, title_source = text, "title_line"
            if kind == "lead" and lead is None:
                lead = text
            if kind == "byline" and reason == "byline: reporter name":
                author = text
        if title is None:
            captions = [t for k, t in zip(group["kind"], group["clean_text"]) if k == "caption"]
            if captions:
                title, title_source = title_from_caption(captions[0]), "caption"
        rows.append({"doc_id": doc_id, "title": title, "title_source": title_source,
                     "author": author, "lead_text": lead})
    fields = pl.DataFrame(rows, schema={"doc_id": pl.String, "title": pl.String, "title_source": pl.String,
                                        "author": pl.String, "lead_text": pl.String})
    joined = documents.join(fields, on="doc_id", how="left")
    outlets = [
        reference.outlet_hosts.get(url_host(url) or "") or (outlet_from_marker(lead, reference) if lead else None)
        for url, lead in zip(joined["url"], joined["lead_text"])
    ]
    return joined.with_columns(outlet=pl.Series(outlets, dtype=pl.String)).drop("lead_text")
