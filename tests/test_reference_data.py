"""Format and consistency checks for the reference data in flows/reference/*.tsv.

Plain file reading only (no pipeline or Prefect import), so a broken TSV is reported with the
file, line and reason before any stage trips over it. The checks are small functions returning
lists of problems; `test_checks_can_fail` feeds them broken input to show they do catch it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from flows.stages.relevance import (HANDOVER, LISTED_STATES, ORGANISATION_AFTER, PAIR_BEFORE, STATE_AFTER,
                                   STATES_TOO)

REFERENCE = Path(__file__).resolve().parents[1] / "flows" / "reference"
TSV_FILES = sorted(REFERENCE.glob("*.tsv"))

# Horizon of the data: no date may lie after it.
HORIZON = dt.date(2026, 11, 30)

HEADERS = {
    "people.tsv": ["entity_id", "name", "country", "gender", "note"],
    "aliases.tsv": ["entity_id", "alias", "alias_kind"],
    "countries.tsv": ["entity_id", "name_vi", "name_en", "part_of", "note"],
    "places.tsv": ["entity_id", "name", "kind", "country", "parent_id", "note"],
    "organisations.tsv": ["entity_id", "name", "kind", "country", "note"],
    "offices.tsv": ["office_id", "country", "role", "label_vi", "label_en"],
    "office_titles.tsv": ["title", "office_id", "role", "resolve"],
    "tenures.tsv": ["entity_id", "office_id", "start", "end", "note"],
    "reporting_verbs.tsv": ["verb", "act", "cameo", "after_comma", "note"],
    "event_types.tsv": ["event_type", "cameo", "plover_category", "plover_mode", "description"],
    "event_triggers.tsv": ["trigger", "event_type", "priority", "cameo", "not_followed_by", "not_preceded_by", "sides",
                           "spoken_words", "note"],
    "topics.tsv": ["topic", "keyword"],
    "outlets.tsv": ["kind", "value", "outlet"],
    "relevance_cues.tsv": ["kind", "cue", "topic", "note"],
    "office_heads.tsv": ["head"],
    "naval_forces.tsv": ["kind", "phrase", "country", "note"],
    "country_word_phrases.tsv": ["phrase", "country", "note"],
    "government_seats.tsv": ["place_id", "note"],
    "state_capitals.tsv": ["place_id", "note"],
    "meeting_hosts.tsv": ["entity_id", "note"],
    "message_receivers.tsv": ["entity_id", "note"],
    "speaker_heads.tsv": ["kind", "phrase", "note"],
    "leader_roles.tsv": ["role", "rank", "note"],
    "honorifics.tsv": ["word", "gender", "note"],
}

KEYS = {
    "people.tsv": ("entity_id",),
    "countries.tsv": ("entity_id",),
    "places.tsv": ("entity_id",),
    "organisations.tsv": ("entity_id",),
    "offices.tsv": ("office_id",),
    "reporting_verbs.tsv": ("verb",),
    "event_triggers.tsv": ("trigger",),
    "event_types.tsv": ("event_type",),
    "office_titles.tsv": ("title",),
    "aliases.tsv": ("entity_id", "alias"),
    "topics.tsv": ("topic", "keyword"),
    "outlets.tsv": ("kind", "value"),
    "relevance_cues.tsv": ("kind", "cue"),
    "office_heads.tsv": ("head",),
    "naval_forces.tsv": ("kind", "phrase"),
    "country_word_phrases.tsv": ("phrase",),
    "government_seats.tsv": ("place_id",),
    "state_capitals.tsv": ("place_id",),
    "meeting_hosts.tsv": ("entity_id",),
    "message_receivers.tsv": ("entity_id",),
    "honorifics.tsv": ("word",),
}

TOPICS = {
    "energy", "oil_gas", "nuclear", "defence", "security", "trade", "investment", "education", "culture",
    "tourism", "science_technology", "transport", "labour", "agriculture", "health", "maritime",
    "south_china_sea", "ukraine", "party_relations", "people_to_people", "multilateral",
}
ALIAS_KINDS = {"full", "short", "surname", "given_name", "initial", "transliteration", "misspelling", "abbreviation"}
PLACE_KINDS = {"city", "building", "region"}
ORG_KINDS = {"party", "government_body", "legislature", "international", "news_agency", "other"}
ROLES = {
    "general_secretary", "state_president", "president", "prime_minister", "legislature_chair",
    "foreign_minister", "ambassador", "party_chair", "security_council_deputy_chair", "defence_minister",
    "public_security_minister", "monarch", "supreme_leader", "state_counsellor", "org_secretary_general",
    "commission_president", "council_president", "high_representative", "vice_president", "org_head",
    "national_security_advisor", "spokesperson", "trade_minister",
}
# Roles with no office row (no holder lookup): held by several people at once, or an heir's (a crown
# prince holds no office of `offices.tsv`); titles with these roles always resolve by coreference.
OFFICELESS_ROLES = {"deputy_prime_minister", "deputy_minister", "envoy", "crown_prince"}

ENTITY_ID_RE = re.compile(r"^(?:(?:person|place|org):[a-z0-9]+(?:-[a-z0-9]+)*|country:[A-Z]{3})$")
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# New-style tone placement in an open oa/oe/uy syllable ("hoà", "khoẻ", "thuỷ"); the pipeline
# normalises article text to the old style ("hòa", "khỏe", "thủy"), so the gazetteer must match it.
# "qu" is a consonant cluster, so "quý" is the same in both styles and is excluded.
NEW_STYLE_RE = re.compile(r"(?<![qQ])(?:[oO][àáảãạ]|[oO][èéẻẽẹ]|[uU][ỳýỷỹỵ])(?!\w)")


# --- reading ---------------------------------------------------------------------------------

def read_raw(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # strict: invalid UTF-8 fails here


def split_table(text: str) -> tuple[list[str], list[list[str]]]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    header = lines[0].split("\t") if lines else []
    return header, [line.split("\t") for line in lines[1:]]


def table(name: str) -> list[dict[str, str]]:
    header, rows = split_table(read_raw(REFERENCE / name))
    return [dict(zip(header, row)) for row in rows]


def entity_tables() -> dict[str, dict[str, str]]:
    """entity_id -> canonical name, over people, countries, places and organisations."""
    names = {}
    for name, column in (("people.tsv", "name"), ("countries.tsv", "name_vi"),
                         ("places.tsv", "name"), ("organisations.tsv", "name")):
        for row in table(name):
            names[row["entity_id"]] = row[column]
    return names


# --- checks (each returns a list of problems) --------------------------------------------------

def format_problems(text: str) -> list[str]:
    problems = []
    if "\r" in text:
        problems.append("carriage return found: line endings must be \\n")
    if text.startswith("\ufeff"):
        problems.append("byte order mark at start of file")
    if not text.endswith("\n"):
        problems.append("file does not end with a newline")
    if text.endswith("\n\n") or "\n\n" in text:
        problems.append("empty line (trailing or inside the file)")
    header, rows = split_table(text)
    if not header or any(not cell for cell in header) or len(set(header)) != len(header):
        problems.append(f"missing or malformed header: {header!r}")
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            problems.append(f"line {number}: {len(row)} cells, header has {len(header)}")
        for cell in row:
            if cell != cell.strip():
                problems.append(f"line {number}: cell with surrounding whitespace: {cell!r}")
            if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
                problems.append(f"line {number}: quoted cell {cell!r} (files are read without quoting)")
    return problems


def nfc_problems(rows: list[list[str]]) -> list[str]:
    return [f"row {row}: not NFC" for row in rows if any(unicodedata.normalize("NFC", c) != c for c in row)]


def tone_problems(rows: list[list[str]]) -> list[str]:
    return [f"row {row}: new-style tone mark {m.group(0)!r}"
            for row in rows for cell in row for m in NEW_STYLE_RE.finditer(cell)]


def sort_problems(rows: list[list[str]]) -> list[str]:
    for index in range(1, len(rows)):
        if rows[index - 1] > rows[index]:
            return [f"rows not sorted: {rows[index - 1]!r} comes before {rows[index]!r}"]
    return []


def duplicate_problems(rows: list[list[str]]) -> list[str]:
    seen, problems = set(), []
    for row in rows:
        if tuple(row) in seen:
            problems.append(f"duplicate row {row!r}")
        seen.add(tuple(row))
    return problems


def key_problems(header: list[str], rows: list[list[str]], key: tuple[str, ...]) -> list[str]:
    positions = [header.index(column) for column in key]
    seen, problems = set(), []
    for row in rows:
        value = tuple(row[p] for p in positions)
        if value in seen:
            problems.append(f"duplicate key {value!r}")
        seen.add(value)
    return problems


def parse_date(value: str) -> dt.date:
    if not ISO_DATE_RE.match(value):
        raise ValueError(f"not YYYY-MM-DD: {value!r}")
    return dt.date.fromisoformat(value)


def tenure_problems(rows: list[dict[str, str]]) -> list[str]:
    problems = []
    by_office = defaultdict(list)
    for row in rows:
        try:
            start = parse_date(row["start"])
            end = parse_date(row["end"]) if row["end"] else None
        except ValueError as error:
            problems.append(f"{row['entity_id']} {row['office_id']}: {error}")
            continue
        if end is not None and end < start:
            problems.append(f"{row['entity_id']} {row['office_id']}: end {end} before start {start}")
        if start > HORIZON or (end is not None and end > HORIZON):
            problems.append(f"{row['entity_id']} {row['office_id']}: date after {HORIZON}")
        by_office[row["office_id"]].append((start, end, row["entity_id"]))
    for office, spans in by_office.items():
        spans.sort(key=lambda s: (s[0], s[1] or dt.date.max))
        for (start_a, end_a, who_a), (start_b, _end_b, who_b) in zip(spans, spans[1:]):
            # Consecutive holders may share the hand-over day, no more.
            if end_a is None or start_b < end_a:
                problems.append(f"{office}: {who_a} (from {start_a} to {end_a or 'open'}) overlaps "
                                f"{who_b} (from {start_b})")
    return problems


# --- per-file checks -------------------------------------------------------------------------

def test_reference_folder_has_the_expected_files():
    present = {path.name for path in TSV_FILES}
    assert set(HEADERS) <= present, sorted(set(HEADERS) - present)
    assert (REFERENCE / "README.md").is_file()


@pytest.mark.parametrize("path", TSV_FILES, ids=lambda p: p.name)
def test_file_format(path: Path):
    text = read_raw(path)
    assert format_problems(text) == []
    header, rows = split_table(text)
    if path.name in HEADERS:
        assert header == HEADERS[path.name]
    assert nfc_problems([header, *rows]) == []
    assert tone_problems(rows) == []
    assert sort_problems(rows) == []
    assert duplicate_problems(rows) == []
    if path.name in KEYS:
        assert key_problems(header, rows, KEYS[path.name]) == []


# --- cross-file and content checks -----------------------------------------------------------

def test_entity_ids_are_well_formed():
    for name, prefix in (("people.tsv", "person:"), ("countries.tsv", "country:"),
                         ("places.tsv", "place:"), ("organisations.tsv", "org:")):
        for row in table(name):
            assert ENTITY_ID_RE.match(row["entity_id"]), row
            assert row["entity_id"].startswith(prefix), row


def test_entity_ids_are_unique_across_tables():
    ids = [row["entity_id"] for name in ("people.tsv", "countries.tsv", "places.tsv", "organisations.tsv")
           for row in table(name)]
    assert len(ids) == len(set(ids))


def test_people_columns():
    countries = {row["entity_id"] for row in table("countries.tsv")}
    for row in table("people.tsv"):
        assert row["name"], row
        assert row["gender"] in {"m", "f"}, row
        assert f"country:{row['country']}" in countries, row


def test_honorifics_give_a_gender_of_people_tsv_or_none():
    rows = table("honorifics.tsv")
    assert rows
    for row in rows:
        assert row["word"] == row["word"].casefold(), row  # matched against casefolded surfaces
        assert row["gender"] in {"m", "f", ""}, row


def test_countries_part_of_a_state():
    rows = {row["entity_id"]: row for row in table("countries.tsv")}
    for row in rows.values():
        if row["part_of"]:
            sovereign = rows[f"country:{row['part_of']}"]
            assert not sovereign["part_of"], row
            assert "not a state" in row["note"], row


def test_places_columns():
    places = {row["entity_id"]: row for row in table("places.tsv")}
    countries = {row["entity_id"] for row in table("countries.tsv")}
    for row in places.values():
        assert row["kind"] in PLACE_KINDS, row
        assert f"country:{row['country']}" in countries, row
        if row["kind"] == "city":
            assert row["parent_id"] == "", row
        if row["kind"] == "building":
            assert row["parent_id"], row
        if row["parent_id"]:
            parent = places.get(row["parent_id"])
            assert parent is not None, row
            assert parent["kind"] in {"city", "region"}, row
            assert parent["country"] == row["country"], row


def test_organisations_columns():
    countries = {row["entity_id"] for row in table("countries.tsv")}
    for row in table("organisations.tsv"):
        assert row["kind"] in ORG_KINDS, row
        if row["country"]:
            assert f"country:{row['country']}" in countries, row
        if row["kind"] == "international":
            assert row["country"] == "", row


def test_alias_entities_exist_and_kinds_are_known():
    entities = entity_tables()
    for row in table("aliases.tsv"):
        assert row["entity_id"] in entities, row
        assert row["alias_kind"] in ALIAS_KINDS, row
        assert row["alias"], row
        if row["alias_kind"] in {"surname", "given_name", "initial"}:
            assert row["entity_id"].startswith("person:"), row


def test_every_entity_has_its_name_as_full_alias():
    full = {(row["entity_id"], row["alias"]) for row in table("aliases.tsv") if row["alias_kind"] == "full"}
    missing = [(entity_id, name) for entity_id, name in entity_tables().items() if (entity_id, name) not in full]
    assert missing == []


def test_offices():
    countries = {row["entity_id"] for row in table("countries.tsv")}
    international = {row["entity_id"] for row in table("organisations.tsv") if row["kind"] == "international"}
    for row in table("offices.tsv"):
        if row["country"] == "":
            # An office of an international organisation ("un.secretary_general"): no country, and
            # the prefix names an organisation of kind `international`.
            assert re.fullmatch(r"[a-z]+\.[a-z_]+", row["office_id"]), row
            assert f"org:{row['office_id'].split('.')[0]}" in international, row
        else:
            assert re.fullmatch(r"[a-z]{3}\.[a-z_]+", row["office_id"]), row
            assert row["office_id"].split(".")[0] == row["country"].lower(), row
            assert f"country:{row['country']}" in countries, row
        assert row["role"] in ROLES, row
        assert row["label_vi"] and row["label_en"], row


def test_leader_roles_are_known_roles_with_a_rank():
    rows = table("leader_roles.tsv")
    assert rows and all(row["role"] in ROLES and row["rank"].isdigit() for row in rows), rows


def test_office_titles_point_to_offices_and_roles():
    offices = {row["office_id"]: row for row in table("offices.tsv")}
    roles = {row["role"] for row in offices.values()}
    by_folded = {}
    for row in table("office_titles.tsv"):
        assert row["role"] in roles or (row["role"] in OFFICELESS_ROLES and row["resolve"] == "coref"), row
        assert row["resolve"] in {"holder", "coref"}, row
        if row["resolve"] == "holder":
            assert row["office_id"] in offices, row
            assert offices[row["office_id"]]["role"] == row["role"], row
        else:
            assert row["office_id"] == "", row
        # The pipeline matches titles case-insensitively: case variants must agree.
        key = row["title"].casefold()
        value = (row["office_id"], row["role"], row["resolve"])
        assert by_folded.setdefault(key, value) == value, row


def test_tenures_refer_to_people_and_offices():
    people = {row["entity_id"] for row in table("people.tsv")}
    offices = {row["office_id"] for row in table("offices.tsv")}
    for row in table("tenures.tsv"):
        assert row["entity_id"] in people, row
        assert row["office_id"] in offices, row


def test_tenure_dates_parse_and_do_not_overlap():
    assert tenure_problems(table("tenures.tsv")) == []


def test_every_office_has_a_tenure():
    held = {row["office_id"] for row in table("tenures.tsv")}
    assert [row["office_id"] for row in table("offices.tsv") if row["office_id"] not in held] == []


def holder_on(office_id: str, day: dt.date) -> str | None:
    """Later start wins on a hand-over day, as in the pipeline's loader."""
    holders = []
    for row in table("tenures.tsv"):
        if row["office_id"] != office_id:
            continue
        start = parse_date(row["start"])
        end = parse_date(row["end"]) if row["end"] else None
        if start <= day and (end is None or day <= end):
            holders.append((start, row["entity_id"]))
    return max(holders)[1] if holders else None


@pytest.mark.parametrize(("office_id", "day", "expected"), [
    ("vnm.general_secretary", "2011-01-19", "person:nguyen-phu-trong"),
    ("vnm.general_secretary", "2024-07-19", "person:nguyen-phu-trong"),
    ("vnm.general_secretary", "2024-07-25", None),
    ("vnm.general_secretary", "2024-08-03", "person:to-lam"),
    ("vnm.general_secretary", "2026-02-01", "person:to-lam"),
    ("vnm.state_president", "2019-06-01", "person:nguyen-phu-trong"),
    ("vnm.state_president", "2021-04-05", "person:nguyen-xuan-phuc"),
    ("vnm.state_president", "2023-06-01", "person:vo-van-thuong"),
    ("vnm.state_president", "2024-06-20", "person:to-lam"),
    ("vnm.state_president", "2024-10-21", "person:luong-cuong"),
    ("vnm.prime_minister", "2016-04-06", "person:nguyen-tan-dung"),
    ("vnm.prime_minister", "2016-04-07", "person:nguyen-xuan-phuc"),
    ("vnm.prime_minister", "2025-01-14", "person:pham-minh-chinh"),
    ("rus.president", "2011-11-01", "person:dmitry-medvedev"),
    ("rus.president", "2012-05-07", "person:vladimir-putin"),
    ("rus.prime_minister", "2012-05-08", "person:dmitry-medvedev"),
    ("rus.prime_minister", "2020-01-15", "person:dmitry-medvedev"),
    ("rus.prime_minister", "2020-01-16", "person:mikhail-mishustin"),
    ("rus.security_council_deputy_chair", "2020-01-16", "person:dmitry-medvedev"),
    ("rus.united_russia_chair", "2012-05-26", "person:dmitry-medvedev"),
    ("rus.foreign_minister", "2011-01-01", "person:sergey-lavrov"),
    ("vnm.foreign_minister", "2026-02-15", "person:le-hoai-trung"),
])
def test_known_holders(office_id: str, day: str, expected: str | None):
    assert holder_on(office_id, dt.date.fromisoformat(day)) == expected


def test_vietnam_and_russia_offices_are_covered_from_2011():
    """Each Vietnamese and Russian office has an open (current) tenure, and its first known tenure
    starts by 2014 at the latest (ambassadors have a known gap before 2014)."""
    rows = table("tenures.tsv")
    for office in table("offices.tsv"):
        if office["country"] not in {"VNM", "RUS"}:
            continue
        mine = [r for r in rows if r["office_id"] == office["office_id"]]
        assert any(r["end"] == "" for r in mine), office
        first = min(parse_date(r["start"]) for r in mine)
        if office["office_id"] == "rus.security_council_deputy_chair":
            continue  # post created in January 2020
        assert first <= dt.date(2014, 12, 31), office


def test_reporting_verbs():
    for row in table("reporting_verbs.tsv"):
        assert row["verb"] == row["verb"].lower(), row
        assert re.fullmatch(r"[a-z_]+", row["act"]), row
        assert re.fullmatch(r"\d{3}", row["cameo"]), row


def test_required_reporting_verbs_present():
    verbs = {row["verb"]: row["act"] for row in table("reporting_verbs.tsv")}
    required = {
        "khẳng định": "affirm", "nhấn mạnh": "emphasize", "bày tỏ nhất trí": "agree", "đánh giá cao": "appreciate",
        "chúc mừng": "congratulate", "cảm ơn": "thank", "cám ơn": "thank", "mời": "invite", "đề nghị": "propose",
        "mong muốn": "wish", "tin tưởng": "believe", "cho biết": "state", "tuyên bố": "declare",
        "hoan nghênh": "welcome", "nhất trí": "agree", "chuyển lời": "convey", "kêu gọi": "appeal",
        "cam kết": "commit", "nhận lời": "accept", "chia buồn": "condole", "phản đối": "oppose",
        "bác bỏ": "reject", "nhắc lại": "reiterate", "cảnh báo": "warn", "sẵn sàng": "express_readiness",
        "hối thúc": "urge", "thúc giục": "urge",
    }
    assert {verb: verbs.get(verb) for verb in required} == required


def test_event_types():
    from schemas.events import EVENT_TYPES  # the released schema's list (a schema, not the pipeline)

    rows = table("event_types.tsv")
    assert {row["event_type"] for row in rows} == set(EVENT_TYPES)
    for row in rows:
        assert re.fullmatch(r"\d{3}", row["cameo"]), row
        assert re.fullmatch(r"[A-Z]+", row["plover_category"]), row


def test_event_triggers():
    types = {row["event_type"] for row in table("event_types.tsv")}
    rows = table("event_triggers.tsv")
    for row in rows:
        assert row["event_type"] in types, row
        assert row["trigger"] == row["trigger"].lower(), row
        assert re.fullmatch(r"\d+", row["priority"]), row
        assert row["sides"] in ("", HANDOVER, LISTED_STATES, STATES_TOO, STATE_AFTER, ORGANISATION_AFTER,
                                PAIR_BEFORE), row
        assert row["spoken_words"] in ("", "yes"), row
        # words spoken to someone (a congratulation) or a welcome said to a guest ("chào đón")
        assert row["spoken_words"] == "" or row["event_type"] in ("message", "reception"), row
    assert types == {row["event_type"] for row in rows}  # every type has a trigger


def test_topics():
    rows = table("topics.tsv")
    counts = defaultdict(int)
    for row in rows:
        assert row["keyword"] == row["keyword"].lower(), row
        counts[row["topic"]] += 1
    assert set(counts) == TOPICS
    assert all(8 <= n <= 20 for n in counts.values()), dict(counts)


def test_country_word_phrases_hold_a_one_word_name_of_their_state():
    one_word = {(row["entity_id"], row["alias"]) for row in table("aliases.tsv")
                if row["entity_id"].startswith("country:") and " " not in row["alias"]}
    for row in table("country_word_phrases.tsv"):
        words = row["phrase"].split(" ")
        assert len(words) >= 2 and row["note"], row
        assert (f"country:{row['country']}", words[0]) in one_word or (f"country:{row['country']}", words[-1]) in one_word, row


@pytest.mark.parametrize("name, kind", [
    ("government_seats.tsv", "building"),  # "Điện Kremlin cho biết": the building stands for its government
    ("state_capitals.tsv", "city"),  # "Moscow và Damascus đã ký": the capital stands for its state
])
def test_places_that_stand_for_a_government_are_places_of_their_state(name, kind):
    places = {row["entity_id"]: row for row in table("places.tsv")}
    rows = table(name)
    assert rows
    for row in rows:
        place = places.get(row["place_id"])
        assert place is not None and place["kind"] == kind and place["country"] and row["note"], row


@pytest.mark.parametrize("file", ["meeting_hosts.tsv", "message_receivers.tsv"])
def test_organisation_lists_hold_international_organisations(file):
    organisations = {row["entity_id"]: row for row in table("organisations.tsv")}
    rows = table(file)
    assert rows
    for row in rows:
        organisation = organisations.get(row["entity_id"])
        assert organisation is not None and organisation["kind"] == "international" and row["note"], row


def test_one_capital_per_state():
    places = {row["entity_id"]: row for row in table("places.tsv")}
    states = [places[row["place_id"]]["country"] for row in table("state_capitals.tsv")]
    assert len(states) == len(set(states))


def test_outlets():
    for row in table("outlets.tsv"):
        assert row["kind"] in {"host", "marker"}, row
        if row["kind"] == "host":
            assert row["value"] == row["value"].lower(), row
            assert not row["value"].startswith("www."), row
            assert "/" not in row["value"] and ":" not in row["value"], row
            assert row["outlet"], row


# --- the checks themselves must be able to fail ----------------------------------------------

def test_checks_can_fail():
    assert sort_problems([["b", "1"], ["a", "2"]])
    assert sort_problems([["a", "2"], ["a", "10"]])  # codepoint order, not numeric
    assert not sort_problems([["a", "10"], ["a", "2"]])
    assert duplicate_problems([["a"], ["a"]])
    assert key_problems(["k", "v"], [["a", "1"], ["a", "2"]], ("k",))
    assert nfc_problems([[unicodedata.normalize("NFD", "Tô Lâm")]])
    assert tone_problems([["Cộng hoà"]]) and tone_problems([["khoẻ"]]) and tone_problems([["thuỷ"]])
    assert not tone_problems([["Cộng hòa", "khỏe", "thủy", "quý", "Hoàng", "Quỳnh"]])
    assert format_problems("a\tb\n1\n")  # missing cell
    assert format_problems("a\tb\r\n1\t2\r\n")
    assert format_problems("a\tb\n1\t2\n\n")
    assert format_problems("a\tb\n1\t2")
    assert format_problems('a\tb\n"1"\t2\n')
    assert not format_problems("a\tb\n1\t2\n")
    overlapping = [
        {"entity_id": "person:a", "office_id": "x.y", "start": "2010-01-01", "end": "2012-01-01"},
        {"entity_id": "person:b", "office_id": "x.y", "start": "2011-12-30", "end": ""},
    ]
    assert tenure_problems(overlapping)
    handover = [dict(overlapping[0]), dict(overlapping[1], start="2012-01-01")]
    assert not tenure_problems(handover)
    assert tenure_problems([dict(overlapping[0], end="2009-01-01")])
    assert tenure_problems([dict(overlapping[0], start="2010-1-1")])
