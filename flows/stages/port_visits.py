"""Naval port visits: a warship or coast-guard ship of one state calling at a port of another.

"Tàu hộ vệ tên lửa dẫn đường HMAS Ballarat của hải quân Úc cập cảng Tiên Sa, Đà Nẵng …, bắt đầu
chuyến thăm thiện chí Việt Nam": the visitor is a ship or a navy, not a person, so the contact
rules of `extract` find no side for it. The gold sets count such a call as a visit hosted by the
state (`tests/gold/baomoi/README.md`, blind9's hard cases). This module reads one sentence around
one visit trigger and says who called where.

Guarantees:
- a visit only when, in the trigger's clause, a naval force or a warship of one state comes before
  the trigger and a host of another state comes after it; or, for a welcome (`find_port_welcomes`,
  "Hải quân Việt Nam đã tổ chức lễ đón tàu hải quân Mỹ …"), the host (its navy, else its state or
  place) before the trigger and the ships or navies of other states after it;
- the visiting state comes from the words of `reference/naval_forces.tsv`: a ship prefix ("USS",
  "HMAS"), a force followed by its state ("Hải quân Nga", "Lực lượng Bảo vệ bờ biển Nhật Bản"), or
  a warship word followed by its state within a few words ("Tàu chiến Mỹ", "Tàu hộ vệ tên lửa Úc");
- the host is the first country, or place of the reference data with its country, named after
  the trigger in the same clause;
- no visit when a word of the clause before the trigger says it has not taken place now (a plan,
  a possibility, a refusal, a habit: `no_visit` words);
- the visitor's name is as the text writes it: the ship's name with its prefix when given (a hull
  code after it dropped), else the force or the warship phrase;
- ships named with their prefixes in a list that ends with the visitor ("tàu khu trục USS Coronado
  (LCS-4) và tàu cứu hộ USNS Salvor (T-ARS-52) cập cảng"), and the other ships of a welcomed state
  ("lễ đón tàu USNS Fall River và tàu USS Sampson"), are its `companions`, each with its own state:
  one visit each, as the gold sets count them (blind34's and blind84's USS Coronado and USNS Salvor);
- `ship_arriving` gives the state of a ship named with its prefix right before an arrival verb ("USS
  Nimitz của Mỹ đã tới Ấn Độ"), unless a state sends it there ("Mỹ điều tàu … tới …"): `extract` then reads
  the arrival as a port visit, and relevance takes its place as the sentence's contact cue;
- `find_commander` gives the officer a sentence says commands the ship or the flotilla ("do trung
  tá David Landon chỉ huy"), named with a rank of the reference words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from flows.reference import Reference, read_tsv
from flows.stages.annotate import NAME_WORD_RE

# A warship word and its state: "Tàu chiến Mỹ", "Tàu hộ vệ tên lửa Úc", "tàu chiến của Hải quân Nga".
VESSEL_TO_STATE_CHARS = 40
# A ship's name after its prefix: capitalised words, initials ("USS Dwight D. Eisenhower").
SHIP_NAME_RE = r"(?:[A-Z][\w'’-]*\.?)(?:\s+[A-Z][\w'’-]*\.?)*"
CLAUSE_BREAK_RE = re.compile(r";")
# Between two ships of one list: the first one's hull code, "," or "và", and the second one's kind
# ("USS Coronado (LCS-4) và tàu cứu hộ USNS Salvor").
SHIP_LIST_GAP_RE = re.compile(r"(?:\s*\([^()]{1,20}\)|\s+\d+)?\s*(?:,\s*(?:và\s+)?|\s+và\s+|\s+cùng(?:\s+với)?\s+)(.*)",
                              re.DOTALL)
# The next ship's kind: "tàu hộ vệ tên lửa dẫn đường" (the module docstring's HMAS Ballarat) has 7 words.
SHIP_KIND_WORDS = 8


@dataclass(frozen=True)
class NavalLexicon:
    prefixes: re.Pattern[str]  # "USS Coronado": group 1 the prefix, group 2 the ship's name
    prefix_country: dict[str, str]
    forces: re.Pattern[str]
    vessels: re.Pattern[str]
    no_visit: re.Pattern[str]  # no visit now: a plan, a possibility, a refusal, a habit ("có thể sẽ thăm")
    commander: re.Pattern[str]  # "do Đại tá Toyota Chikara, Chỉ huy tàu dẫn đầu": ends where the name starts


@dataclass(frozen=True)
class PortVisit:
    visitor: str  # as written: "USS Coronado", "Hải quân Nga", "Tàu hộ vệ tên lửa Úc"
    visitor_country: str
    host_country: str
    names_ship: bool  # the visitor is a ship named with its prefix ("USS Coronado")
    companions: tuple[tuple[str, str], ...] = ()  # (name, state): other ships listed with it, a visit each


@functools.lru_cache(maxsize=4)
def naval_lexicon(reference: Reference) -> NavalLexicon:
    rows = read_tsv(reference.folder / "naval_forces.tsv")

    def alternation(kind: str) -> str:
        words = sorted((r["phrase"] for r in rows if r["kind"] == kind), key=lambda s: (-len(s), s))
        return "|".join(re.escape(w) for w in words)

    return NavalLexicon(
        prefixes=re.compile(rf"(?<![\w-])({alternation('prefix')})\s+({SHIP_NAME_RE})"),
        prefix_country={r["phrase"]: r["country"] for r in rows if r["kind"] == "prefix"},
        forces=re.compile(rf"(?<!\w)(?:{alternation('force')})(?:\s+(?:hoàng gia|nhân dân))?\s+$", re.IGNORECASE),
        vessels=re.compile(rf"(?<!\w)(?:{alternation('vessel')})(?!\w)", re.IGNORECASE),
        no_visit=re.compile(rf"(?<!\w)(?:{alternation('no_visit')})(?!\w)", re.IGNORECASE),
        commander=re.compile(rf"(?<!\w)do\s+(?:(?:{alternation('commander')})\s*,?\s+)+(?=\S)", re.IGNORECASE),
    )


# Before a ship a state sends: "Mỹ điều tàu sân bay USS Nimitz tới …" tells the sending, not an arrival.
SHIP_SENT_BEFORE_RE = re.compile(r"(?<!\w)(?:cử|phái|điều|gửi|đưa|triển khai)(?!\w)", re.IGNORECASE)
# How far before an arrival verb its ship may begin.
SHIP_ARRIVAL_REACH_CHARS = 200


@functools.lru_cache(maxsize=4)
def _ship_before_arrival(reference: Reference) -> re.Pattern[str]:
    """A ship named with its prefix that ends right before an arrival verb: its hull code, its state or navy
    ("của Mỹ", "của Hải quân Mỹ") and a past marker may stand between."""
    prefixes = naval_lexicon(reference).prefixes.pattern
    return re.compile(rf"{prefixes}(?:\s*\([^()]{{1,20}}\))?(?:\s+của(?:\s+[^\s,;.()]+){{1,4}}?)?"
                      rf"\s+(?:(?:đã|vừa|mới|cũng|đang)\s+)*$")


def ship_arriving(text: str, verb_start: int, reference: Reference) -> str | None:
    """The state of a ship named with its prefix right before an arrival verb at `verb_start` ("Tàu khu trục … USS
    John S. McCain (DDG 56) tới cảng quốc tế Cam Ranh", "Nhóm tàu sân bay tấn công USS Nimitz của Mỹ đã tới Ấn
    Độ"): the ship arrives, a port visit (`find_port_visit`) when a port or a state of another state follows.
    None when no such ship is named there, or when a state sends it ("Mỹ điều tàu … USS Nimitz tới …")."""
    ship = _ship_before_arrival(reference).search(text, max(0, verb_start - SHIP_ARRIVAL_REACH_CHARS), verb_start)
    if ship is None:
        return None
    clause_start = max((m.end() for m in re.finditer(r"[,;:]", text[: ship.start()])), default=0)
    if SHIP_SENT_BEFORE_RE.search(text, clause_start, ship.start()):
        return None
    return naval_lexicon(reference).prefix_country[ship.group(1)]


def _mention_state(mention: dict, reference: Reference) -> str | None:
    """The state of a country mention, or of a place of the reference data."""
    if mention["entity_type"] not in ("country", "place") or not mention["entity_id"]:
        return None
    return reference.entity_country(mention["entity_id"])


def _visitor(text: str, start: int, end: int, mentions: list[dict],
             lexicon: NavalLexicon) -> tuple[str, str, bool] | None:
    """The naval visitor nearest before `end` within text[start:end]: (name as written, state,
    whether a prefixed ship names it)."""
    found = _naval_sides(text, start, end, mentions, lexicon)
    if not found:
        return None
    # A named ship beats the force or the warship phrase of the same state ("tàu sân bay Mỹ USS
    # Dwight D. Eisenhower"): the gold sets name the ship when the text does.
    _, name, state = max(found, key=lambda f: f[0])
    return _named(name, state, found, lexicon)


def _named(name: str, state: str, found: list[tuple[int, str, str]], lexicon: NavalLexicon) -> tuple[str, str, bool]:
    named = [f for f in found if f[2] == state and f[1].split()[0] in lexicon.prefix_country]
    if named:
        name = named[-1][1]
    return name[:1].upper() + name[1:], state, bool(named)


def _prefixed_ships(text: str, start: int, end: int, lexicon: NavalLexicon) -> list[tuple[int, int, str, str]]:
    """The ships named with their prefixes within text[start:end]: (start, end, name, state)."""
    ships = []
    for match in lexicon.prefixes.finditer(text, start, end):
        # "HMAS Ballarat FFH 155": the hull code after the name is no part of it.
        name = re.sub(r"(?:\s+[A-Z][A-Z0-9-]*[A-Z0-9])+$", "", match.group(2))
        ships.append((match.start(), match.end(), f"{match.group(1)} {name}", lexicon.prefix_country[match.group(1)]))
    return ships


def _listed_with(ships: list[tuple[int, int, str, str]], last: int, text: str) -> list[tuple[str, str]]:
    """The ships listed right before ships[last], in text order, as (name, state) ("tàu khu trục USS
    Coronado (LCS-4) và tàu cứu hộ USNS Salvor")."""
    listed: list[tuple[str, str]] = []
    position = last
    while position > 0:
        before, after = ships[position - 1], ships[position]
        gap = SHIP_LIST_GAP_RE.fullmatch(text, before[1], after[0])
        kind = gap.group(1).split() if gap else None
        if kind is None or len(kind) > SHIP_KIND_WORDS:
            break
        listed.insert(0, (before[2], before[3]))
        position -= 1
    return [ship for ship in dict.fromkeys(listed) if ship[0] != ships[last][2]]


def _naval_sides(text: str, start: int, end: int, mentions: list[dict],
                 lexicon: NavalLexicon) -> list[tuple[int, str, str]]:
    """Every ship or naval force within text[start:end] whose state is given: (end, name as written, state)."""
    found = [(ship_end, name, state) for _, ship_end, name, state in _prefixed_ships(text, start, end, lexicon)]
    for mention in mentions:
        state = mention["entity_id"][8:] if mention["entity_type"] == "country" and mention["entity_id"] else None
        if state is None or not start <= mention["sentence_start"] or mention["sentence_end"] > end:
            continue
        force = lexicon.forces.search(text, start, mention["sentence_start"])
        if force is not None:
            found.append((mention["sentence_end"], text[force.start() : mention["sentence_end"]], state))
            continue
        window_start = max(start, mention["sentence_start"] - VESSEL_TO_STATE_CHARS)
        vessels = list(lexicon.vessels.finditer(text, window_start, mention["sentence_start"]))
        if vessels and not re.search(r"[,;:()]", text[vessels[-1].end() : mention["sentence_start"]]):
            found.append((mention["sentence_end"], text[vessels[-1].start() : mention["sentence_end"]], state))
    return found


def _clause(text: str, trigger_start: int, trigger_end: int) -> tuple[int, int]:
    clause_start = max((m.end() for m in CLAUSE_BREAK_RE.finditer(text, 0, trigger_start)), default=0)
    after_break = CLAUSE_BREAK_RE.search(text, trigger_end)
    return clause_start, after_break.start() if after_break else len(text)


def find_port_visit(text: str, trigger_start: int, trigger_end: int, mentions: list[dict],
                    reference: Reference) -> PortVisit | None:
    """The port visit a visit trigger at [trigger_start, trigger_end) of `text` tells, else None."""
    clause_start, clause_end = _clause(text, trigger_start, trigger_end)
    lexicon = naval_lexicon(reference)
    if lexicon.no_visit.search(text, clause_start, trigger_start):
        return None
    visitor = _visitor(text, clause_start, trigger_start, mentions, lexicon)
    if visitor is None:
        return None
    name, state, names_ship = visitor
    companions: list[tuple[str, str]] = []
    if names_ship:
        ships = _prefixed_ships(text, clause_start, trigger_start, lexicon)
        companions = _listed_with(ships, max(i for i, ship in enumerate(ships) if ship[2] == name), text)
    for mention in sorted(mentions, key=lambda m: m["sentence_start"]):
        if trigger_end <= mention["sentence_start"] and mention["sentence_end"] <= clause_end:
            host = _mention_state(mention, reference)
            if host and host != state:
                return PortVisit(name, state, host, names_ship, tuple(companions))
    return None


def find_port_welcomes(text: str, trigger_start: int, trigger_end: int, mentions: list[dict],
                       reference: Reference) -> list[PortVisit]:
    """The port visits a welcome at [trigger_start, trigger_end) tells, its host first ("Hải quân Việt
    Nam đã tổ chức lễ đón tàu hải quân Mỹ USNS Fall River và …"): one per state of the ships or navies
    named after it in its clause, other than the host's. The host is the navy or ship named before the
    welcome, else the last state or place of the reference data named there; none, no visit."""
    clause_start, clause_end = _clause(text, trigger_start, trigger_end)
    lexicon = naval_lexicon(reference)
    if lexicon.no_visit.search(text, clause_start, trigger_start):
        return []
    host = _visitor(text, clause_start, trigger_start, mentions, lexicon)
    host_state = host[1] if host else next(
        (state for m in sorted(mentions, key=lambda m: -m["sentence_start"])
         if clause_start <= m["sentence_start"] and m["sentence_end"] <= trigger_start
         and (state := _mention_state(m, reference))), None)
    if host_state is None:
        return []
    guests = [f for f in sorted(_naval_sides(text, trigger_end, clause_end, mentions, lexicon)) if f[2] != host_state]
    visits = []
    for state in dict.fromkeys(f[2] for f in guests):  # in the order the text names them
        name, _, names_ship = _named(next(f[1] for f in guests if f[2] == state), state, guests, lexicon)
        # Every ship of the state welcomed is a visit ("lễ đón tàu USS A và tàu USS B").
        companions = dict.fromkeys((f[1], state) for f in guests if f[2] == state and f[1] != name
                                   and f[1].split()[0] in lexicon.prefix_country)
        visits.append(PortVisit(name, state, host_state, names_ship, tuple(companions)))
    return visits


# After the commander's name: an apposition, then what they do ("…, Phó Tư lệnh Hạm đội Đông Hải
# làm trưởng đoàn", "… chỉ huy", "…, Chỉ huy tàu dẫn đầu").
COMMANDS_RE = re.compile(r"(?:,[^,;.]{0,60})?\s+(?:chỉ huy|dẫn đầu|làm trưởng đoàn)(?!\w)", re.IGNORECASE)
COMMANDER_NAME_WORDS = 4


def find_commander(text: str, reference: Reference) -> str | None:
    """The commander a sentence names for a ship or a flotilla ("do trung tá David Landon chỉ huy",
    "do Thiếu tướng Thẩm Hạo, Phó Tư lệnh Hạm đội Đông Hải làm trưởng đoàn"), else None."""
    for match in naval_lexicon(reference).commander.finditer(text):
        end = match.end()
        words = 0
        # Capitalised words, separated by single spaces only: a comma ends the name.
        while words < COMMANDER_NAME_WORDS and (word := NAME_WORD_RE.match(text, end + (words > 0))):
            if not word.group(0)[:1].isupper() or (words > 0 and text[end] != " "):
                break
            end, words = word.end(), words + 1
        if words >= 2 and COMMANDS_RE.match(text, end):
            return text[match.end() : end]
    return None
