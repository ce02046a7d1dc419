"""Loader for the reference data (gazetteers and lexicons) kept as TSV files beside this module.

The facts live in the TSV files (see README.md here for where each comes from); this module only
reads them into lookup structures. Loading is cached per folder, so every stage of a run shares
one immutable copy.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a reference TSV as dicts; a malformed file fails with a one-line reason."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = []
        for line_no, row in enumerate(reader, start=2):
            if None in row or any(value is None for value in row.values()):
                raise ValueError(f"{path.name}:{line_no}: wrong number of tab-separated cells")
            rows.append({k: unicodedata.normalize("NFC", v) for k, v in row.items()})
    return rows


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Tenure:
    entity_id: str
    office_id: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


# eq=False: identity hashing, so a loaded Reference can key caches of derived structures.
@dataclass(frozen=True, eq=False)
class Reference:
    """Every lookup the stages need, built once from the TSV files."""

    folder: Path
    people: dict[str, dict[str, str]]
    countries: dict[str, dict[str, str]]
    places: dict[str, dict[str, str]]
    organisations: dict[str, dict[str, str]]
    aliases: list[dict[str, str]]
    offices: dict[str, dict[str, str]]
    office_titles: list[dict[str, str]]
    tenures: list[Tenure]
    reporting_verbs: dict[str, dict[str, str]]
    event_types: dict[str, dict[str, str]]
    event_triggers: list[dict[str, str]]
    topics: dict[str, tuple[str, ...]]
    outlet_hosts: dict[str, str]
    outlet_markers: dict[str, str]
    block_patterns: list[tuple[str, re.Pattern[str], str]]
    abbreviations: frozenset[str]
    speaker_phrases: dict[str, str]
    surnames: frozenset[str]
    # Words that begin or end with a state's one-word name and do not name it ("Pháp luật", "Ý kiến",
    # "tiếng Anh"): `country_word_phrases.tsv`.
    country_word_phrases: tuple[str, ...] = ()
    # Buildings whose name stands for a government ("Điện Kremlin cho biết"): `government_seats.tsv`.
    government_seats: frozenset[str] = frozenset()
    # Capitals whose name stands for their state's government when named as a side ("Moscow và Damascus
    # đã ký một thỏa thuận"): `state_capitals.tsv`.
    state_capitals: frozenset[str] = frozenset()
    # International organisations whose summit or meeting a leader attends as one side of a contact, the
    # organisation the other ("tham dự hội nghị thượng đỉnh NATO"): `meeting_hosts.tsv`.
    meeting_hosts: frozenset[str] = frozenset()
    # International organisations that states send things to or ask to meet, each such act a message
    # ("Nga đã gửi các bằng chứng tới LHQ"): `message_receivers.tsv`.
    message_receivers: frozenset[str] = frozenset()
    # Honorifics before a name ("ông", "bà", "đồng chí", "ngài") -> the gender they give ("m", "f" or
    # ""): `honorifics.tsv`.
    honorifics: dict[str, str] = field(default_factory=dict)
    tenures_by_office: dict[str, list[Tenure]] = field(default_factory=dict)
    tenures_by_person: dict[str, list[Tenure]] = field(default_factory=dict)

    def entity(self, entity_id: str) -> dict[str, str] | None:
        for table in (self.people, self.countries, self.places, self.organisations):
            if entity_id in table:
                return table[entity_id]
        return None

    def entity_name(self, entity_id: str) -> str:
        row = self.entity(entity_id) or {}
        return row.get("name") or row.get("name_vi") or entity_id

    def entity_country(self, entity_id: str) -> str | None:
        if entity_id.startswith("country:"):
            return entity_id.split(":", 1)[1]
        row = self.entity(entity_id) or {}
        return row.get("country") or None

    def sovereign(self, country: str | None) -> str | None:
        """The state a territory belongs to (`part_of` in countries.tsv: Hong Kong and Macau are
        China's), else the country itself."""
        row = self.countries.get(f"country:{country}") if country else None
        return (row or {}).get("part_of") or country

    def holder_on(self, office_id: str, day: dt.date | None) -> str | None:
        """Who held `office_id` on `day`; None when unknown, vacant or the day is unknown."""
        if day is None:
            return None
        holders = [t.entity_id for t in self.tenures_by_office.get(office_id, []) if t.covers(day)]
        # On a hand-over day both tenures cover the day; the incoming holder is the later start.
        return holders[-1] if holders else None

    def offices_held(self, entity_id: str, day: dt.date | None) -> list[str]:
        tenures = self.tenures_by_person.get(entity_id, [])
        if day is None:
            return []
        return [t.office_id for t in tenures if t.covers(day)]

    def roles_held(self, entity_id: str, day: dt.date | None) -> set[str]:
        return {self.offices[o]["role"] for o in self.offices_held(entity_id, day) if o in self.offices}

    def offices_of_role(self, entity_id: str, role: str | None) -> list[str]:
        """Every office of role `role` that `entity_id` ever held, sorted (none without a role)."""
        return sorted({t.office_id for t in self.tenures_by_person.get(entity_id, [])
                       if role and self.offices.get(t.office_id, {}).get("role") == role})


def _by_key(rows: list[dict[str, str]], key: str) -> dict[str, dict[str, str]]:
    return {row[key]: row for row in rows}


@functools.lru_cache(maxsize=4)
def load_reference(folder: Path = REFERENCE_DIR) -> Reference:
    def rows(name: str) -> list[dict[str, str]]:
        return read_tsv(folder / name)

    tenures = [
        Tenure(r["entity_id"], r["office_id"], _date(r["start"]), _date(r["end"]))
        for r in rows("tenures.tsv")
    ]
    tenures.sort(key=lambda t: (t.office_id, t.start or dt.date.min, t.entity_id))
    by_office: dict[str, list[Tenure]] = {}
    by_person: dict[str, list[Tenure]] = {}
    for tenure in tenures:
        by_office.setdefault(tenure.office_id, []).append(tenure)
        by_person.setdefault(tenure.entity_id, []).append(tenure)
    topics: dict[str, list[str]] = {}
    for row in rows("topics.tsv"):
        topics.setdefault(row["topic"], []).append(row["keyword"])
    outlets = rows("outlets.tsv")
    return Reference(
        folder=folder,
        people=_by_key(rows("people.tsv"), "entity_id"),
        countries=_by_key(rows("countries.tsv"), "entity_id"),
        places=_by_key(rows("places.tsv"), "entity_id"),
        organisations=_by_key(rows("organisations.tsv"), "entity_id"),
        aliases=rows("aliases.tsv"),
        offices=_by_key(rows("offices.tsv"), "office_id"),
        office_titles=rows("office_titles.tsv"),
        tenures=tenures,
        reporting_verbs=_by_key(rows("reporting_verbs.tsv"), "verb"),
        event_types=_by_key(rows("event_types.tsv"), "event_type"),
        event_triggers=rows("event_triggers.tsv"),
        topics={k: tuple(v) for k, v in topics.items()},
        outlet_hosts={r["value"].lower(): r["outlet"] for r in outlets if r["kind"] == "host"},
        outlet_markers={r["value"]: r["outlet"] for r in outlets if r["kind"] == "marker"},
        block_patterns=[
            (r["kind"], re.compile(r["pattern"], re.IGNORECASE), r["reason"])
            for r in rows("block_patterns.tsv")
        ],
        abbreviations=frozenset(r["abbreviation"] for r in rows("abbreviations.tsv")),
        speaker_phrases={r["phrase"]: r["speaker_type"] for r in rows("speaker_phrases.tsv")},
        surnames=frozenset(r["surname"] for r in rows("vietnamese_surnames.tsv")),
        country_word_phrases=tuple(r["phrase"] for r in rows("country_word_phrases.tsv")),
        government_seats=frozenset(r["place_id"] for r in rows("government_seats.tsv")),
        state_capitals=frozenset(r["place_id"] for r in rows("state_capitals.tsv")),
        meeting_hosts=frozenset(r["entity_id"] for r in rows("meeting_hosts.tsv")),
        message_receivers=frozenset(r["entity_id"] for r in rows("message_receivers.tsv")),
        honorifics={r["word"]: r["gender"] for r in rows("honorifics.tsv")},
        tenures_by_office=by_office,
        tenures_by_person=by_person,
    )


def entities_table(reference: Reference):
    """The reference entities as the release's `entities` table (one row per entity)."""
    import polars as pl

    aliases: dict[str, list[str]] = {}
    for row in reference.aliases:
        aliases.setdefault(row["entity_id"], []).append(row["alias"])
    offices: dict[str, list[dict]] = {}
    for tenure in reference.tenures:
        label = reference.offices.get(tenure.office_id, {}).get("label_en")
        offices.setdefault(tenure.entity_id, []).append(
            {"office_id": tenure.office_id, "label_en": label, "start": tenure.start, "end": tenure.end})
    rows = []
    for entity_type, table, name_key in (("person", reference.people, "name"), ("country", reference.countries, "name_vi"),
                                         ("place", reference.places, "name"),
                                         ("organisation", reference.organisations, "name")):
        for entity_id, row in table.items():
            rows.append({
                "entity_id": entity_id, "entity_type": entity_type, "name": row[name_key],
                "country": entity_id.split(":", 1)[1] if entity_type == "country" else (row.get("country") or None),
                "aliases": sorted(set(aliases.get(entity_id, []))),
                "offices": sorted(offices.get(entity_id, []), key=lambda o: (o["start"] or dt.date.min, o["office_id"])),
            })
    schema = {"entity_id": pl.String, "entity_type": pl.String, "name": pl.String, "country": pl.String,
              "aliases": pl.List(pl.String),
              "offices": pl.List(pl.Struct({"office_id": pl.String, "label_en": pl.String, "start": pl.Date,
                                            "end": pl.Date}))}
    return pl.DataFrame(sorted(rows, key=lambda r: r["entity_id"]), schema=schema)
