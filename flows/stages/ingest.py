"""Ingest: read raw article files, parse their headers and split them into raw blocks.

What it guarantees:
- every input file ends up either as one document or as one reject row with a one-line reason
  (undecodable bytes, empty text, a second copy of an already ingested article);
- a document's decoded file text is recoverable exactly from its blocks: the concatenation of
  `raw_prefix + text + raw_suffix` over its blocks in `block_index` order;
- `doc_id` depends only on content (the article URL when the file has one, else its normalised
  text), never on file names, file order or the time of the run.

Blocks are lines; a line whose sentences arrive glued together without a space ("quốc tế.Ngày
5/4") is split at those glued boundaries first, so that captions and bylines hidden inside such a
run become blocks of their own. Header lines (URL, a leading " date YYYY-MM-DD", a trailing
"DD/MM/YYYY HH:MM" timestamp, a "Thứ bảy, 24/1/2026, 21:30 (GMT+7)" dateline) become `metadata`
blocks with a `header_role`, and the date they carry becomes `published_at`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from flows.reference import Reference
from flows.textutil import sha256_hex, stable_id

URL_RE = re.compile(r"^https?://\S+$")
DATE_LINE_RE = re.compile(r"^date\s+(\d{4})-(\d{2})-(\d{2})(?:\s+|$)")
TITLE_TIMESTAMP_RE = re.compile(
    r"\s+(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*[-,|]?\s*(\d{1,2}):(\d{2}))?(?:\s*\(?GMT\s*\+\s*7\)?)?\s*$"
)
DATELINE_RE = re.compile(
    r"^(?:(?:Thứ\s+\w+|Chủ\s+nhật)\s*,\s*)?(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*[-,|]?\s*(\d{1,2}):(\d{2}))?"
    r"(?:\s*\(?GMT\s*\+\s*7\)?)?$",
    re.IGNORECASE,
)
# Online Vietnamese news, whose pages carry a trailing date, starts in the late 1990s.
MIN_BARE_TITLE_YEAR = 1995
# A glued boundary candidate: sentence punctuation directly followed by a word character.
GLUED_RE = re.compile(r"(?<=\S)[.!?…]+(?=\w)")

DOCUMENT_COLUMNS = {
    "doc_id": pl.String,
    "source_file": pl.String,
    "url": pl.String,
    "sha256": pl.String,
    "published_at": pl.Datetime("us"),
    "published_at_precision": pl.String,
    "published_at_source": pl.String,
}
BLOCK_COLUMNS = {
    "doc_id": pl.String,
    "block_index": pl.Int32,
    "header_role": pl.String,
    "raw_prefix": pl.String,
    "text": pl.String,
    "raw_suffix": pl.String,
    "raw_start": pl.Int32,
    "raw_end": pl.Int32,
}
REJECT_COLUMNS = {
    "source_file": pl.String,
    "sha256": pl.String,
    "stage": pl.String,
    "reason": pl.String,
}


@dataclass(frozen=True)
class IngestConfig:
    """Options of the ingest stage.

    pattern: which files under the input folder are articles.
    header_lines: how many leading non-empty lines may hold header fields (URL, date line,
        title, dateline); the seeds never use more than three.
    """

    pattern: str = "**/*.txt"
    header_lines: int = 3


@dataclass(frozen=True)
class SourceFile:
    """One raw input file: its path relative to the input folder, and its bytes."""

    path: str
    content: bytes


@dataclass(frozen=True)
class IngestResult:
    documents: pl.DataFrame
    blocks: pl.DataFrame
    rejects: pl.DataFrame


def read_sources(input_dir: Path, config: IngestConfig = IngestConfig()) -> list[SourceFile]:
    """Every article file under `input_dir`, in path order."""
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder not found: {input_dir}")
    paths = sorted(p for p in input_dir.glob(config.pattern) if p.is_file())
    if not paths:
        raise FileNotFoundError(f"no article files matching {config.pattern} under {input_dir}")
    return [SourceFile(p.relative_to(input_dir).as_posix(), p.read_bytes()) for p in paths]


def normalise_url(url: str) -> str:
    """Scheme-less, lower-case host, single slashes, no trailing slash, no query or fragment."""
    match = re.match(r"^https?://([^/]+)(/[^?#]*)?", url.strip(), re.IGNORECASE)
    if not match:
        return url.strip()
    host = match.group(1).lower().removeprefix("www.")
    path = re.sub(r"/{2,}", "/", match.group(2) or "").rstrip("/")
    return host + path


def url_host(url: str | None) -> str | None:
    if not url:
        return None
    return normalise_url(url).split("/", 1)[0]


def doc_id_for(url: str | None, text: str) -> str:
    if url:
        return stable_id("doc", "url", normalise_url(url))
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return stable_id("doc", "text", normalised)


@dataclass
class _Block:
    start: int
    end: int
    header_role: str | None = None


SPACE_OR_BOM = " \t\f\v\u00a0\u2000\u2001\u2002\u2003\u2009\u200b\u3000\ufeff"


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, stripped of surrounding white space (and a byte-order mark)."""
    spans = []
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group(0)
        stripped = line.strip(SPACE_OR_BOM).strip()
        if not stripped:
            continue
        lead = line.index(stripped)
        spans.append((match.start() + lead, match.start() + lead + len(stripped)))
    return spans


def glued_boundaries(line: str, abbreviations: frozenset[str]) -> list[int]:
    """Offsets where a new sentence starts glued to the previous one ("quốc tế.Ngày")."""
    cuts = []
    for match in GLUED_RE.finditer(line):
        following = line[match.end() : match.end() + 2]
        # A new sentence starts with a capitalised word: upper case, then lower case.
        if len(following) < 2 or not (following[0].isupper() and following[1].islower()):
            continue
        before = line[: match.start()].rsplit(None, 1)[-1] if line[: match.start()].strip() else ""
        token = before.lstrip("([\"'“‘")
        if "://" in token or token.lower().startswith("www"):
            continue  # a URL or host name, not a sentence
        last = token.rsplit(".", 1)[-1]  # "TP.Huế" ends a sentence at "Huế"
        letters = re.sub(r"[^\w]", "", last)
        # "V.Putin" (an initial), "TP.Hồ Chí Minh" (an abbreviation) and "U.S.A" are not sentence ends.
        if len(letters) <= 1 or last in abbreviations:
            continue
        cuts.append(match.end())
    return cuts


def _split_header(text: str, spans: list[tuple[int, int]], header_lines: int) -> list[_Block]:
    blocks: list[_Block] = []
    for index, (start, end) in enumerate(spans):
        line = text[start:end]
        if index >= header_lines:
            blocks.append(_Block(start, end))
            continue
        if URL_RE.match(line):
            blocks.append(_Block(start, end, "url"))
            continue
        if DATELINE_RE.match(line):
            blocks.append(_Block(start, end, "dateline"))
            continue
        date_line = DATE_LINE_RE.match(line)
        if date_line:
            cut = start + len(date_line.group(0).rstrip())
            blocks.append(_Block(start, cut, "date_line"))
            rest_start = start + date_line.end()
            if rest_start < end:
                start = rest_start
                line = text[start:end]
            else:
                continue
        stamp = TITLE_TIMESTAMP_RE.search(line)
        # Only a title line carries a timestamp; a body paragraph ending in a date is left alone,
        # and so is a headline ending in a historical date ("… Quốc khánh 2/9/1945") without a time.
        if (stamp and not any(b.header_role is None for b in blocks) and len(line) - len(stamp.group(0)) > 0
                and (stamp.group(4) is not None or int(stamp.group(3)) >= MIN_BARE_TITLE_YEAR)):
            stamp_start = start + stamp.start() + (len(stamp.group(0)) - len(stamp.group(0).lstrip()))
            blocks.append(_Block(start, start + stamp.start()))
            blocks.append(_Block(stamp_start, end, "title_timestamp"))
            continue
        blocks.append(_Block(start, end))
    return blocks


def _split_glued(text: str, blocks: list[_Block], abbreviations: frozenset[str]) -> list[_Block]:
    result: list[_Block] = []
    for block in blocks:
        if block.header_role is not None:
            result.append(block)
            continue
        start = block.start
        for cut in glued_boundaries(text[block.start : block.end], abbreviations):
            result.append(_Block(start, block.start + cut))
            start = block.start + cut
        result.append(_Block(start, block.end))
    return result


def _published_at(text: str, blocks: list[_Block]) -> tuple[dt.datetime | None, str | None, str | None]:
    for role in ("date_line", "title_timestamp", "dateline"):
        for block in blocks:
            if block.header_role != role:
                continue
            raw = text[block.start : block.end]
            try:
                if role == "date_line":
                    y, m, d = DATE_LINE_RE.match(raw + " ").groups()
                    return dt.datetime(int(y), int(m), int(d)), "day", role
                match = (DATELINE_RE.match(raw) if role == "dateline" else TITLE_TIMESTAMP_RE.search(" " + raw))
                d, m, y, hh, mm = match.groups()
                if hh is None:
                    return dt.datetime(int(y), int(m), int(d)), "day", role
                return dt.datetime(int(y), int(m), int(d), int(hh), int(mm)), "minute", role
            except (ValueError, AttributeError):
                continue
    return None, None, None


def parse_source(source: SourceFile, reference: Reference, config: IngestConfig = IngestConfig()):
    """One file -> (document row, block rows) or raise ValueError with the reject reason."""
    try:
        text = source.content.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"not valid UTF-8 (byte {err.start})") from None
    spans = _line_spans(text)
    if not spans:
        raise ValueError("file has no text")
    blocks = _split_glued(text, _split_header(text, spans, config.header_lines), reference.abbreviations)
    url = next((text[b.start : b.end] for b in blocks if b.header_role == "url"), None)
    published_at, precision, published_source = _published_at(text, blocks)
    doc_id = doc_id_for(url, text)
    document = {
        "doc_id": doc_id,
        "source_file": source.path,
        "url": url,
        "sha256": sha256_hex(source.content),
        "published_at": published_at,
        "published_at_precision": precision,
        "published_at_source": published_source,
    }
    rows = []
    previous_end = 0
    for index, block in enumerate(blocks):
        rows.append(
            {
                "doc_id": doc_id,
                "block_index": index,
                "header_role": block.header_role,
                "raw_prefix": text[previous_end : block.start],
                "text": text[block.start : block.end],
                "raw_suffix": text[block.end :] if index == len(blocks) - 1 else "",
                "raw_start": block.start,
                "raw_end": block.end,
            }
        )
        previous_end = block.end
    return document, rows


def parse_sources(
    sources: list[SourceFile], reference: Reference, config: IngestConfig = IngestConfig()
) -> IngestResult:
    """Parse every source; bad files become reject rows and never stop the good ones."""
    documents, blocks, rejects = [], [], []
    seen: dict[str, str] = {}
    for source in sorted(sources, key=lambda s: s.path):
        digest = sha256_hex(source.content)
        try:
            document, rows = parse_source(source, reference, config)
        except ValueError as err:
            rejects.append({"source_file": source.path, "sha256": digest, "stage": "ingest", "reason": str(err)})
            continue
        if document["doc_id"] in seen:
            reason = f"same article as {seen[document['doc_id']]} (same URL or identical text)"
            rejects.append({"source_file": source.path, "sha256": digest, "stage": "ingest", "reason": reason})
            continue
        seen[document["doc_id"]] = source.path
        documents.append(document)
        blocks.extend(rows)
    return IngestResult(
        documents=pl.DataFrame(documents, schema=DOCUMENT_COLUMNS),
        blocks=pl.DataFrame(blocks, schema=BLOCK_COLUMNS),
        rejects=pl.DataFrame(rejects, schema=REJECT_COLUMNS),
    )
