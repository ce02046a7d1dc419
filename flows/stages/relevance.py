"""Relevance: decide, cheaply and before annotation, which documents can report diplomacy.

Every document gets `relevance` and `relevance_reason`:
- `diplomatic_contact`: one sentence of the title, lead or body holds a contact cue (the event
  triggers of `event_triggers.tsv`, with their `not_followed_by` and `not_preceded_by` guards),
  an official actor (a known person, an office title, a generic title followed by a country or by
  a name in plain Latin letters, an
  official cue of `relevance_cues.tsv`, or, for an agreement reached, the two or more states listed
  as its subject: "Nga, Mỹ và Jordan đã đạt được một thỏa thuận") and a foreign or international side (a country other
  than Viet Nam, an international organisation, a foreign person or office, a foreign city of
  `places.tsv`, whose host is the side of a contact held there, or a foreign cue),
  all three in the same sentence, and the contact is not only planned; a sentence that opens with where its
  subject, an official, is ("Phát biểu tại Đối thoại Shangri-La ở Singapore, Bộ trưởng …", "Tại Warsaw, Tổng
  thống …": the visit `extract._presence_visits` reads) or says an official or a ship named with its prefix arrives
  in a place of another state ("USS Nimitz của Mỹ đã tới Ấn Độ", `port_visits.ship_arriving`) has the place
  as its contact cue, and one in which
  states send something to the UN or ask its Security Council to meet ("Nga đã gửi các bằng chứng tới LHQ",
  "… họp khẩn theo yêu cầu của Mỹ, Hàn Quốc, Nhật": `extract._organisation_messages`) the verb or request;
- `official_statement`: no such sentence, but the title or lead holds a position verb
  (`statement` cues) or an attribution to an official ("Theo Bộ trưởng ..."), an official actor,
  and two different states as sides (or one and a word of foreign relations), or the document's
  only contacts are planned or postponed ("sẽ thăm", "hoãn cuộc hội đàm");
- `not_relevant`: everything else, with the reason: an excluded topic shown by the title (sport,
  entertainment, crime and accidents, consumer news, business) when the title has no contact cue
  and does not name both an official and a foreign side (only strong triggers then count), or which
  of the three kinds of evidence was missing.

A trigger inside an everyday compound ("thư ký", "bốc thăm", "trực tiếp") or followed by a
non-official counterpart ("tiếp lãnh đạo các tập đoàn", "thăm trường đại học") is no contact cue.

Guarantees: the stage only adds the two columns (no row is dropped here: the pipeline keeps
every document in `documents` and only skips annotation and extraction of `not_relevant` ones);
the decision depends on the document's own kept text and the reference data only, so it is the
same in every run, batch and order; it costs a few regular-expression scans per document, far
below annotation, which is why it runs first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import polars as pl

from flows.phrases import TOKEN_RE, PhraseMatch, PhraseMatcher
from flows.reference import Reference, read_tsv
from flows.stages.dates import DAY_MONTH_RE
from flows.stages.port_visits import ship_arriving
from flows.textutil import standard_spelling

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
    contact_guard_before: dict[str, re.Pattern[str]]  # trigger -> words that must not precede it
    not_contact: PhraseMatcher  # everyday compounds that hold a trigger ("thư ký", "bốc thăm")
    counterpart: PhraseMatcher  # non-official counterparts and sites ("doanh nghiệp", "bảo tàng")
    not_counterpart: PhraseMatcher  # words that end with a counterpart but are none ("thông báo", "tình báo")
    weak_contact: frozenset[str]  # casefolded triggers that also have everyday senses
    listed_states: frozenset[str]  # casefolded triggers whose actors may be the states listed before them
    named_official: PhraseMatcher  # a known person, office title or official body
    official: PhraseMatcher  # the above or a generic official word
    party: PhraseMatcher  # any name that can be a side or the place of a contact, Viet Nam included
    named_foreign: PhraseMatcher  # a foreign country, organisation, person or office
    foreign: PhraseMatcher  # the above or a generic foreign/international word
    ambiguous_country: PhraseMatcher
    ambiguous_re: re.Pattern[str]  # the same names, for a whole-document scan
    country_context: PhraseMatcher  # a context word right before an ambiguous name
    statement: PhraseMatcher
    country: PhraseMatcher  # a foreign country name (after a generic title it names an office)
    state_actor: PhraseMatcher  # a foreign country, capital or seat of power right before a position verb
    states: PhraseMatcher  # every name that stands for one state (people, offices, bodies, countries)
    state_of: dict[str, str]  # such a name or a foreign place (as `_token_key`) -> country code or organisation id
    # the state of a ship named right before an arrival verb at a position of a text (`port_visits.ship_arriving`)
    ship_arriving: Callable[[str, int], str | None]
    attribution: PhraseMatcher  # "Theo" right before an official: the sentence reports an official's words
    foreign_relations: PhraseMatcher  # words of relations between states ("ngoại giao", "song phương")
    planned_before: PhraseMatcher  # "sẽ", "dự kiến", "hoãn" shortly before a trigger: a planned contact
    planned_after: PhraseMatcher  # "tuần tới", "sắp tới" shortly after a trigger
    excluded: PhraseMatcher
    excluded_topic: dict[str, str]  # cue (as `_token_key`) -> topic
    vietnamese_surnames: frozenset[str]  # a name after a generic title starting with one is Vietnamese
    organisation_after: frozenset[str]  # casefolded triggers that need a meeting host after them
    meeting_host_after: re.Pattern[str]  # such an organisation's name after a meeting's word (group "host")
    place: PhraseMatcher  # a country or a place of the reference data, Viet Nam's too
    place_initials: frozenset[str]  # the first letters of those names: a cheap test before `place` is matched
    message_receiver: re.Pattern[str]  # an organisation of `message_receivers.tsv`
    # (also extraction's: `extract._state_messages`, `extract._organisation_messages`)
    sending: re.Pattern[str]  # the `sending` verbs of event_frames.tsv
    organisation_request: re.Pattern[str]  # its `organisation_request` words
    organisation_meeting: re.Pattern[str]  # its `organisation_meeting` words


# A country context word or a non-official noun ends within this many characters before the name
# it qualifies (the longest cues, "Tổng Lãnh sự quán Việt Nam", have 26).
CONTEXT_CHARS = 32
# A guard word before a trigger is looked for in this many characters before it.
GUARD_CHARS = 40
WORD_BEFORE_RE = re.compile(r"(\w+)\s+$")
# A non-official counterpart counts when it starts within this many characters after a trigger
# (about eight syllables: "tiếp lãnh đạo các tập đoàn", "thăm và nói chuyện với bà con").
COUNTERPART_CHARS = 40
# A generic title and the country that makes it a named office: at most two words between them
# ("Tổng thống Syria", "Bộ trưởng Quốc phòng Nga", "Tổng tham mưu trưởng quân đội Nga").
TITLE_COUNTRY_CHARS = 40
# A planned-contact marker counts within this many characters of the trigger ("sẽ sang thăm
# chính thức", "dự kiến sẽ có cuộc gặp").
PLANNED_CHARS = 25
TITLE_COUNTRY_GAP_RE = re.compile(r"\s+(?:\w+\s+){0,2}")
# "Tổng thống Mattarella", "Thủ tướng Gentiloni": a generic title right before a capitalised word
# written in plain Latin letters names a foreign official the reference may not know (a Vietnamese
# name after it starts with a Vietnamese surname, `Cues.vietnamese_surnames`).
LATIN_NAME_AFTER_RE = re.compile(r"\s+([A-Z][a-z]{2,})(?![^\W\d_])")
# `event_triggers.tsv` `sides` of a trigger whose sides are only the states it names ("Nga, Mỹ và Jordan đã
# đạt được một thỏa thuận"): the states listed as its subject are its actors, with no official named.
LISTED_STATES = "listed_states"
# `sides` of a trigger whose sides are its people when it names any, else the states it names as its subject
# and partner ("Mỹ đã đàm phán với Trung Quốc trong 5 tuần"; extraction also asks for a past marker before it).
STATES_TOO = "states_too"
# `sides` of a handover ("bàn giao", "chuyển giao"): its giver is its subject, a person or a state listed right before
# it, and its receiver is named after "cho" in its clause, a person, a state or a state's body
# (`extract._handover_sides`).
HANDOVER = "handover"
# `sides` of an arrival verb ("đã tới Qatar", "đến thủ đô Riyadh"): a visit only with its visitor named right
# before it and a state or a city named right after it (`extract.find_triggers`). "đến", "tới", "sang" are
# everywhere ("liên quan đến", "tới năm 2020"), so they are no contact cue for relevance.
STATE_AFTER = "state_after"
# `sides` of a verb of agreeing or discussing ("nhất trí", "thảo luận") whose sides are two officials joined by
# "và" or "cùng" right before it ("Tổng thống Hàn Quốc Moon Jae-in và Thủ tướng Nhật Bản Shinzo Abe ngày 30/5 đã nhất
# trí …", `extract._pair_before`); the bare verbs are everywhere ("Quốc hội nhất trí thông qua"), so they are no
# contact cue for relevance.
PAIR_BEFORE = "pair_before"
# "Chiều 11/5, tại Phnom Penh, Thủ tướng …", "Phát biểu tại hội nghị … ở Singapore, Bộ trưởng …", "Tham dự diễn
# đàn … đang diễn ra tại Bắc Kinh, Tổng thống Nga …", "Trả lời phỏng vấn báo giới bên lề Đối thoại Shangri-La … đang
# diễn ra tại Singapore, Bộ trưởng …", "Ngày 21.5, trong bài phát biểu tại Ả Rập Xê Út, tổng thống Mỹ …": a sentence
# that opens with where its subject is, an official of another state visiting it (`extract._presence_visits`).
PRESENCE_OPENING = (r"^\W*(?:[^,;:“”\"]{0,40},\s*)?(?:(?:trong\s+(?:bài|buổi|cuộc)\s+)?"
                    r"(?:phát biểu|tham dự|có mặt|dự|trả lời|bên lề|trong khuôn khổ)(?!\w)"
                    r"[^,;:“”\"]{0,120}?\s)?"
                    r"(?:tại|ở)\s+")
# Between "tại"/"ở" and a place of the reference: "thủ đô", "thành phố", or a city the reference does not know
# followed by its state ("tại thành phố Hamburg, Đức", "ở Sicily (Italia)"), the state then being the place.
PRESENCE_PLACE_LEAD = r"(?:thủ đô\s+|thành phố\s+)?(?:(?-i:(?:[A-ZĐ][^\s,;:()“”\"]*\s+){0,2}[A-ZĐ][^\s,;:()“”\"]*)\s*[,(]\s*)?$"
PRESENCE_OPENING_RE = re.compile(rf"{PRESENCE_OPENING}{PRESENCE_PLACE_LEAD}", re.IGNORECASE)
# The same words at the start of a sentence, wherever its place: a cheap test before the place names are matched.
PRESENCE_START_RE = re.compile(PRESENCE_OPENING, re.IGNORECASE)
# A meeting the subject is at, whatever its verb ("Ông Hishammuddin đưa ra thông báo trên tại Diễn đàn Shangri-La 16
# đang diễn ra tại Singapore", "… tuyên bố như vậy tại cuộc họp báo sáng 7/7 ở Hamburg (Đức)"): where it is held
# is where the subject is; not after a comma or "rằng", where it opens what the subject says ("Bộ trưởng … cho
# biết, tại hội nghị ở Astana lần này, các bên sẽ …", blind21's 22670802).
PRESENCE_MEETING = (r"(?<!,)(?<!,\s)(?<!rằng\s)(?:tại|bên lề|trong khuôn khổ)\s+"
                    r"(?:hội nghị|diễn đàn|đối thoại|thượng đỉnh|cuộc họp|phiên họp|hội thảo|kỳ họp)")
# The same place told after its subject ("Bà Choi Sun-hee, quan chức ngoại giao hàng đầu Triều Tiên, ngày 13/5 đã
# phát biểu tại Bắc Kinh, Trung Quốc: …", "Phó Chủ tịch nước … dẫn đầu đoàn đại biểu Việt Nam tham dự Lễ khai mạc
# Hội nghị …, tại thủ đô Tokyo của Nhật Bản"): a word of speaking, presence or attendance, then "tại" or "ở" right
# before the place; not a place said of something else between them ("phát biểu trên Twitter sau vụ tấn công ở
# London": where the attack was, not where he spoke). "dự" alone only before what is attended ("dự án" is a project).
PRESENCE_VERB_BEFORE_RE = re.compile(r"(?<!\w)(?:phát biểu|có mặt|tham dự|dự(?=\s+(?:lễ|hội|phiên|diễn đàn|buổi|và)\s)"
                                     rf"|{PRESENCE_MEETING})"
                                     r"(?!\w)(?:(?!(?<!\w)(?:sau|về|vụ|trên)(?!\w))[^;:“”\"]){0,120}?\s(?:tại|ở)\s+"
                                     rf"{PRESENCE_PLACE_LEAD}", re.IGNORECASE)
# Those words anywhere: a cheap test before the official and the places are matched.
PRESENCE_VERB_RE = re.compile(rf"(?<!\w)(?:phát biểu|có mặt|dự|{PRESENCE_MEETING})(?!\w)", re.IGNORECASE)
# What may open the sentence before that subject: its day ("Tối 11/5,"), an honorific, the "Phó" of a deputy's title.
PRESENCE_SUBJECT_OPENING_RE = re.compile(r"^\W*(?:(?:(?:sáng|chiều|tối|trưa|ngày|hôm)\s+)?\d{1,2}/\d{1,2}(?:/\d{4})?"
                                         r"\s*,\s*)?(?:(?:ông|bà|ngài)\s+)?(?:phó\s+)?$", re.IGNORECASE)
# "Joseph Yun, đặc phái viên Bộ Ngoại giao Mỹ về Triều Tiên, tới Bình Nhưỡng", "Ngoại trưởng Qatar … đã đến
# Doha": an official of a state named before it (a title or name, then the words of a name, or a name and an
# apposition that holds the official), a few adverbs, an arrival verb, and a place of another state right after
# it: the visit `extract._arrival` reads there. Without the official right before it, "đến" and "tới" say nothing
# of a visit ("liên quan đến Nga").
ARRIVAL_VERB_RE = re.compile(r"(?<!\w)(?:đặt chân\s+)?(?:tới|đến|sang)\s+(?:thủ đô\s+|thành phố\s+|cảng\s+(?:quốc tế\s+)?)?",
                             re.IGNORECASE)
ARRIVAL_ADVERBS = r"\s+(?:(?:đã|vừa|mới|cũng|bay|lên đường|trở lại|quay lại)\s+)*$"
ARRIVAL_NAME_WORDS = r"(?:\s+[A-ZÀ-Ỹ][^\s,;:“”\"()]*){0,6}"
ARRIVAL_AFTER_OFFICIAL_RE = re.compile(ARRIVAL_NAME_WORDS + ARRIVAL_ADVERBS)
# (the apposition between commas, after a capitalised word)
ARRIVAL_APPOSITION_RE = re.compile(rf"(?<=[A-ZÀ-Ỹa-zà-ỹ]),\s*([^,;:“”\"()]{{1,80}}?)\s*,{ARRIVAL_ADVERBS}")
# What may stand between the place and the subject: its state (", Italia", " (Nga)"), the day as `dates` reads
# it ("ở Singapore ngày 8/5", "tại Paris hôm 29/5"), a clause on the place (", nơi diễn ra Hội nghị thượng
# đỉnh G7"), the comma that ends the opening, and the "các" of officials named together (", các Bộ trưởng quốc
# phòng Mỹ, Nhật Bản và Australia").
PRESENCE_DAY = rf"\s+(?:vào\s+)?(?:{DAY_MONTH_RE.pattern})"
PRESENCE_DAY_RE = re.compile(PRESENCE_DAY, re.IGNORECASE)
PRESENCE_GAP_RE = re.compile(rf"(?:{PRESENCE_DAY})?\s*(?:,\s*nơi\s[^,;:“”\"]{{0,160}})?\s*,\s*(?:các\s+)?$", re.IGNORECASE)
# What stands between a place and its state named after it: "Canberra, Australia", "Sakhalin (Nga)".
PLACE_STATE_GAP = r"\s*[,(]\s*"
PLACE_STATE_GAP_RE = re.compile(PLACE_STATE_GAP)
# `sides` of a word that names a meeting an organisation holds ("hội nghị thượng đỉnh", "cuộc họp của"): a contact
# only with an organisation of `meeting_hosts.tsv` named right after it ("dự hội nghị thượng đỉnh NATO", "tại cuộc
# họp thượng đỉnh EU"), which is then the other side of whoever attends it; a summit of another group (G20,
# APEC, ASEAN) is a multilateral meeting with no counterpart.
ORGANISATION_AFTER = "organisation_after"
# Between such a word and the organisation: a few words of the meeting's kind ("hội nghị Bộ trưởng Quốc phòng
# NATO", "cuộc họp của NATO", "trụ sở khối Hiệp ước Bắc Đại Tây Dương (NATO)"), no clause boundary.
ORGANISATION_GAP = r"\s+(?:[^\s,;.:()\"“”]+\s+){0,5}?\(?"
# Between a trigger and the state named as its partner ("đạt được một thỏa thuận thương mại với Trung Quốc", "đã ký
# thỏa thuận vũ khí trị giá 350 tỷ USD trong hơn 10 năm với Ả Rập Saudi"); "đối với" says what it is about ("thỏa
# thuận về dự luật … trừng phạt mới đối với Nga").
PARTNER_STATE_GAP = r"[^,;.:()\"“”]{0,80}?(?<!\w)(?<!đối )với\s+(?:(?:phía|nước)\s+)?"
PARTNER_STATE_GAP_RE = re.compile(PARTNER_STATE_GAP, re.IGNORECASE)
# Words between such a list of states and the trigger ("đã", "vừa", when: "hồi tuần trước", "hôm 5/7"), and
# between two states of the list.
STATE_SUBJECT_GAP = (r"(?:(?:đã|vừa|mới|đang|cùng|đều|cũng|chính thức|cùng nhau|mới đây|gần đây|hôm qua"
                     r"|(?:hồi\s+|vào\s+)?(?:tuần|tháng)\s+(?:trước|qua)|(?:hôm|ngày)\s+\d{1,2}/\d{1,2})\s+)*")
STATE_LIST_JOIN = r"(?:,|và|,\s*và|cùng|cùng với|-|–)\s*(?:nước\s+)?"
STATE_SUBJECT_GAP_RE = re.compile(rf"\s*{STATE_SUBJECT_GAP}$", re.IGNORECASE)
STATE_LIST_JOIN_RE = re.compile(rf"\s*{STATE_LIST_JOIN}$", re.IGNORECASE)

# A state's message to an organisation of `message_receivers.tsv` (`extract._organisation_messages`): what stands
# between a sending verb and the organisation ("gửi các bằng chứng tới LHQ", "gửi bản dự thảo lên Hội đồng Bảo an");
# between a request's noun and the states that made it ("theo yêu cầu của Mỹ", "đề nghị của các nhà ngoại giao Mỹ");
# and before the states that made a request told after them ("cuộc họp … của Hội đồng Bảo an do Mỹ, Nhật Bản và
# Hàn Quốc đề nghị").
SENT_TO_ORGANISATION_RE = re.compile(r"(?:\s+[^,;.:()\"“”]{0,60}?)?\s+(?:cho|tới|đến|lên)\s+", re.IGNORECASE)
REQUEST_OF_GAP_RE = re.compile(r"\s+của\s+(?:(?:các\s+)?(?:nhà ngoại giao|phía)\s+)?", re.IGNORECASE)
REQUESTED_BY_BEFORE_RE = re.compile(r"(?<!\w)do\s+$", re.IGNORECASE)
# From the organisation asked to the meeting asked for: "(mở|tổ chức|triệu tập) (một) (cuộc|phiên) họp".
ASKED_MEETING_GAP_RE = re.compile(r"[^,;.:()\"“”]{0,30}?")

# Alias kinds that name a person unambiguously; given names and Vietnamese surnames ("Minh",
# "Sơn", "Nguyễn") are ordinary words or name half the population.
PERSON_ALIAS_KINDS = ("full", "short", "transliteration", "abbreviation", "misspelling")


def _token_key(phrase: str) -> str:
    """A phrase without its white space, as the phrase matcher compares it."""
    return "".join(TOKEN_RE.findall(phrase))


@functools.lru_cache(maxsize=4)
def build_cues(reference: Reference) -> Cues:
    rows = read_tsv(reference.folder / "relevance_cues.tsv")
    frame_rows = read_tsv(reference.folder / "event_frames.tsv")
    by_kind: dict[str, list[str]] = {}
    excluded_topic: dict[str, str] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row["cue"])
        if row["kind"] == "excluded_topic":
            excluded_topic[_token_key(row["cue"])] = row["topic"]
    ambiguous = set(by_kind.get("ambiguous_country", []))
    # A navy, a warship or a ship's prefix ("Tàu khu trục Hàn Quốc cập cảng Cam Ranh") is an official
    # actor: a port visit has no other (`stages/port_visits.py`).
    naval = read_tsv(reference.folder / "naval_forces.tsv")
    by_kind.setdefault("official", []).extend(
        form for row in naval if row["kind"] in ("force", "vessel", "prefix")
        for form in (row["phrase"], row["phrase"][:1].upper() + row["phrase"][1:]))
    # A ship's prefix names its state, a named foreign side ("Tàu JS Izumo cập cảng Cam Ranh ngày 20/5": Japan's).
    ship_prefixes = [row["phrase"] for row in naval if row["kind"] == "prefix" and row["country"] != "VNM"]
    contact_rows = [row for row in reference.event_triggers if row["sides"] not in (STATE_AFTER, PAIR_BEFORE)]
    # (no host listed: an alternation that matches nothing)
    host_names = "|".join(re.escape(alias) for alias in sorted(
        {row["alias"] for row in reference.aliases if row["entity_id"] in reference.meeting_hosts},
        key=lambda alias: (-len(alias), alias))) or "(?!)"
    triggers = [row["trigger"] for row in contact_rows]
    guards = {
        row["trigger"]: re.compile(rf"\s+(?:{row['not_followed_by']})(?!\w)")
        for row in contact_rows if row.get("not_followed_by")
    }
    guards_before = {
        row["trigger"]: re.compile(rf"(?<!\w)(?:{row['not_preceded_by']})\s+$", re.IGNORECASE)
        for row in contact_rows if row.get("not_preceded_by")
    }
    foreign_names, official_names, country_names, place_names, seat_names = list(ship_prefixes), [], [], [], []
    state_of: dict[str, str] = {}
    state_names: list[str] = []
    for row in reference.aliases:
        entity_id, alias = row["entity_id"], row["alias"]
        country = reference.entity_country(entity_id)
        international = reference.organisations.get(entity_id, {}).get("kind") == "international"
        if (country or international) and not entity_id.startswith("place:") and (
                not entity_id.startswith("person:") or row["alias_kind"] in PERSON_ALIAS_KINDS):
            state_of.setdefault(_token_key(alias), country or entity_id)
            if alias not in ambiguous:  # those count only in a country context
                state_names.append(alias)
        if entity_id.startswith("person:"):
            foreign = bool(country) and country != "VNM"
            # Foreign surnames ("Putin", "Trump") are specific; Vietnamese ones are not.
            if row["alias_kind"] in PERSON_ALIAS_KINDS or (foreign and row["alias_kind"] == "surname"):
                official_names.append(alias)  # the reference only holds officials
                if foreign:
                    foreign_names.append(alias)
        elif entity_id.startswith("place:"):
            place_names.append(alias)
            if country and country != "VNM":
                seat_names.append(alias)  # "Bắc Kinh khẳng định", "Điện Kremlin bác bỏ": the state speaks
                state_of.setdefault(_token_key(alias), country)
                foreign_names.append(alias)  # "tiếp … ngay sau khi đặt chân tới Tokyo": the contact is abroad
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
        state_of.setdefault(_token_key(row["title"]), row["office_id"].split(".", 1)[0].upper())
        state_names.append(row["title"])
        if row["office_id"].split(".", 1)[0].upper() != "VNM":
            foreign_names.append(row["title"])
    # (Viet Nam's too: "Tổng thống Trump thăm Việt Nam" names two parties; an ambiguous name only in context)
    places_and_countries = place_names + [row["alias"] for row in reference.aliases
                                          if row["entity_id"].startswith("country:") and row["alias"] not in ambiguous]
    return Cues(
        # Triggers are matched case-insensitively: titles capitalise them ("Hội đàm", "Điện mừng").
        contact=PhraseMatcher(triggers, ignore_case=True),
        contact_guard=guards,
        contact_guard_before=guards_before,
        not_contact=PhraseMatcher(by_kind.get("not_contact", []), ignore_case=True),
        counterpart=PhraseMatcher(by_kind.get("counterpart", []), ignore_case=True),
        not_counterpart=PhraseMatcher(by_kind.get("not_counterpart", []), ignore_case=True),
        weak_contact=frozenset(c.casefold() for c in by_kind.get("weak_contact", [])),
        listed_states=frozenset(row["trigger"].casefold() for row in reference.event_triggers
                                if row["sides"] in (LISTED_STATES, STATES_TOO)),
        named_official=PhraseMatcher(official_names),
        official=PhraseMatcher(official_names + by_kind.get("official", [])),
        party=PhraseMatcher(official_names + foreign_names + by_kind.get("official", []) + by_kind.get("foreign", [])
                            + places_and_countries),
        named_foreign=PhraseMatcher(foreign_names),
        foreign=PhraseMatcher(foreign_names + by_kind.get("foreign", [])),
        ambiguous_country=PhraseMatcher(ambiguous),
        ambiguous_re=re.compile(r"(?<!\w)(?:{})(?!\w)".format(
            "|".join(r"\s+".join(map(re.escape, a.split())) for a in sorted(ambiguous, key=len, reverse=True)))),
        country_context=PhraseMatcher(by_kind.get("country_context", [])),
        statement=PhraseMatcher(by_kind.get("statement", [])),
        country=PhraseMatcher(country_names),
        state_actor=PhraseMatcher(country_names + seat_names),
        states=PhraseMatcher(state_names),
        state_of=state_of,
        ship_arriving=functools.partial(ship_arriving, reference=reference),
        attribution=PhraseMatcher(by_kind.get("attribution", [])),
        foreign_relations=PhraseMatcher(by_kind.get("foreign_relations", [])),
        planned_before=PhraseMatcher(by_kind.get("planned_before", []), ignore_case=True),
        planned_after=PhraseMatcher(by_kind.get("planned_after", []), ignore_case=True),
        excluded=PhraseMatcher(by_kind.get("excluded_topic", [])),
        excluded_topic=excluded_topic,
        vietnamese_surnames=reference.surnames,
        organisation_after=frozenset(row["trigger"].casefold() for row in contact_rows
                                     if row["sides"] == ORGANISATION_AFTER),
        meeting_host_after=re.compile(rf"{ORGANISATION_GAP}(?P<host>{host_names})(?!\w)"),
        place=PhraseMatcher(places_and_countries),
        place_initials=frozenset(name[:1] for name in places_and_countries),
        # (a few names: one regular expression is cheaper than a phrase matcher's tokenising)
        message_receiver=re.compile(r"(?<!\w)(?:{})(?!\w)".format("|".join(re.escape(alias) for alias in sorted(
            {row["alias"] for row in reference.aliases if row["entity_id"] in reference.message_receivers},
            key=lambda alias: (-len(alias), alias))) or "(?!)")),
        sending=_frame_words(frame_rows, "sending"),
        organisation_request=_frame_words(frame_rows, "organisation_request"),
        organisation_meeting=_frame_words(frame_rows, "organisation_meeting", re.IGNORECASE),
    )


def _frame_words(rows: list[dict[str, str]], kind: str, flags: int = 0) -> re.Pattern[str]:
    """The `event_frames.tsv` phrases of one kind as whole words, longest first (with none, a pattern that
    matches nothing: an empty alternation would match everywhere)."""
    words = sorted({row["phrase"] for row in rows if row["kind"] == kind}, key=lambda s: (-len(s), s))
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words)) or '(?!)'})(?!\w)", flags)


class Contact(NamedTuple):
    phrase: str
    strong: bool
    start: int
    end: int


def _contact_cue(sentence: str, cues: Cues) -> Contact | None:
    """The first strong contact trigger of the sentence, else its first weak one.

    A trigger does not count when a guard word follows or precedes it ("tiếp tục", "trực tiếp"),
    when it is a syllable of an everyday compound ("thư ký", "bốc thăm", "ký sắc lệnh"), or when
    its counterpart is not official: a business, the diaspora or a site comes right after it,
    before any named official or foreign side ("Thủ tướng tiếp lãnh đạo tập đoàn ...").
    """
    weak = None
    compounds = None
    for match in cues.contact.finditer(sentence):
        key = match.group(0).lower()
        guard = cues.contact_guard.get(key)
        if guard is not None and guard.match(sentence, match.end()):
            continue
        before = cues.contact_guard_before.get(key)
        if before is not None and before.search(sentence, max(0, match.start() - GUARD_CHARS), match.start()):
            continue
        if compounds is None:
            compounds = [m.span() for m in cues.not_contact.finditer(sentence)]
        if any(start <= match.start() and match.end() <= end for start, end in compounds):
            continue
        if _non_official_counterpart(sentence, match.end(), cues):
            continue
        if key in cues.organisation_after and cues.meeting_host_after.match(sentence, match.end()) is None:
            continue
        if match.group(0).casefold() not in cues.weak_contact:
            return Contact(match.group(0), True, match.start(), match.end())
        weak = weak or Contact(match.group(0), False, match.start(), match.end())
    return weak or _presence(sentence, cues) or _arrival(sentence, cues) or _organisation_message(sentence, cues)


def _presence(sentence: str, cues: Cues) -> Contact | None:
    """The place a sentence opens with as where its subject, an official, is ("Phát biểu tại Đối thoại
    Shangri-La ở Singapore, Bộ trưởng Mattis …", "Tại Warsaw, Tổng thống Trump …"), or a foreign place its
    opening official is said to speak, be or attend at ("Phó Chủ tịch nước … tham dự Lễ khai mạc …, tại thủ đô
    Tokyo"), as its contact cue: the visit `extract._presence_visits` reads there; else None."""
    if PRESENCE_START_RE.match(sentence) is None:
        return _presence_after_subject(sentence, cues)
    # (a short name that may be a state, after the opening's "tại" and a city: "tại thành phố Hamburg, Đức")
    place = min(filter(None, (cues.place.search(sentence), cues.ambiguous_country.search(sentence))),
                key=lambda m: m.start(), default=None)
    if place is None or not PRESENCE_OPENING_RE.search(sentence, 0, place.start()):
        return None
    end = place.end()
    # (a short name's state is a country there: "ở London (Anh)")
    state = next((m for matcher in (cues.place, cues.ambiguous_country) if (m := matcher.search(sentence, end))
                  and PLACE_STATE_GAP_RE.fullmatch(sentence, end, m.start())), None)
    if state is not None:
        end = state.end() + (sentence[state.end() : state.end() + 1] == ")")
    # (the first official after the place that only `PRESENCE_GAP_RE` separates from it: a clause on the place may
    # name its meeting's group first, ", nơi đang diễn ra Hội nghị thượng đỉnh … (G20), Bộ trưởng …")
    if not any(PRESENCE_GAP_RE.fullmatch(sentence, end, official.start())
               for official in cues.official.finditer(sentence, end)):
        return None
    return Contact(place.group(0), True, place.start(), place.end())


def _presence_after_subject(sentence: str, cues: Cues) -> Contact | None:
    """The foreign place a sentence's opening official is said to speak, be or attend at, as `_presence`'s cue."""
    if PRESENCE_VERB_RE.search(sentence) is None:
        return None
    official = cues.official.search(sentence)
    if official is None or not PRESENCE_SUBJECT_OPENING_RE.match(sentence, 0, official.start()):
        return None
    for place in cues.place.finditer(sentence, official.end()):
        if PRESENCE_VERB_BEFORE_RE.search(sentence, official.end(), place.start()):
            foreign = cues.foreign.search(sentence, place.start())
            if foreign is None or foreign.start() != place.start():
                return None  # (a Vietnamese place: no trip)
            if cues.state_of.get(_token_key(place.group(0))) in _states(sentence[: place.start()], cues):
                return None  # (a place of the state named before it: "Ông Moon Jae In … tại Seoul")
            return Contact(place.group(0), True, place.start(), place.end())
    return None


def _arrival(sentence: str, cues: Cues) -> Contact | None:
    """A place of another state that an official of a state named before it, or a ship of a state named with its
    prefix (`port_visits.ship_arriving`: "USS Nimitz của Mỹ đã tới Ấn Độ"), is said to arrive in
    (`ARRIVAL_VERB_RE`), as the sentence's contact cue."""
    for verb in ARRIVAL_VERB_RE.finditer(sentence):
        if sentence[verb.end() : verb.end() + 1] not in cues.place_initials:
            continue
        place = cues.place.search(sentence, verb.end(), verb.end() + 80)
        if place is None or place.start() != verb.end():
            continue
        foreign = cues.foreign.search(sentence, place.start())
        at_home = foreign is None or foreign.start() != place.start()
        # (the ship is looked for only when no official is, or at a Vietnamese place: "đến" is everywhere)
        ship_state = cues.ship_arriving(sentence, verb.start()) if at_home else None
        if at_home and ship_state in (None, "VNM"):
            continue  # (a Vietnamese place, no foreign ship arriving there: "USS … tới cảng quốc tế Cam Ranh")
        window = max(0, verb.start() - 200)
        subject = next((official.start() for official in cues.official.finditer(sentence, window, verb.start())
                        if ARRIVAL_AFTER_OFFICIAL_RE.fullmatch(sentence, official.end(), verb.start())), None)
        apposition = ARRIVAL_APPOSITION_RE.search(sentence, window, verb.start())
        if subject is None and apposition is not None and cues.official.search(apposition.group(1)) is not None:
            subject = apposition.start(1)
        # (the official's state: the first named in the subject, "đặc phái viên … Mỹ về Triều Tiên" is American)
        state = next((cues.state_of[_token_key(m.group(0))] for m in cues.states.finditer(sentence, subject, verb.start())
                      if not _qualified(sentence, m, cues)), None) if subject is not None else (
            ship_state if at_home else cues.ship_arriving(sentence, verb.start()))
        if state is None or cues.state_of.get(_token_key(place.group(0))) == state:
            continue  # (no official, no state of the official, or a place of it: "Tổng thống Mỹ tới New York")
        return Contact(place.group(0), True, place.start(), place.end())
    return None


def _organisation_message(sentence: str, cues: Cues) -> Contact | None:
    """A state's message to an organisation of `message_receivers.tsv`, as the sentence's contact cue (its verb or
    request's word): a state named before a sending verb whose object goes to the organisation ("Nga đã gửi các
    bằng chứng tới LHQ"), before a request's word right before the organisation, which a meeting word follows
    ("Mỹ, Nhật Bản và Hàn Quốc đã yêu cầu Hội đồng bảo an … mở cuộc họp khẩn cấp"), or right after the request's
    "của" or before it after "do", in a sentence on a meeting ("… sẽ họp khẩn … theo yêu cầu của Mỹ, Hàn Quốc,
    Nhật"). The states' list and who speaks are `extract._organisation_messages`'s to read."""
    receivers = list(cues.message_receiver.finditer(sentence))
    if not receivers or not (cues.sending.search(sentence) or cues.organisation_request.search(sentence)) or (
            cues.state_actor.search(sentence) is None):
        return None
    for verb in cues.sending.finditer(sentence):
        receiver = next((m for m in receivers if m.start() >= verb.end()), None)
        if (receiver is not None and SENT_TO_ORGANISATION_RE.fullmatch(sentence, verb.end(), receiver.start())
                and cues.state_actor.search(sentence, 0, verb.start()) is not None):
            return Contact(verb.group(0), True, verb.start(), verb.end())
    meeting = cues.organisation_meeting.search(sentence) is not None
    for request in cues.organisation_request.finditer(sentence):
        receiver = next((m for m in receivers if m.start() >= request.end()), None)
        asked = cues.organisation_meeting.search(sentence, receiver.end()) if receiver is not None else None
        if ((asked is not None and not sentence[request.end() : receiver.start()].strip()
             and ASKED_MEETING_GAP_RE.fullmatch(sentence, receiver.end(), asked.start())
             and cues.state_actor.search(sentence, 0, request.start()) is not None)
                or (meeting and (gap := REQUEST_OF_GAP_RE.match(sentence, request.end())) is not None
                    and (after := cues.state_actor.search(sentence, gap.end())) is not None
                    and after.start() == gap.end())
                or (meeting and any(REQUESTED_BY_BEFORE_RE.search(sentence, 0, by.start()) is not None
                                    for by in cues.state_actor.finditer(sentence, 0, request.start())))):
            return Contact(request.group(0), True, request.start(), request.end())
    return None


def _planned(sentence: str, contact: Contact, cues: Cues) -> str | None:
    """A marker of a planned, postponed or hypothetical contact around the trigger: "sẽ thăm",
    "dự kiến gặp", "hoãn chuyến thăm" shortly before it, "tuần tới" shortly after it."""
    before = cues.planned_before.search(sentence, max(0, contact.start - PLANNED_CHARS), contact.start)
    if before is not None:
        return before.group(0)
    after = cues.planned_after.search(sentence, contact.end, min(len(sentence), contact.end + PLANNED_CHARS))
    return after.group(0) if after is not None else None


def _non_official_counterpart(sentence: str, end: int, cues: Cues) -> bool:
    """Whether a non-official counterpart or a site follows a trigger ending at `end` (within
    COUNTERPART_CHARS) with no named foreign side between them: "Cuộc gặp của Thủ tướng với doanh
    nhân" is domestic, "Thủ tướng tiếp Đại sứ Nhật Bản và doanh nghiệp" is not."""
    limit = min(len(sentence), end + COUNTERPART_CHARS)
    other = cues.counterpart.search(sentence, end, limit)
    while other is not None and ((other.group(0)[:1].isupper() and _inside_a_name(sentence, other.start()))
                                 or _ends_a_longer_word(sentence, other, cues)):
        # "Phạm Trường Long": no school; "gọi điện để thông báo cho Moscow": no newspaper
        other = cues.counterpart.search(sentence, other.end(), limit)
    if other is None:
        return False
    return cues.named_foreign.search(sentence, end, other.start()) is None


def _ends_a_longer_word(sentence: str, match: PhraseMatch, cues: Cues) -> bool:
    """Whether a counterpart word is the end of a word that is none (`not_counterpart`: "thông báo")."""
    longer = cues.not_counterpart.ending_at(sentence, match.end(), window=CONTEXT_CHARS)
    return longer is not None and longer.start() < match.start()


def _inside_a_name(sentence: str, start: int) -> bool:
    """Whether the capitalised word at `start` continues a name: the word before it is capitalised too."""
    before = WORD_BEFORE_RE.search(sentence, 0, start)
    return before is not None and before.group(1)[:1].isupper()


def _listed_states(sentence: str, contact: Contact, cues: Cues) -> str | None:
    """The states listed right before a trigger whose actors they are (`LISTED_STATES`, `STATES_TOO`),
    with the state named after "với" right after it, two or more ("Nga, Mỹ và Jordan đã đạt được một
    thỏa thuận", "Mỹ đã đàm phán với Trung Quốc"), as one phrase; else None."""
    end = last = STATE_SUBJECT_GAP_RE.search(sentence, 0, contact.start).start()
    states, start = set(), end
    while (state := cues.state_actor.ending_at(sentence, end)) is not None:
        if _qualified(sentence, state, cues):
            return None  # "Người dân Israel và Palestine": the people, not the states
        states.add(cues.state_of[_token_key(state.group(0))])
        start = state.start()
        joiner = STATE_LIST_JOIN_RE.search(sentence, 0, start)
        if joiner is None:
            break
        end = joiner.start()
    if states and (gap := PARTNER_STATE_GAP_RE.match(sentence, contact.end)) is not None:
        partner = cues.state_actor.search(sentence, gap.end())
        if partner is not None and partner.start() == gap.end():
            states.add(cues.state_of[_token_key(partner.group(0))])
            last = partner.end()
    return sentence[start:last] if len(states) >= 2 else None


def _parties(sentence: str, cues: Cues, known: frozenset[str] = frozenset()) -> int:
    """How many different parties the sentence names (non-overlapping): officials, bodies, countries
    (Viet Nam too: "Tổng thống Trump thăm Việt Nam" has two) and places (a port visit's host city)."""
    spans = {(m.start(), m.end(), m.group(0).casefold())
             for m in cues.party.finditer(sentence)}
    spans |= {(m.start(), m.end(), m.group(0).casefold()) for m in _countries_in_context(sentence, cues, known)}
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


def _countries_in_context(sentence: str, cues: Cues, known: frozenset[str] = frozenset()) -> list[PhraseMatch]:
    """Ambiguous short country names ("Đức", "Anh") right after a word that makes them countries,
    or anywhere once the document has used them so (`known`): "quân đội Nga" makes the later
    "căn cứ của Nga" Russia too."""
    return [m for m in cues.ambiguous_country.finditer(sentence)
            if m.group(0) in known or cues.country_context.ending_at(sentence, m.start(), window=CONTEXT_CHARS)]


def _known_countries(units: list[tuple[str, str]], cues: Cues) -> frozenset[str]:
    """The ambiguous country names that the document uses at least once in a country context.

    A plain regular expression over the whole text: the names are few and short, and the phrase
    matcher would compute the offsets of every token of the document."""
    return frozenset(
        " ".join(m.group(0).split()) for _, text in units for m in cues.ambiguous_re.finditer(text)
        if cues.country_context.ending_at(text, m.start(), window=CONTEXT_CHARS))


def _foreign(sentence: str, cues: Cues, named_only: bool, known: frozenset[str] = frozenset()) -> str | None:
    """The first foreign side of the sentence; a country that qualifies a non-official noun
    ("Báo Mỹ", "công ty Nhật Bản") is none."""
    for match in (cues.named_foreign if named_only else cues.foreign).finditer(sentence):
        if not _qualified(sentence, match, cues):
            return match.group(0)
    return next((m.group(0) for m in _countries_in_context(sentence, cues, known) if not _qualified(sentence, m, cues)), None)


def _official(sentence: str, cues: Cues, named_only: bool) -> str | None:
    """An official actor of the sentence. A named one is a known person, office or body, or a
    generic title followed by a country at most two words later ("Tổng thống Syria", "Tổng tham
    mưu trưởng quân đội Nga"): the country makes the office identifiable; or by a name in plain Latin
    letters that is no Vietnamese surname ("Tổng thống Mattarella", `LATIN_NAME_AFTER_RE`)."""
    if not named_only:
        return _first(cues.official, sentence)
    named = cues.named_official.search(sentence)
    if named is not None:
        return named.group(0)
    for match in cues.official.finditer(sentence):
        country = cues.country.search(sentence, match.end(), min(len(sentence), match.end() + TITLE_COUNTRY_CHARS))
        if country is not None and TITLE_COUNTRY_GAP_RE.fullmatch(sentence, match.end(), country.start()):
            return sentence[match.start():country.end()]
        name = LATIN_NAME_AFTER_RE.match(sentence, match.end())
        if name is not None and name.group(1) not in cues.vietnamese_surnames:
            return sentence[match.start():name.end()]
    return None


def split_sentences(text: str, max_chars: int) -> list[str]:
    return [s[:max_chars] for s in SENTENCE_END_RE.split(text) if s.strip()]


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0) if match else None


def _states(sentence: str, cues: Cues, known: frozenset[str] = frozenset()) -> set[str]:
    """The states (country codes; an international organisation stands for itself) that the
    sentence names as sides, through people, offices, bodies and countries; a city is a place
    ("thỏa thuận Paris" names no side), and a country right after a non-official noun qualifies
    that noun ("công ty Mỹ", "báo Nhật")."""
    found = {cues.state_of[_token_key(m.group(0))] for m in cues.states.finditer(sentence)
             if not _qualified(sentence, m, cues)}
    found |= {cues.state_of[_token_key(m.group(0))] for m in _countries_in_context(sentence, cues, known)
              if not _qualified(sentence, m, cues)}
    return found


def _qualified(sentence: str, match: PhraseMatch, cues: Cues) -> bool:
    """Whether a non-official noun (`counterpart` cues: "công ty", "báo") comes right before the match,
    not as the end of a word that is none (`not_counterpart` cues: "thông báo", "tình báo")."""
    noun = cues.counterpart.ending_at(sentence, match.start(), window=CONTEXT_CHARS)
    return noun is not None and not _ends_a_longer_word(sentence, noun, cues)


def _official_at(sentence: str, end: int, cues: Cues) -> bool:
    """Whether an official cue starts right after `end` (one space between)."""
    match = cues.official.search(sentence, end)
    return match is not None and not sentence[end:match.start()].strip()


def _position(kind: str, sentence: str, cues: Cues, known: frozenset[str] = frozenset()) -> str | None:
    """Evidence of an official position in a title or lead sentence, or None.

    A position verb ("tuyên bố", "phản đối") or an attribution right before an official ("Theo
    Bộ trưởng Ngoại giao Qatar, ..."), an official actor, and two different states named as sides
    (a position on foreign relations, not on home affairs: "Tổng thống Mỹ chỉ trích bang
    California" names one). A state speaks through its officials, in its own name and through
    its capital or seat of power ("Nga tuyên bố...", "Bắc Kinh khẳng định..."), so a country or
    capital right before the position verb is an actor too, even a short name such as "Nga" that
    elsewhere needs a context word.
    """
    statement = cues.statement.search(sentence)
    state = None
    if statement is not None:
        state = cues.state_actor.ending_at(sentence, statement.start())
        if state is not None and _qualified(sentence, state, cues):
            state = None  # "công ty Mỹ phản đối": a company, not the state
    else:
        statement = next((m for m in cues.attribution.finditer(sentence) if _official_at(sentence, m.end(), cues)), None)
        if statement is None:
            return None
    actor = state.group(0) if state else _first(cues.official, sentence)
    if actor is None:
        return None
    states = _states(sentence, cues, known)
    if state is not None:
        states.add(cues.state_of[_token_key(state.group(0))])
    if len(states) >= 2:
        return f"{kind}: position '{statement.group(0)}', official '{actor}', states {', '.join(sorted(states))}"
    relations = cues.foreign_relations.search(sentence) if states else None
    if relations is not None:
        return f"{kind}: position '{statement.group(0)}', official '{actor}', state {next(iter(states))}, '{relations.group(0)}'"
    return None


def classify_text(units: list[tuple[str, str]], cues: Cues, config: RelevanceConfig = RelevanceConfig()
                  ) -> tuple[str, str]:
    """(relevance, reason) for a document given as (block kind, text) units in reading order.

    In the title and lead any contact cue, official and foreign word will do: that is where an
    article states its main event. In the body, where every-day senses of "ký", "tiếp", "gặp"
    abound, a weak trigger needs a named official and a named foreign side. Anywhere, a weak
    trigger needs two different parties named in the sentence ("Trump ký sắc lệnh" has one).
    A title on an excluded topic (sport, entertainment, crime, consumer news) with no contact cue,
    named official and foreign side of its own leaves only strong triggers as evidence, and no
    official position. A document whose only contacts are planned, postponed or hypothetical ("Chủ
    tịch nước sẽ thăm Nga") is an official statement: it announces a contact that has not happened.
    """
    # Contact cues are rare and their pattern small: only a sentence that has one pays for the
    # large name patterns (thousands of aliases), which keeps the stage far cheaper than annotation.
    seen_contact = False
    units = [(kind, standard_spelling(text)) for kind, text in units]  # ("kí" is "ký"; reasons quote "ký")
    title = " ".join(text for kind, text in units if kind == "title")
    excluded = _first(cues.excluded, title)
    known = _known_countries(units, cues)
    # (A title that names an official and a foreign side is about them, whatever its topic word:
    # "Thủ tướng đối thoại với nhiều doanh nghiệp hàng đầu của Đức ở Berlin".)
    off_topic = excluded is not None and _contact_cue(title, cues) is None and not (
        _official(title, cues, named_only=True) and _foreign(title, cues, True, known))
    head_statement = planned = None
    announced = False
    # With no kept lead (cleaning drops a lead that the body repeats), the body's first sentence is the lead.
    body_lead = all(kind != "lead" for kind, _ in units)
    for kind, text in units:
        for sentence in split_sentences(text, config.max_sentence_chars):
            head = kind in ("title", "lead") or (body_lead and kind == "body")
            body_lead = body_lead and kind != "body"
            if head and head_statement is None and not off_topic:
                head_statement = _position(kind, sentence, cues, known)
            contact = _contact_cue(sentence, cues)
            if contact is None or (off_topic and not contact.strong):
                continue
            seen_contact = True
            strict = not head and not contact.strong
            official = _official(sentence, cues, named_only=strict)
            # (states listed as a trigger's actors are two parties or more: "Mỹ đã đàm phán với Trung Quốc")
            listed = None
            if official is None and contact.phrase.casefold() in cues.listed_states:
                official = listed = _listed_states(sentence, contact, cues)
            if official is None:
                continue
            foreign = _foreign(sentence, cues, not head, known)
            if foreign and (contact.strong or listed or _parties(sentence, cues, known) >= 2):
                reason = f"{kind}: contact '{contact.phrase}', official '{official}', foreign '{foreign}'"
                marker = _planned(sentence, contact, cues)
                if marker is None:
                    # A title that announces a planned contact sets the subject: the body then
                    # describes that visit ("Chuyến thăm nhằm ...") without repeating "sẽ".
                    return (OFFICIAL_STATEMENT, planned) if announced else (DIPLOMATIC_CONTACT, reason)
                planned = planned or f"{kind}: planned contact ('{marker}'), " + reason.split(": ", 1)[1]
                announced = announced or kind == "title"
    if head_statement or planned:
        return OFFICIAL_STATEMENT, head_statement or planned
    if off_topic:
        return NOT_RELEVANT, f"excluded_topic:{cues.excluded_topic[_token_key(excluded)]} (title: '{excluded}')"
    whole = "\n".join(text for _, text in units)
    found = {"contact": seen_contact, "official": cues.official.search(whole) is not None,
             "foreign": _foreign(whole, cues, False, known) is not None}
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


def may_be_annotated(documents: pl.DataFrame) -> pl.DataFrame:
    """The documents that go on to annotation if linking finds them canonical (`relevant_doc_ids`)."""
    return documents.filter(pl.col("relevance") != NOT_RELEVANT)


def relevant_doc_ids(documents: pl.DataFrame) -> list[str]:
    """Canonical documents that go on to annotation and extraction, in doc_id order."""
    return sorted(may_be_annotated(documents).filter(pl.col("duplicate_of").is_null())["doc_id"])
