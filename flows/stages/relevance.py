"""Relevance: decide, cheaply and before annotation, which documents can report diplomacy.

Every document gets `relevance` and `relevance_reason`:
- `diplomatic_contact`: one sentence of the title, lead or body holds a contact cue (the event
  triggers of `event_triggers.tsv`, with their `not_followed_by` guards), an official actor (a
  known person, an office title, or an official cue of `relevance_cues.tsv`) and a foreign or
  international side (a country other than Viet Nam, an international organisation, a foreign
  person or office, or a foreign cue), all three in the same sentence;
- `official_statement`: no such sentence, but the title or lead holds a position verb
  (`statement` cues), an official actor and a foreign side;
- `not_relevant`: everything else, with the reason: an excluded topic shown by the title (sport,
  entertainment, crime and accidents, consumer news) when the title has no contact cue, or which
  of the three kinds of evidence was missing.

Guarantees: the stage only adds the two columns (no row is dropped here: the pipeline keeps
every document in `documents` and only skips annotation and extraction of `not_relevant` ones);
the decision depends on the document's own kept text and the reference data only, so it is the
same in every run, batch and order; it costs a few regular-expression scans per document, far
below annotation, which is why it runs first.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import polars as pl

from flows.phrases import TOKEN_RE, PhraseMatch, PhraseMatcher
from flows.reference import Reference, read_tsv

DIPLOMATIC_CONTACT = "diplomatic_contact"
OFFICIAL_STATEMENT = "official_statement"
NOT_RELEVANT = "not_relevant"
RELEVANCE_VALUES = (DIPLOMATIC_CONTACT, OFFICIAL_STATEMENT, NOT_RELEVANT)

# A sentence ends at . ! ? or … followed by space and an upper-case letter or a quote; the body of
# many scraped articles is one glued line, so blocks alone are too coarse a unit.
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"”']?\s+(?=[\"“'(]?[A-ZÀ-Ỹ0-9])")


@dataclass(frozen=True)
class RelevanceConfig:
    """Options of the relevance stage.

    block_kinds: which kept blocks are read; captions and sidebars are never evidence.
    max_sentence_chars: longer "sentences" (lists, tables, glued junk) are cut to this length
        before matching, so one pathological block costs bounded time; 2,000 characters is about
        four times the longest sentence of the seeds and of a 1,000-article sample of the real feed.
    """

    block_kinds: tuple[str, ...] = ("title", "lead", "body")
    max_sentence_chars: int = 2_000


@dataclass(frozen=True)
class Cues:
    contact: PhraseMatcher
    contact_guard: dict[str, re.Pattern[str]]  # trigger -> words that must not follow it
    weak_contact: frozenset[str]  # casefolded triggers that also have everyday senses
    named_official: PhraseMatcher  # a known person, office title or official body
    official: PhraseMatcher  # the above or a generic official word
    party: PhraseMatcher  # any name that can be a side or the place of a contact, Viet Nam included
    named_foreign: PhraseMatcher  # a foreign country, organisation, person or office
    foreign: PhraseMatcher  # the above or a generic foreign/international word
    ambiguous_country: PhraseMatcher
    country_context: PhraseMatcher  # a context word right before an ambiguous name
    statement: PhraseMatcher
    state_actor: PhraseMatcher  # a foreign country name right before a position verb
    excluded: PhraseMatcher
    excluded_topic: dict[str, str]  # cue (as `_token_key`) -> topic


# Alias kinds that name a person unambiguously; given names and Vietnamese surnames ("Minh",
# "Sơn", "Nguyễn") are ordinary words or name half the population.
PERSON_ALIAS_KINDS = ("full", "short", "transliteration", "abbreviation", "misspelling")


def _token_key(phrase: str) -> str:
    """A phrase without its white space, as the phrase matcher compares it."""
    return "".join(TOKEN_RE.findall(phrase))


@functools.lru_cache(maxsize=4)
def build_cues(reference: Reference) -> Cues:
    rows = read_tsv(reference.folder / "relevance_cues.tsv")
    by_kind: dict[str, list[str]] = {}
    excluded_topic: dict[str, str] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row["cue"])
        if row["kind"] == "excluded_topic":
            excluded_topic[_token_key(row["cue"])] = row["topic"]
    ambiguous = set(by_kind.get("ambiguous_country", []))
    triggers = [row["trigger"] for row in reference.event_triggers]
    guards = {
        row["trigger"]: re.compile(rf"\s+(?:{row['not_followed_by']})(?!\w)")
        for row in reference.event_triggers if row.get("not_followed_by")
    }
    foreign_names, official_names, country_names, place_names = [], [], [], []
    for row in reference.aliases:
        entity_id, alias = row["entity_id"], row["alias"]
        country = reference.entity_country(entity_id)
        if entity_id.startswith("person:"):
            foreign = bool(country) and country != "VNM"
            # Foreign surnames ("Putin", "Trump") are specific; Vietnamese ones are not.
            if row["alias_kind"] in PERSON_ALIAS_KINDS or (foreign and row["alias_kind"] == "surname"):
                official_names.append(alias)  # the reference only holds officials
                if foreign:
                    foreign_names.append(alias)
        elif entity_id.startswith("place:"):
            place_names.append(alias)
        elif entity_id.startswith(("country:", "org:")):
            if entity_id.startswith("country:") and country != "VNM":
                country_names.append(alias)
            kind = reference.organisations.get(entity_id, {}).get("kind")
            if ((country and country != "VNM") or kind == "international") and alias not in ambiguous:
                foreign_names.append(alias)
            if entity_id.startswith("org:") and kind in ("government_body", "legislature", "party", "international"):
                official_names.append(alias)
    for row in reference.office_titles:
        if not row["office_id"]:
            continue  # a bare "Bộ trưởng" is generic: an official cue word, not a named office
        official_names.append(row["title"])
        if row["office_id"].split(".", 1)[0].upper() != "VNM":
            foreign_names.append(row["title"])
    return Cues(
        # Triggers are matched case-insensitively: titles capitalise them ("Hội đàm", "Điện mừng").
        contact=PhraseMatcher(triggers, ignore_case=True),
        contact_guard=guards,
        weak_contact=frozenset(c.casefold() for c in by_kind.get("weak_contact", [])),
        named_official=PhraseMatcher(official_names),
        official=PhraseMatcher(official_names + by_kind.get("official", [])),
        party=PhraseMatcher(official_names + foreign_names + by_kind.get("official", []) + by_kind.get("foreign", [])
                            + place_names + [r["alias"] for r in reference.aliases if r["entity_id"].startswith("country:")
                                             and r["alias"] not in ambiguous]),
        named_foreign=PhraseMatcher(foreign_names),
        foreign=PhraseMatcher(foreign_names + by_kind.get("foreign", [])),
        ambiguous_country=PhraseMatcher(ambiguous),
        country_context=PhraseMatcher(by_kind.get("country_context", [])),
        statement=PhraseMatcher(by_kind.get("statement", [])),
        state_actor=PhraseMatcher(country_names),
        excluded=PhraseMatcher(by_kind.get("excluded_topic", [])),
        excluded_topic=excluded_topic,
    )


def _contact_cue(sentence: str, cues: Cues) -> tuple[str, bool] | None:
    """The first contact trigger of the sentence and whether it is a strong one."""
    weak = None
    for match in cues.contact.finditer(sentence):
        guard = cues.contact_guard.get(match.group(0).lower())
        if guard is not None and guard.match(sentence, match.end()):
            continue
        if match.group(0).casefold() not in cues.weak_contact:
            return match.group(0), True
        weak = weak or (match.group(0), False)
    return weak


def _parties(sentence: str, cues: Cues) -> int:
    """How many different parties the sentence names (non-overlapping): officials, bodies, countries
    (Viet Nam too: "Tổng thống Trump thăm Việt Nam" has two) and places (a port visit's host city)."""
    spans = {(m.start(), m.end(), m.group(0).casefold())
             for m in cues.party.finditer(sentence)}
    spans |= {(m.start(), m.end(), m.group(0).casefold()) for m in _countries_in_context(sentence, cues)}
    # A title right before a name ("Tổng thống Mỹ Donald Trump") is one party, not two.
    names, end, current = set(), -1, ""
    for start, stop, name in sorted(spans):
        if start < end:
            continue
        if current and not sentence[end:start].strip():
            names.discard(current)
            current = f"{current} {name}"
        else:
            current = name
        names.add(current)
        end = stop
    return len(names)


def _countries_in_context(sentence: str, cues: Cues) -> list[PhraseMatch]:
    """Ambiguous short country names ("Đức", "Anh") right after a word that makes them countries."""
    return [m for m in cues.ambiguous_country.finditer(sentence)
            if cues.country_context.ending_at(sentence, m.start())]


def _foreign(sentence: str, cues: Cues, named_only: bool) -> str | None:
    match = (cues.named_foreign if named_only else cues.foreign).search(sentence)
    if match:
        return match.group(0)
    in_context = _countries_in_context(sentence, cues)
    return in_context[0].group(0) if in_context else None


def split_sentences(text: str, max_chars: int) -> list[str]:
    return [s[:max_chars] for s in SENTENCE_END_RE.split(text) if s.strip()]


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None


def _position(kind: str, sentence: str, cues: Cues) -> str | None:
    """Evidence of an official position in a title or lead sentence, or None.

    A state speaks through its officials and in its own name ("Nga tuyên bố...", "Trung Quốc
    quan ngại..."), so a country right before the position verb is an actor too, even a short
    name such as "Nga" that elsewhere needs a context word.
    """
    statement = cues.statement.search(sentence)
    if statement is None:
        return None
    state = cues.state_actor.ending_at(sentence, statement.start())
    actor = state.group(0) if state else _first(cues.official, sentence)
    foreign = _foreign(sentence, cues, named_only=False) or (state.group(0) if state else None)
    if actor and foreign:
        return f"{kind}: position '{statement.group(0)}', official '{actor}', foreign '{foreign}'"
    return None


def classify_text(units: list[tuple[str, str]], cues: Cues, config: RelevanceConfig = RelevanceConfig()
                  ) -> tuple[str, str]:
    """(relevance, reason) for a document given as (block kind, text) units in reading order.

    In the title and lead any contact cue, official and foreign word will do: that is where an
    article states its main event. In the body, where every-day senses of "ký", "tiếp", "gặp"
    abound, a weak trigger needs a named official and a named foreign side. Anywhere, a weak
    trigger needs two different parties named in the sentence ("Trump ký sắc lệnh" has one).
    """
    # Contact cues are rare and their pattern small: only a sentence that has one pays for the
    # large name patterns (thousands of aliases), which keeps the stage far cheaper than annotation.
    seen_contact = False
    title = " ".join(text for kind, text in units if kind == "title")
    head_statement = None
    for kind, text in units:
        head = kind in ("title", "lead")
        for sentence in split_sentences(text, config.max_sentence_chars):
            if head and head_statement is None:
                head_statement = _position(kind, sentence, cues)
            contact = _contact_cue(sentence, cues)
            if contact is None:
                continue
            seen_contact = True
            strict = not head and not contact[1]
            official = _first(cues.named_official if strict else cues.official, sentence)
            if official is None:
                continue
            foreign = _foreign(sentence, cues, named_only=not head)
            if foreign and (contact[1] or _parties(sentence, cues) >= 2):
                return DIPLOMATIC_CONTACT, f"{kind}: contact '{contact[0]}', official '{official}', foreign '{foreign}'"
    if head_statement:
        return OFFICIAL_STATEMENT, head_statement
    excluded = _first(cues.excluded, title)
    if excluded and not _contact_cue(title, cues):
        return NOT_RELEVANT, f"excluded_topic:{cues.excluded_topic[_token_key(excluded)]} (title: '{excluded}')"
    whole = "\n".join(text for _, text in units)
    found = {"contact": seen_contact, "official": cues.official.search(whole) is not None,
             "foreign": _foreign(whole, cues, named_only=False) is not None}
    missing = [key for key, present in found.items() if not present]
    if missing:
        return NOT_RELEVANT, "no " + " or ".join(f"{key} cue" for key in missing)
    return NOT_RELEVANT, "no sentence with a contact, an official and a foreign side together"


def classify_documents(documents: pl.DataFrame, blocks: pl.DataFrame, reference: Reference,
                       config: RelevanceConfig = RelevanceConfig()) -> pl.DataFrame:
    """`documents` with `relevance` and `relevance_reason` added (every row kept)."""
    cues = build_cues(reference)
    kept = (
        blocks.filter(pl.col("kept") & pl.col("kind").is_in(list(config.block_kinds)))
        .sort("doc_id", "block_index")
        .group_by("doc_id", maintain_order=True)
        .agg(pl.col("kind"), pl.col("clean_text"))
    )
    units = {row["doc_id"]: list(zip(row["kind"], row["clean_text"])) for row in kept.iter_rows(named=True)}
    decisions = [classify_text(units.get(doc_id, []), cues, config) for doc_id in documents["doc_id"]]
    return documents.with_columns(
        pl.Series("relevance", [d[0] for d in decisions], dtype=pl.String),
        pl.Series("relevance_reason", [d[1] for d in decisions], dtype=pl.String),
    )


def relevant_doc_ids(documents: pl.DataFrame) -> list[str]:
    """Canonical documents that go on to annotation and extraction, in doc_id order."""
    return sorted(documents.filter(pl.col("duplicate_of").is_null() & (pl.col("relevance") != NOT_RELEVANT))["doc_id"])
