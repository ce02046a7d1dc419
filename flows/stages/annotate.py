"""Annotate: sentences and entity mentions for the kept text (and captions) of each document.

What it guarantees:
- every kept block (title, lead, body) and every caption is split into sentences; a sentence of
  a kept block carries its char span in the document's cleaned `text` (captions are not part of
  that text, so theirs is null and `block_start`/`block_end` locate it in the caption);
- each sentence is analysed by underthesea once (`Analyser.tokens`), and its NER spans become
  mentions, linked when they overlap a gazetteer match;
- gazetteer mentions come from the reference data: people by alias (exact, or within a small
  edit distance, and then `link_method` says `alias_fuzzy`), countries, places, organisations,
  office titles (attached to the name they precede or follow), pronouns, joint subjects ("hai
  bên") and document/organisation subjects ("Thông điệp", "Đại hội");
- a fuzzy match keeps each word's initial and allows 2 edits only from 10 letters
  (`AnnotateConfig`), so "John Terry" is not John Kerry;
- officials the reference data does not know are people with the country their title gives: a
  name after an office's head word ("Thượng tướng", "Thứ trưởng", "Thống đốc"), any name right
  after the state of such a title ("Chủ tịch Chính hiệp Trung Quốc Du Chính Thanh"), a title in
  apposition ("ông Lưu Vân Sơn, Ủy viên Thường vụ Bộ Chính trị, … Đảng Cộng sản Trung Quốc"; a
  body's generic name belongs to the state named after it: "…, Chủ tịch Quốc hội Cộng hòa Liên
  bang Myanmar"), or a title and its state before a comma and an honorific ("Ngoại trưởng Qatar,
  ông Mohammed …", not when the title is an object: "gặp Thủ tướng Nhật Bản, ông …"); the
  state after "tại" is an ambassador's post, a company's title names no state, a capitalised run
  after a locative ("tại Hoàng Cung") is a place, and a bare title before another title of the same
  person ("Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình") is dropped;
- a Vietnamese body's short name or office title followed by another state ("Bộ Quốc phòng
  Campuchia", "Chủ tịch Quốc hội Belarus", "Tổng Bí thư … Đảng Cộng sản Trung Quốc") is not
  linked to the Vietnamese body or office (`_foreign_titles`, `_foreign_bodies`); followed by
  "nước này" (this country), it is the body or office of the state the document named last before
  it ("Bộ Ngoại giao Trung Quốc cho hay … Bộ Ngoại giao nước này nói thêm …", `_of_this_country`);
- a foreign name may start with a particle joined to a capitalised word ("Bộ trưởng al-Attiyah").

Bare offices ("Tổng thống Nga") and pronouns ("Ông") are left unresolved here: who they are
depends on the event date, which the extract stage works out first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass, replace

import polars as pl
from rapidfuzz.distance import OSA

from flows.nlp import Analyser
from flows.reference import REFERENCE_DIR, Reference, read_tsv

FOREIGN_WORD_RE = re.compile(r"(?<!\w)([A-Z][a-z]{4,})(?!\w)")
FOREIGN_RUN_RE = re.compile(r"(?<!\w)([A-Z][a-z]+(?: [A-Z][a-z]+)+)(?!\w)")
JUNIOR_AFTER_RE = re.compile(r"\s*,?\s*(?:Jr|Jnr|Junior)(?!\w)\.?")
# A capitalised word right before a surname ("Ivanka Trump"); two letters are "Mr", "TT".
GIVEN_NAME_BEFORE_RE = re.compile(r"(?<!\w)([A-Z][a-z]{3,}) $")
HYPHENATED_GIVEN_NAME_AFTER_RE = re.compile(r" [A-Z][a-z]*-[a-z]+")
# One Vietnamese syllable written without diacritics ("Trong", "Thanh"): never a misspelt foreign name.
VIETNAMESE_SYLLABLE_RE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")
FUZZY_ALIAS_KINDS = ("full", "short", "surname", "transliteration")


@dataclass(frozen=True)
class AnnotateConfig:
    """Options of the annotate stage.

    fuzzy_max_distance_short / _long: optimal-string-alignment edit distance allowed when a
        capitalised foreign word matches no alias exactly; 1 edit for words of 5-9 letters and 2
        for longer ones catches "Madvedev", "Mishutin" and "Lavorv" while two real surnames of
        that length differ by more.
    fuzzy_long_word: length from which the long allowance applies. 10, not 8: on the 2017 news
        corpus 2 edits on 8-9 letters linked other people ("Akishino" -> Akihito, "Mark Warner" ->
        Mark Carney), while the misspellings seen in the seeds need only one edit.
    fuzzy_same_initials: every word of the candidate must start with the same letter as the
        alias word it stands for. Press misspellings of foreign names keep the initial
        ("Madvedev", "Mishutin", "Lavorv"); a different initial is a different name ("John Terry"
        is not John Kerry, one edit apart).
    """

    fuzzy_max_distance_short: int = 1
    fuzzy_max_distance_long: int = 2
    fuzzy_long_word: int = 10
    fuzzy_same_initials: bool = True


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    kind: str  # person, country, place, organisation, title, pronoun, joint, joint_document, document, ner, relative
    entity_id: str | None = None
    name: str | None = None  # the person's name as written, for people the reference does not know
    office_id: str | None = None
    role: str | None = None
    resolve: str | None = None
    link_method: str | None = None
    alias_kind: str | None = None
    ner_tag: str | None = None
    country: str | None = None  # the country word of its title ("Thủ tướng Nhật Bản Shinzo Abe" -> JPN)


@dataclass(frozen=True)
class Gazetteer:
    exact: re.Pattern[str]  # case-sensitive names of entities
    folded: re.Pattern[str]  # case-insensitive titles and speaker phrases
    names: dict[str, list[tuple[str, str]]]  # alias -> [(entity_id, alias_kind)]
    titles: dict[str, dict[str, str]]  # casefolded title -> office_titles row
    phrases: dict[str, str]  # casefolded phrase -> speaker type
    fuzzy_targets: dict[str, str]  # single-word foreign alias -> person entity_id
    surnames: frozenset[str]
    # the last word of a foreign leader's name, which may follow a title alone ("Thủ tướng May") even
    # when it is also a Vietnamese syllable and so left out of the aliases
    foreign_last_names: frozenset[str]
    organisation_countries: dict[str, str]  # organisation entity_id -> its country, for "Bộ Ngoại giao Trung Quốc"
    office_countries: dict[str, str]  # office_id -> its state, for an unknown name after "Tổng thống Ukraine"
    country_words: re.Pattern[str] | None  # phrases that hold a state's one-word name and do not name it
    honorifics: frozenset[str] = frozenset()  # "ông", "bà", "đồng chí", "ngài" (`honorifics.tsv`)
    # a contact's trigger (`event_triggers.tsv`: "tiếp", "có cuộc gặp") as the predicate right after a title
    contact_predicate: re.Pattern[str] | None = None


def trigger_alternation(rows: list[dict[str, str]]) -> str:
    """Triggers longest first, each ending at a word boundary and not followed by a word that
    turns it into another word ("tiếp" but not "tiếp tục", "thăm" but not "thăm hỏi")."""
    parts = []
    for row in sorted(rows, key=lambda r: (-len(r["trigger"]), r["trigger"])):
        blocked = "|".join(re.escape(w) for w in row["not_followed_by"].split("|") if w)
        after = rf"(?!\w)(?!\s+(?:{blocked})(?!\w))" if blocked else r"(?!\w)"
        parts.append(re.escape(row["trigger"]) + after)
    return "|".join(parts)


def _alternation(items) -> str:
    return "|".join(re.escape(i) for i in sorted(set(items), key=lambda s: (-len(s), s)))


# "Bộ Quốc phòng Nga": a ministry's name, whose generic words the press also writes in lower case.
MINISTRY_NAME_RE = re.compile(r"(Bộ) ([A-ZĐÀ-Ỹ]\S*\s(?:\S+\s)*)")


def _lower_case_ministry_names(reference: Reference) -> list[dict[str, str]]:
    """The aliases of foreign ministries with their generic words in lower case ("Bộ quốc phòng Nga",
    "Bộ ngoại giao Nga": 35 such names in the corpus beside 1,453 capitalised), as full aliases of the same
    body: only names that end with one of their state's own names, so that a bare "Bộ ngoại giao" stays
    unlinked."""
    states: dict[str, list[str]] = {}
    for row in reference.aliases:
        if row["entity_id"].startswith("country:"):
            states.setdefault(row["entity_id"][len("country:"):], []).append(row["alias"])
    out = []
    for row in reference.aliases:
        country = reference.entity_country(row["entity_id"])
        if (not row["entity_id"].startswith("org:") or not country or country == "VNM"
                or reference.organisations.get(row["entity_id"], {}).get("kind") != "government_body"):
            continue
        # (the longest name of the state it ends with: "Bộ Quốc phòng Liên bang Nga" keeps "Liên bang Nga")
        state = max((s for s in states.get(country, []) if row["alias"].endswith(" " + s)), key=len, default=None)
        generic = MINISTRY_NAME_RE.fullmatch(row["alias"][: -len(state)]) if state else None
        if generic is not None:
            out.append({**row, "alias": f"{generic.group(1)} {generic.group(2).lower()}{state}"})
    return out


@functools.lru_cache(maxsize=4)
def build_gazetteer(reference: Reference) -> Gazetteer:
    names: dict[str, list[tuple[str, str]]] = {}
    for row in [*reference.aliases, *_lower_case_ministry_names(reference)]:
        if (row["entity_id"], row["alias_kind"]) not in names.get(row["alias"], []):
            names.setdefault(row["alias"], []).append((row["entity_id"], row["alias_kind"]))
    titles = {row["title"].casefold(): row for row in reference.office_titles}
    phrases = {p.casefold(): t for p, t in reference.speaker_phrases.items()}
    for honorific in reference.honorifics:
        phrases.setdefault(honorific, "honorific")
    fuzzy = {
        alias: ids[0][0]
        for alias, ids in names.items()
        if ids[0][0].startswith("person:") and ids[0][1] in FUZZY_ALIAS_KINDS
        and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", alias) and len(alias) >= 5 and len({i for i, _ in ids}) == 1
    }
    return Gazetteer(
        exact=re.compile(rf"(?<!\w)(?:{_alternation(names)})(?!\w)"),
        folded=re.compile(rf"(?<!\w)(?:{_alternation(list(titles) + list(phrases))})(?!\w)", re.IGNORECASE),
        names=names,
        titles=titles,
        phrases=phrases,
        fuzzy_targets=fuzzy,
        surnames=reference.surnames,
        foreign_last_names=frozenset(
            last for row in reference.people.values()
            if row["country"] != "VNM" and (last := row["name"].split()[-1]).isascii() and last[:1].isupper()),
        organisation_countries={e: c for e in reference.organisations if (c := reference.entity_country(e))},
        office_countries={o: row["country"] for o, row in reference.offices.items() if row["country"]},
        country_words=(re.compile(rf"(?<!\w)(?:{_alternation(reference.country_word_phrases)})(?!\w)", re.IGNORECASE)
                       if reference.country_word_phrases else None),
        honorifics=frozenset(reference.honorifics),
        contact_predicate=(re.compile(rf"\s+(?:(?:đã|vừa|mới|cũng|đang|sẽ|còn|có)\s+)*"
                                      rf"(?:{trigger_alternation(reference.event_triggers)})")
                           if reference.event_triggers else None),
    )


KIND_OF_PREFIX = {"person": "person", "country": "country", "place": "place", "org": "organisation"}


def _candidates(text: str, gazetteer: Gazetteer, config: AnnotateConfig) -> list[Mention]:
    found: list[Mention] = []
    # "Pháp luật", "Ý kiến", "Đức Giáo hoàng", "tiếng Anh": a state's one-word name inside such a
    # phrase names no state (`country_word_phrases.tsv`).
    not_states = [m.span() for m in gazetteer.country_words.finditer(text)] if gazetteer.country_words else []
    exact = list(gazetteer.exact.finditer(text))
    exact_spans = [match.span() for match in exact]
    for match in exact:
        entity_id, alias_kind = gazetteer.names[match.group(0)][0]
        kind = KIND_OF_PREFIX.get(entity_id.split(":", 1)[0], "organisation")
        if kind == "country" and any(a <= match.start() and match.end() <= b for a, b in not_states):
            continue
        if alias_kind == "surname" and _someone_else_of_the_name(text, *match.span(), entity_id, exact_spans, gazetteer,
                                                                 config):
            continue
        if kind == "person" and (junior := JUNIOR_AFTER_RE.match(text, match.end())):
            # "Donald Trump Jr.", "Trump Junior": the leader's son, no official (see `_attach_titles`)
            found.append(Mention(match.start(), junior.end(), text[match.start() : junior.end()], "relative",
                                 name=text[match.start() : junior.end()].rstrip(". "), link_method="unlinked_name"))
            continue
        found.append(Mention(match.start(), match.end(), match.group(0), kind, entity_id,
                             link_method="alias_exact", alias_kind=alias_kind))
    for match in gazetteer.folded.finditer(text):
        key = match.group(0).casefold()
        if key in gazetteer.titles:
            row = gazetteer.titles[key]
            found.append(Mention(match.start(), match.end(), match.group(0), "title",
                                 office_id=row["office_id"] or None, role=row["role"] or None,
                                 resolve=row["resolve"], link_method="title"))
        else:
            found.append(Mention(match.start(), match.end(), match.group(0), gazetteer.phrases[key],
                                 link_method="speaker_phrase"))
    covered = [(m.start, m.end) for m in found]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in covered)

    # Misspelt foreign names: a run of capitalised words ("Mikhail Mishutin") against full aliases,
    # then single words ("Madvedev") against surnames, never a plain Vietnamese syllable ("Trong").
    spans = []
    for run in FOREIGN_RUN_RE.finditer(text):
        starts = [run.start(1)] + [run.start(1) + i + 1 for i, ch in enumerate(run.group(1)) if ch == " "]
        ends = [run.start(1) + i for i, ch in enumerate(run.group(1)) if ch == " "] + [run.end(1)]
        windows = [(a, b) for i, a in enumerate(starts) for b in ends[i + 1 :]]
        spans += sorted(windows, key=lambda w: w[0] - w[1])  # longest windows first
    spans += [(m.start(1), m.end(1)) for m in FOREIGN_WORD_RE.finditer(text)
              if not VIETNAMESE_SYLLABLE_RE.match(m.group(1).lower())]
    for start, end in spans:
        word = text[start:end]
        if not free(start, end):
            continue
        limit = _fuzzy_limit(word, config)
        targets = [(a, e) for a, e in gazetteer.fuzzy_targets.items() if a.count(" ") == word.count(" ")
                   and (not config.fuzzy_same_initials or _initials(a) == _initials(word))]
        scored = sorted((OSA.distance(word, alias), entity) for alias, entity in targets)
        scored = [item for item in scored if item[0] <= limit]
        # (a single word is a surname: after another given name, or before "Jr", someone else's)
        someone_else = JUNIOR_AFTER_RE.match(text, end) or " " not in word and scored and _someone_else_of_the_name(
            text, start, end, scored[0][1], exact_spans, gazetteer, config)
        if scored and len({e for d, e in scored if d == scored[0][0]}) == 1 and not someone_else:
            found.append(Mention(start, end, word, "person", scored[0][1], link_method="alias_fuzzy",
                                 alias_kind="misspelling"))
            covered.append((start, end))
    found += _unlinked_names(text, found, gazetteer)
    return found


def _fuzzy_limit(written: str, config: AnnotateConfig) -> int:
    return config.fuzzy_max_distance_long if len(written) >= config.fuzzy_long_word else config.fuzzy_max_distance_short


def _someone_else_of_the_name(text: str, start: int, end: int, entity_id: str, exact_spans: list[tuple[int, int]],
                              gazetteer: Gazetteer, config: AnnotateConfig) -> bool:
    """"Ivanka Trump", "Akie Abe": a foreign given name before a leader's surname, neither another
    entity's name ("Philippines Duterte") nor his own misspelt ("Donal Trump"), names someone else; so
    does a hyphenated given name after it, written family name first ("Moon Sang-kyun", "Moon Geun-young"
    are not Moon Jae-in)."""
    if HYPHENATED_GIVEN_NAME_AFTER_RE.match(text, end):
        return True
    before = GIVEN_NAME_BEFORE_RE.search(text, max(0, start - 40), start)
    if before is None or VIETNAMESE_SYLLABLE_RE.match(before.group(1).lower()) \
            or any(a < before.end(1) and before.start(1) < b for a, b in exact_spans):
        return False
    written = text[before.start(1) : end]
    return not any(entity == entity_id and " " in alias and OSA.distance(written, alias) <= _fuzzy_limit(written, config)
                   for alias, entity in gazetteer.fuzzy_targets.items())


def _initials(name: str) -> tuple[str, ...]:
    """First letter of each space-separated word ("John Kerry" -> ("J", "K"))."""
    return tuple(part[:1] for part in name.split(" "))


NAME_WORD_RE = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:-[^\W\d_]+)*")
ORGANISATION_BEFORE_RE = re.compile(
    r"(?<!\w)(?:tập đoàn|công ty|hãng|hãng tin|tổ chức|quỹ|ngân hàng|tờ|báo|đài|trường|đại học|"
    # ("Chủ tịch Ủy ban Quân lực Thượng viện John McCain": a chamber of a legislature is no institute)
    r"(?<!Thượng )(?<!Hạ )viện|câu lạc bộ|đội|nhóm|thương hiệu)\s+$", re.IGNORECASE)
# Head words of an office or rank (`office_heads.tsv`), for officials whose full title the reference
# data does not list ("Chủ tịch Hội nghị Hiệp thương chính trị nhân dân toàn quốc Trung Quốc …", "ông …,
# Ủy viên Thường vụ Bộ Chính trị, … Đảng Cộng sản Trung Quốc"): with a state named in the title, the
# official's. Read from the default reference folder, like the patterns of the other modules.
OFFICIAL_HEAD_RE = re.compile(
    r"(?<!\w)(?:Phó\s+)?(?:{})(?!\w)".format("|".join(
        r"\s+".join(map(re.escape, row["head"].split()))
        for row in sorted(read_tsv(REFERENCE_DIR / "office_heads.tsv"), key=lambda r: -len(r["head"])))),
    re.IGNORECASE)
# "hội kiến … tại Hoàng Cung", "đến Nhà Trắng": a capitalised run after a locative names a place.
# A place noun: the capitalised words after it are the place's name ("xã Đồng Tâm" is nobody), and a
# one-word foreign name the gazetteer does not know may run on into a person's name.
PLACE_NOUN_BEFORE_RE = re.compile(r"(?<!\w)(?:tỉnh|bang|thành phố|tp\.?|quận|huyện|thị xã|thị trấn|xã|phường)\s+$",
                                  re.IGNORECASE)
LOCATIVE_BEFORE_RE = re.compile(r"(?<!\w)(?:tại|ở|đến|tới|sang|từ)\s+$", re.IGNORECASE)
# A title in a company, a bank or an exchange ("Phó Chủ tịch Sàn chứng khoán NASDAQ, Hoa Kỳ") is no state office.
BUSINESS_TITLE_RE = re.compile(r"(?<!\w)(?:tập đoàn|công ty|sàn|ngân hàng|quỹ|doanh nghiệp|hãng|hiệp hội|"
                               r"câu lạc bộ|liên đoàn)(?!\w)", re.IGNORECASE)
TITLE_DASH_RE = re.compile(r"[^,.;:()]{0,60}?\s[-–]\s")
POST_BEFORE_RE = re.compile(r"(?<!\w)(?:tại|ở|bên cạnh)\s+$", re.IGNORECASE)
# "Đặc phái viên của Mỹ về chính sách Triều Tiên Joseph Yun", "Đặc phái viên LHQ về Libya Martin Kobler":
# a state after "về" in a title is the envoy's brief, not his own state.
TOPIC_BEFORE_RE = re.compile(r"(?<!\w)về\s+(?:(?:các |những )?(?:vấn đề|chính sách|hồ sơ|tình hình)\s+)?$", re.IGNORECASE)
TRANSLITERATED_WORD_RE = re.compile(r"[^\W\d_]-[^\W\d_]")
# Lower-case particles inside foreign names ("Fayez al-Serraj", "Tamim bin Hamad Al Thani", "Raul del Rosario";
# not "do", "la" or "le", which are Vietnamese words).
NAME_PARTICLE_RE = re.compile(r"(?:al|el|bin|bint|ibn|van|von|der|de|del|della|da|das|di|dos|du)"
                              r"(?:-[A-Z][^\W\d_]*)?")


def _unlinked_names(text: str, found: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """People the reference data does not know, named right after a title, honorific or "Phu nhân":
    "Bộ trưởng Giáo dục và Đào tạo Nguyễn Kim Sơn", "Bộ trưởng … Valery Falkov"; a foreign name also one
    comma after its title ("Thứ trưởng Bộ Quốc phòng Nga, Alexander Fomin") or before an office in
    apposition that names a state ("Joseph Yun, đặc phái viên Bộ Ngoại giao Mỹ …"). A name is a run of
    two to four capitalised words that starts with a Vietnamese family name, or is all Latin letters."""
    # A title that starts inside a state's name ("Quốc Vương" in "Trung Quốc Vương Gia Thụy") is no title;
    # a state's one-word name after a Vietnamese family name is a word of the name ("Đức" in "Nguyễn Đức Chung").
    covered = [(m.start, m.end) for m in found if m.alias_kind != "given_name" and not (
        m.kind == "title" and any(o.kind in ("country", "person") and o.start < m.start < o.end for o in found))
        and not _in_vietnamese_name(text, m, gazetteer)]
    # ("Phu nhân Melania Trump": a leader's wife, named as such, is named too; annotation marks her.)
    cues = [m for m in found if m.kind in ("title", "honorific", "relative") or m.surface.casefold() in gazetteer.honorifics]
    # An office's head word the reference data does not list as a title ("Thượng tướng", "Thống đốc",
    # "Thứ trưởng") names an official too: no role, the country from the words between; a given name that
    # its first word also is ("Trung" in "Trung tướng") does not hide it.
    cues += [Mention(h.start(), h.end(), h.group(0), "title", link_method="title") for h in OFFICIAL_HEAD_RE.finditer(text)
             if h.group(0)[0].isupper() and not any(m.start <= h.start() < m.end for m in found
                                                    if m.alias_kind != "given_name")]
    cues.sort(key=lambda m: m.end)
    runs: list[list[tuple[int, int]]] = [[]]
    for match in NAME_WORD_RE.finditer(text):
        start, end = match.span()
        # (a particle joined to a capitalised word may also start the name: "Bộ trưởng al-Attiyah")
        particle = NAME_PARTICLE_RE.fullmatch(match.group(0)) is not None and (bool(runs[-1]) or "-" in match.group(0))
        # An acronym ("UMNO", "PAP") names a body, never starts or continues a person's name.
        acronym = len(match.group(0)) >= 2 and match.group(0).isupper()
        usable = ((match.group(0)[0].isupper() or particle) and not acronym
                  and not any(s < end and start < e for s, e in covered))
        # An initial joins the name it starts ("I. Morgulov", "Thứ trưởng … Nga I. Morgulov"), the
        # initial after it ("H.R. McMaster") and a transliterated or Latin name written close up to it
        # ("ông M.Dô-y-rơ", "Thủ tướng I-ta-li-a P.Gen-ti-lô-ni", "Bộ trưởng … bang Telangana K.Srihari").
        gap = text[runs[-1][-1][1] : start] if runs[-1] else ""
        initial = bool(runs[-1]) and runs[-1][-1][1] - runs[-1][-1][0] == 1 and (
            gap == ". " or (gap == "." and (end - start == 1 or TRANSLITERATED_WORD_RE.search(text, start, end) is not None
                                            or text[start:end].isascii())))
        if usable and (not runs[-1] or gap == " " or initial):
            runs[-1].append((start, end))
        else:
            runs.append([(start, end)] if usable else [])
    out = []
    countries = [m for m in found if _mention_country(m, gazetteer)]
    # Named people who could own an office after a comma: full names only (a given name alone, "Chính",
    # is also a word of "Bộ Chính trị"), not inside a place's or a body's name ("Thành phố Hồ Chí Minh").
    people = [m for m in found if m.kind == "person" and " " in m.surface
              and m.alias_kind not in ("given_name", "surname") and not any(
                  o.kind != "person" and o.start <= m.start and m.end <= o.end for o in found)]

    def titled(cue: Mention, start: int, end: int) -> Mention:
        # Named after a title: the title's role (none for a bare minister's title with a portfolio, below)
        # and a country word between them ("Bộ trưởng Bộ Khoa học và Giáo dục đại học Liên bang Nga Valery
        # Falkov": a Russian official) say which official this is.
        mention = Mention(start, end, text[start:end], "person", None, name=text[start:end],
                          link_method="unlinked_name")
        # "Đại sứ Việt Nam tại Hoa Kỳ Phạm Quang Vinh": the state after "tại" is the post, not the official's.
        between = [c for c in countries if cue.end <= c.start and c.end <= start and not POST_BEFORE_RE.search(text[: c.start])
                   and not TOPIC_BEFORE_RE.search(text[: c.start])]
        if cue.kind in ("title", "honorific") and cue.surface.casefold() not in gazetteer.honorifics:
            mention.role = cue.role
            if cue.resolve == "coref" and cue.role == "foreign_minister" and NAME_WORD_RE.search(text, cue.end, start):
                # A bare "Bộ trưởng" is read as the foreign minister it usually is in this news, but not
                # when a portfolio follows it: "Bộ trưởng Tài chính Nhật Bản Taro Aso". (A title, a state
                # and a name with nothing else between are one mention, found before this.)
                mention.role = None
            mention.link_method = "unlinked_title"
            mention.country = _mention_country(between[-1], gazetteer) if between else None
            if mention.country is None and cue.kind == "title" and not (cue.office_id or "vnm.").startswith("vnm."):
                # "Tổng thống Ukraine Pyotr Poroshenko": a title that names its state is one mention, with
                # no country word of its own; its office's state is the official's. (A bare title's default
                # office is Vietnam's, which says nothing about a foreign name after it.)
                mention.country = gazetteer.office_countries.get(cue.office_id)
        elif cue.surface.casefold() in gazetteer.honorifics:
            # "Thống đốc tỉnh Aichi - ông Hideaki Omura", "Chủ tịch Đảng Công Minh - Ngài Natsuo
            # Yamaguchi": the office before a dash is the honoured person's.
            office = [c for c in cues if c.kind == "title" and c.end <= cue.start
                      and TITLE_DASH_RE.fullmatch(text[c.end : cue.start])]
            if office:
                mention.role, mention.link_method = office[-1].role, "unlinked_title"
                states = [c for c in countries if office[-1].end <= c.start and c.end <= cue.start]
                mention.country = _mention_country(states[-1], gazetteer) if states else None
        return mention

    # One foreign surname right after a title ("Bộ trưởng Falkov"), or after a title and its state or
    # city ("Hoàng hậu Hà Lan Maxima", "Thống đốc Saint Petersburg Poltavchenko"): resolved later against
    # the people already named in the article.
    states_and_places = countries + [m for m in found if m.kind == "place"]
    for run in (r for r in runs if len(r) == 1):
        start, end = run[0]
        word = text[start:end]
        before = [c for c in cues if c.end <= start and (re.fullmatch(r"\s+", text[c.end : start]) or any(
            re.fullmatch(r"\s+", text[c.end : m.start]) and re.fullmatch(r"\s+", text[m.end : start])
            for m in states_and_places))]
        foreign = (word.isascii() and len(word) >= 4 and not VIETNAMESE_SYLLABLE_RE.match(word.lower())
                   or word in gazetteer.foreign_last_names)
        if foreign and before:
            out.append(titled(before[-1], start, end))
    for run in (_latin_tail(text, r)[:4] for r in runs if len(r) >= 2):
        while run and text[run[-1][0]].islower() and "-" not in text[run[-1][0] : run[-1][1]]:
            run = run[:-1]  # a particle ends no name ("… bin" before a common word)
        if len(run) >= 3 and PLACE_NOUN_BEFORE_RE.search(text[: run[0][0]]) and text[run[0][0] : run[-1][1]].isascii():
            run = run[1:]  # "Thống đốc tỉnh Aichi Hideaki Omura": the province's name, then the governor's
        if len(run) < 2:
            continue
        start, end = run[0][0], run[-1][1]
        latin = text[start:end].isascii() and not all(
            VIETNAMESE_SYLLABLE_RE.match(text[a:b].lower()) for a, b in run)  # "Na Uy" is Vietnamese
        # A foreign name written the Vietnamese way joins its syllables with hyphens ("Đại tướng Phuông
        # Si-phan", "Tổng thống Tay-íp Éc-đô-gan"); Vietnamese names never do.
        transliterated = any(TRANSLITERATED_WORD_RE.search(text, a, b) for a, b in run)
        latin_or_surname = latin or transliterated or text[run[0][0] : run[0][1]] in gazetteer.surnames
        # "ông Lạc Thụ Cương, Bộ trưởng …": capitalised words right after "ông"/"bà" are a name, whatever
        # its family name (Chinese and Korean names read in Vietnamese are not in the surname list).
        honoured = any(c.surface.casefold() in gazetteer.honorifics and text[c.end : start] == " " for c in cues)
        if not (latin_or_surname or honoured) and _titled_state_before(text, start, countries, gazetteer) is None:
            continue
        if not latin and PLACE_NOUN_BEFORE_RE.search(text[:start]):
            continue  # "người dân xã Đồng Tâm", "tỉnh Hà Tĩnh": a place's name, whatever its first word
        right_after_title = any(c.kind == "title" and text[c.end : start] == " " for c in cues)
        if (ORGANISATION_BEFORE_RE.search(text[:start]) and not right_after_title) or LOCATIVE_BEFORE_RE.search(text[:start]):
            continue  # "Tập đoàn Coca Cola", "hãng tin Reuters": an organisation's name, not a person's
        # A title belongs to the nearest name after it: "Chủ tịch nước Trần Đại Quang đã tiếp Đoàn Đại biểu …"
        # gives "Đoàn Đại" no title; nor does a title whose contact comes between, the other side after it:
        # "Thủ tướng tiếp lãnh đạo Exxon Mobil" (the tagger may take "Exxon Mobil" for a name).
        near = [c for c in cues if 0 <= start - c.end <= 60
                and (not re.search(r"[,.;:()]", text[c.end : start])
                     or _title_comma_name(c, start, text, latin or transliterated))
                and not (gazetteer.contact_predicate and gazetteer.contact_predicate.match(text, c.end, start))
                and not any(m.kind == "person" and c.end <= m.start and m.end <= start for m in found + out)
                and (c.kind != "relative" or _right_after(c, start, text, countries))]
        state = _titled_state_before(text, start, countries, gazetteer)
        if near and (latin_or_surname or honoured):
            mention = titled(near[-1], start, end)
            if mention.country is None:
                # "ông Lưu Vân Sơn, Ủy viên Thường vụ Bộ Chính trị, … Đảng Cộng sản Trung Quốc"
                mention.country = _apposition_state(text, end, countries, people, gazetteer)
                # "ông Yuji Kuroiwa, Thống đốc tỉnh Kanagawa": an office in apposition makes an
                # official even when it names no state (the contact's context gives it).
                titled_after = _apposition_title(text, end, people)
                mention.link_method = "unlinked_title" if mention.country or titled_after else mention.link_method
            if mention.country is None and state is not None:
                mention.country, mention.link_method = state, "unlinked_title"
            out.append(mention)
        elif state is not None:
            # "Chủ tịch Chính hiệp Trung Quốc Du Chính Thanh", "Hoàng hậu Vương quốc Hà Lan Máxima …":
            # a name right after the state of a title that opens with an office's head word.
            out.append(Mention(start, end, text[start:end], "person", None, name=text[start:end],
                               link_method="unlinked_title", country=state))
        elif (latin and not SOURCE_BEFORE_RE.search(text, 0, start) and not SOURCE_OPENING_RE.match(text, start)
              and (apposed := _apposition_state(text, end, countries, people, gazetteer)) is not None):
            # "Joseph Yun, đặc phái viên Bộ Ngoại giao Mỹ về Triều Tiên, tới Bình Nhưỡng": a foreign name with no
            # title before it, and an office in apposition after it that names a state, is that state's official,
            # with the office's role when the reference lists its title.
            office = _apposition_office(text, end, people)
            title = next((c for c in cues if c.kind == "title" and c.start == office), None)
            out.append(Mention(start, end, text[start:end], "person", None, name=text[start:end],
                               link_method="unlinked_title", country=apposed, role=title.role if title else None))
    return out


# Before a name that is a source, not a person: "Theo New York Times, …", "tờ Wall Street Journal, …", "bài
# viết của Foreign Policy, …".
SOURCE_WORDS = r"(?:theo|tờ|báo|hãng|hãng tin|kênh|đài|trang|tạp chí|trên|của)"
SOURCE_BEFORE_RE = re.compile(rf"(?<!\w){SOURCE_WORDS}\s+$", re.IGNORECASE)
# (capitalised at a sentence's start, the word runs into the name: "Theo Wall Street Journal, …")
SOURCE_OPENING_RE = re.compile(rf"{SOURCE_WORDS}\s", re.IGNORECASE)


# A foreign name one comma after its title: "Thứ trưởng Bộ Quốc phòng Nga, Alexander Fomin", "Đại sứ Afghanistan tại
# Pakistan, Omar Zakhilwal".
TITLE_COMMA_GAP_RE = re.compile(r"[^,.;:()“”\"]{0,60}?,\s")


def _title_comma_name(cue: Mention, start: int, text: str, foreign: bool) -> bool:
    """Whether the name at `start`, in Latin letters or transliterated (`foreign`), is that of the official
    whose title `cue` opens a phrase that ends one comma before it (`TITLE_COMMA_GAP_RE`); not a title that
    only qualifies another ("Người phát ngôn của Tổng thống Nga, …") or is a contact's object ("Sau khi gặp Thủ
    tướng Nhật Bản, …": `OBJECT_BEFORE_RE`)."""
    return (foreign and cue.kind == "title" and TITLE_COMMA_GAP_RE.fullmatch(text, cue.end, start) is not None
            and OBJECT_BEFORE_RE.search(text, 0, cue.start) is None)


def _latin_tail(text: str, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The Latin name that ends a run of capitalised words opening with Vietnamese ones ("Tư lệnh
    Thái Bình Dương Harry Harris": the Pacific, then the admiral), else the run. A Vietnamese name has
    no word outside Vietnamese spelling, and a foreign name read in Vietnamese is all Vietnamese
    syllables or hyphenated ("Tập Cận Bình", "Tay-íp Éc-đô-gan"); two or more Latin words are needed,
    a lone one ("… Dương Harris") may be a Vietnamese word's neighbour and stays in the run."""
    words = [text[a:b] for a, b in run]
    latin = [w.isascii() and "-" not in w and not VIETNAMESE_SYLLABLE_RE.match(w.lower()) for w in words]
    first = next((k for k, is_latin in enumerate(latin) if is_latin), None)
    if (first is None or first == 0 or len(run) - first < 2 or not all(latin[first:])
            or not any(not w.isascii() for w in words[:first])):
        return run
    return run[first:]


def _right_after(cue: Mention, start: int, text: str, countries: list[Mention]) -> bool:
    """A name right after its cue, or after the cue and a state ("Đệ nhất phu nhân Pháp Brigitte Macron"),
    not further on ("Phu nhân và Đoàn Đại biểu cấp cao": no name at all)."""
    return not text[cue.end : start].strip() or any(
        not text[cue.end : c.start].strip() and not text[c.end : start].strip() for c in countries)


# A word and the space right before a position: "Nguyễn " before "Đức Chung".
WORD_BEFORE_RE = re.compile(r"(?<![\w-])([^\W\d_]+) $")


def _in_vietnamese_name(text: str, mention: Mention, gazetteer: Gazetteer) -> bool:
    """Whether a one-word country mention is a word of a Vietnamese name: up to three capitalised words
    right before it, a family name among them ("Đức" in "Nguyễn Đức Chung", "Anh" in "Bộ trưởng Trần
    Tuấn Anh", "Nga" in "bà Nguyễn Thị Nga"). (After "Thái Lan", whose "Thái" is a family name too,
    "Anh" stays a state: the words of a state's name make no person's name.)"""
    if mention.kind != "country" or " " in mention.surface:
        return False
    cursor = mention.start
    for _ in range(3):
        before = WORD_BEFORE_RE.search(text[:cursor])
        if before is None or not before.group(1)[0].isupper():
            return False
        if before.group(1) in gazetteer.surnames:
            return True
        cursor = before.start()
    return False


def _titled_state_before(text: str, start: int, countries: list[Mention], gazetteer: Gazetteer) -> str | None:
    """The state named right before a name, inside a title that opens with an office's head word in
    the same clause ("Phó Chủ tịch Hội nghị … (Chính hiệp) Trung Quốc Vương Gia Thụy"), else None."""
    before = [c for c in countries if c.kind == "country" and c.end < start and text[c.end : start] == " "]
    if not before:
        return None
    country = before[-1]
    if TOPIC_BEFORE_RE.search(text[: country.start]):
        return None  # the brief of an envoy, whose own state comes before it (`titled` reads it)
    post = POST_BEFORE_RE.search(text[: country.start])
    if post:
        # "Đại sứ Trung Quốc tại Việt Nam Hồng Tiểu Dũng": the state after "tại" is the post; the
        # official's own state is the one right before it.
        sending = [c for c in countries if c.kind == "country" and c.end <= post.start()
                   and re.fullmatch(r"\s*", text[c.end : post.start()])]
        if not sending:
            return None
        country = sending[-1]
    head = [h for h in OFFICIAL_HEAD_RE.finditer(text, max(0, country.start - 120), country.start)
            if not re.search(r"[,.;:]", text[h.end() : country.start])]
    if not head or BUSINESS_TITLE_RE.search(text[head[0].end() : country.start]):
        return None
    return _mention_country(country, gazetteer)


# "Đặc phái viên của Tổng thống Hàn Quốc Moon Jae-in": the name after "của" is whom the office serves.
OWNER_BEFORE_RE = re.compile(r"(?<!\w)của(?!\w)", re.IGNORECASE)


APPOSITION_SEPARATOR_RE = re.compile(r"\s*,\s*|\s+[-–]\s+")


def _apposition_office(text: str, end: int, people: list[Mention]) -> int | None:
    """Where an office's head word starts right after the name and a comma or a dash ("…, Thống đốc …",
    "ông Robert Macke - Giám đốc Văn phòng …, Bộ Nông nghiệp Mỹ"), else None.
    An office followed by a name of `people` before the next comma (not after "của") is that person's,
    the subject of the next clause ("Tiếp … ông Hideaki Omura, Thủ tướng Chính phủ Nguyễn Xuân Phúc bày tỏ …")."""
    after = APPOSITION_SEPARATOR_RE.match(text, end)
    if not after or not OFFICIAL_HEAD_RE.match(text, after.end()):
        return None
    office = after.end()
    stop = re.search(r"[,;.]", text[office:])
    clause_end = office + (stop.start() if stop else len(text) - office)
    if any(office < person.start < clause_end and not OWNER_BEFORE_RE.search(text, office, person.start)
           for person in people):
        return None
    return office


def _apposition_title(text: str, end: int, people: list[Mention]) -> bool:
    """Whether an office's head word follows the name after a comma ("…, Thống đốc tỉnh Kanagawa"),
    not a business title."""
    office = _apposition_office(text, end, people)
    if office is None:
        return False
    stop = re.search(r"[,;.]", text[office:])
    clause = text[end : office + (stop.start() if stop else len(text))]
    return not BUSINESS_TITLE_RE.search(clause)


def _apposition_state(text: str, end: int, countries: list[Mention], people: list[Mention],
                      gazetteer: Gazetteer) -> str | None:
    """"ông Lưu Vân Sơn, Ủy viên Thường vụ Bộ Chính trị, … Đảng Cộng sản Trung Quốc": a title in
    apposition after the name, and the state (or a state's party or body) it names, else None."""
    if _apposition_office(text, end, people) is None:
        return None
    # (the apposition ends at the sentence's verb: "Bà X, Phó Bí thư Thành ủy … tiếp ông Y, Chủ tịch
    # Đảng Cộng sản Bangladesh", or at "và" before another person; not at a "và" inside the office's
    # name: "Giám đốc Văn phòng phụ trách các Hiệp định và các Vấn đề Khoa học, …, Bộ Nông nghiệp Mỹ")
    stop = re.search(r"[;.]|\s(?:đã|sẽ|đang|và(?!\s+(?:các|những)\s)|cùng|tiếp|hội đàm|hội kiến|gặp|đón|điện đàm|làm việc)\s",
                     text[end:])
    limit = end + (stop.start() if stop else len(text) - end)
    if BUSINESS_TITLE_RE.search(text[end:limit]):
        return None
    inside = [m for m in countries if end < m.start < limit and not re.search(r"[-–]\s*$", text[: m.start])]
    if not inside:
        return None
    # "…, Chủ tịch Quốc hội Cộng hòa Liên bang Myanmar": a body's generic name ("Quốc hội", Vietnam's by
    # default) belongs to the state named right after it.
    named_after = next((c for c in inside[1:] if c.kind == "country"
                        and STATE_FORM_GAP_RE.fullmatch(text[inside[0].end : c.start])), None)
    if named_after is None and inside[0].kind != "country" and _mention_country(inside[0], gazetteer) == "VNM":
        # "…, Chủ tịch Quốc hội kiêm Chủ tịch Thượng viện Myanmar": a body's generic name, Vietnam's
        # by default, in an apposition that names another state (not as a post: "tại Việt Nam").
        named_after = next((c for c in inside[1:] if c.kind == "country" and _mention_country(c, gazetteer) != "VNM"
                            and not POST_BEFORE_RE.search(text[: c.start])), None)
    return _mention_country(named_after or inside[0], gazetteer)


# The words of a state's full name between a body and the state ("Quốc hội Cộng hòa Liên bang Myanmar").
STATE_FORM_GAP_RE = re.compile(r"\s*(?:(?:nước|Cộng hòa|Liên bang|Vương quốc|Hợp chúng quốc|Nhà nước|Dân chủ|Nhân dân|"
                               r"Xã hội chủ nghĩa|Hồi giáo|Ả Rập|Thống nhất|Đại|Quần đảo|Độc lập)\s+)*",
                               re.IGNORECASE)


def _select(found: list[Mention]) -> list[Mention]:
    """Longest non-overlapping matches win; on equal length, names beat titles and phrases."""
    priority = {"person": 0, "organisation": 1, "place": 2, "country": 3, "title": 4}
    chosen: list[Mention] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), priority.get(m.kind, 5), m.start)):
        if all(mention.end <= c.start or c.end <= mention.start for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


def _merge(first: Mention, person: Mention, text: str, titles: list[Mention], country: Mention | None = None) -> Mention:
    main = titles[-1] if titles else None
    # A person the reference does not know keeps the title's role but no office: no tenure can
    # confirm it ("Phó Thủ tướng Trần Hồng Hà"). A country word inside the title ("Thủ tướng Nhật
    # Bản Shinzo Abe") says whose official it is; a Vietnamese title's default office then does not apply.
    office = (main.office_id if main else person.office_id) if person.entity_id else None
    country_code = country.entity_id.split(":", 1)[1] if country is not None and country.entity_id else None
    if country_code and office and not office.startswith(country_code.lower() + "."):
        office = person.office_id if person.entity_id else None
    return replace(
        person, start=first.start, surface=text[first.start : person.end], office_id=office,
        role=(main.role if main else person.role), resolve=(main.resolve if main else person.resolve),
        country=country_code or person.country,
        link_method="unlinked_title" if not person.entity_id and titles else person.link_method,
    )


def _held_ever(reference: Reference, entity_id: str | None) -> set[str]:
    return {t.office_id for t in reference.tenures_by_person.get(entity_id or "", [])}


def _title_fits_given_name(chain: list[Mention], person: Mention, held: set[str], reference: Reference) -> bool:
    """A given name is a name only after a title of an office its owner held ("Thủ tướng Chính"): in
    "Bộ trưởng Chính sách Tài chính … Nhật Bản", "Chính" starts a word. A title fits an office of the
    same role, or one whose Vietnamese label it begins ("Bộ trưởng" for "Bộ trưởng Bộ Công an"). An
    honorific alone, or a person of no known tenure (`held`: the offices the person ever held), keeps the
    name as before."""
    titles = [m for m in chain if m.kind == "title"]
    if person.alias_kind != "given_name" or not titles or not held:
        return True
    labels = [(reference.offices.get(office_id) or {}).get("label_vi") or "" for office_id in held]
    return any(title.office_id in held or reference.offices_of_role(person.entity_id, title.role)
               or any(label.casefold().startswith(title.surface.casefold()) for label in labels)
               for title in titles)


def _own_office_of_the_role(title: Mention, person_id: str | None, held: set[str], reference: Reference) -> Mention:
    """"Thủ tướng Angela Merkel": a bare title defaults to Vietnam's office; before a foreign leader who
    held an office of that role it names his own office, so it stays his title (the one such office)."""
    if title.kind != "title" or not title.office_id or not title.office_id.startswith("vnm.") or not held \
            or any(office.startswith("vnm.") for office in held):
        return title
    own = reference.offices_of_role(person_id, title.role)
    return replace(title, office_id=own[0]) if len(own) == 1 else title


# Between a title (or its state) and the name it goes with: a space, or a dash set off by spaces ("Thủ tướng
# Nhật - Shinzo Abe", "Thủ tướng New Zealand - Bill English").
NAME_GAP_RE = re.compile(r"\s*|\s+[-–]\s+")


def _attach_titles(mentions: list[Mention], text: str, reference: Reference) -> list[Mention]:
    """Join titles and honorifics to the name they precede ("Tổng thống Nga Vladimir Putin") or
    follow as an apposition ("ông Nguyễn Phú Trọng, Tổng bí thư"); given-name aliases count only
    after a title or honorific."""
    honorifics = reference.honorifics
    out: list[Mention] = []
    index = 0
    while index < len(mentions):
        mention = mentions[index]
        if mention.kind in ("title", "honorific") or (mention.kind == "pronoun" and mention.surface.casefold() in honorifics):
            chain = [mention]
            look = index + 1
            while look < len(mentions):
                gap = text[chain[-1].end : mentions[look].start]
                nxt = mentions[look]
                if nxt.kind == "title" and re.fullmatch(r"\s*,?\s*", gap) and not _offices_of_two_states(chain[-1], nxt):
                    chain.append(nxt)
                    look += 1
                    continue
                if (nxt.kind in ("title", "honorific") or nxt.surface.casefold() in honorifics) and re.fullmatch(r"\s*", gap):
                    chain.append(nxt)
                    look += 1
                    continue
                break
            country = None
            # "Thủ tướng Nhật Bản Shinzo Abe", "Đại sứ Mỹ Daniel Kritenbrink": title, country, name.
            if (look + 1 < len(mentions) and mentions[look].kind == "country" and mentions[look + 1].kind == "person"
                    and re.fullmatch(r"\s+", text[chain[-1].end : mentions[look].start])
                    and NAME_GAP_RE.fullmatch(text[mentions[look].end : mentions[look + 1].start])):
                country = mentions[look]
                look += 1
            name_gap_from = (country or chain[-1]).end
            apposed = _apposed_name(chain[-1], mentions, look, text, honorifics) if country is None else None
            if apposed is not None:
                # "Ngoại trưởng Qatar, ông Mohammed bin Abdulrahman Al Thani": the title, its state, a comma
                # and an honorific before the name are one person's.
                country, at = apposed
                chain.append(mentions[at])
                look = at + 1
                name_gap_from = mentions[at].end
            if (look < len(mentions) and mentions[look].kind == "person" and NAME_GAP_RE.fullmatch(text[name_gap_from : mentions[look].start])
                    and _title_fits_given_name(chain, mentions[look],
                                               held := _held_ever(reference, mentions[look].entity_id), reference)):
                # "của Tổng Bí thư, Bộ trưởng Lê Hoài Trung": a title the person never held ends
                # someone else's mention, so the chain starts after it.
                chain = [_own_office_of_the_role(m, mentions[look].entity_id, held, reference) for m in chain]
                cut = max([i + 1 for i, m in enumerate(chain) if m.kind == "title" and m.office_id and held
                           and m.office_id not in held] or [0])
                for item in chain[:cut]:
                    if item.kind == "title":
                        out.append(item)
                chain = chain[cut:] or [mentions[look]]
                titles = [m for m in chain if m.kind == "title"]
                out.append(_merge(chain[0], mentions[look], text, titles, country))
                index = look + 1
                continue
            if (country is None and look < len(mentions) and mentions[look].kind == "relative" and mentions[look].name
                    and re.fullmatch(r"\s*", text[chain[-1].end : mentions[look].start])):
                index = look  # "ông Trump Jr": the honorific is the son's, no pronoun of its own
                continue
            if country is not None:
                look -= 1  # the country word was not followed by a name after all
            apposed_to = out[-1] if (mention.kind == "title" and out and out[-1].kind == "person"
                                     and out[-1].office_id is None
                                     and re.fullmatch(r"\s*,\s*", text[out[-1].end : mention.start])) else None
            if apposed_to is not None and apposed_to.entity_id:
                held = _held_ever(reference, apposed_to.entity_id)
                own = _own_office_of_the_role(mention, apposed_to.entity_id, held, reference)
                if not held or own.office_id is None or own.office_id in held:
                    out[-1] = replace(apposed_to, office_id=own.office_id, role=own.role, resolve=own.resolve)
                    index += 1
                    continue
                # "cửa hàng của ông Trump, Thủ tướng tìm …": a title the person never held
                # starts the next clause; it is no apposition of his.
            elif apposed_to is not None:
                # "ông Gennady Ziuganov, Chủ tịch Đảng Cộng sản Nga": an official the reference
                # does not know; the title's role, not its (Vietnamese) default office.
                country = _state_right_after(mention, mentions, index + 1, text)
                out[-1] = replace(apposed_to, role=apposed_to.role or mention.role, link_method="unlinked_title",
                                  country=apposed_to.country or country)
                index += 1
                continue
            # "Chủ tịch Thượng viện Haiti đã hội đàm …": a bare title with its state names that
            # state's official, whom coreference must find among people of that state.
            state = _state_right_after(chain[-1], mentions, look, text)
            for item in chain:
                if item.kind == "title":
                    out.append(replace(item, country=item.country or state) if item is chain[-1] else item)
                elif item.kind != "honorific":
                    out.append(replace(item, kind="pronoun"))
            index = look
            continue
        if mention.kind == "relative" and mention.name is None:
            # "Phu nhân Akie Abe", "Đệ nhất phu nhân Pháp Brigitte Macron": a leader's wife is no official.
            # ("đệ nhất phu nhân Mỹ, bà Melania Trump": her state, then a comma and her honorific.)
            look = index + 1
            if look + 1 < len(mentions) and mentions[look].kind == "country" \
                    and re.fullmatch(r"\s+", text[mention.end : mentions[look].start]):
                look += 1
            if look + 1 < len(mentions) and mentions[look].surface.casefold() in honorifics \
                    and re.fullmatch(r"\s*,?\s*", text[mentions[look - 1].end : mentions[look].start]):
                look += 1
            if look < len(mentions) and mentions[look].kind == "person" \
                    and re.fullmatch(r"\s+", text[mentions[look - 1].end : mentions[look].start]):
                named = mentions[look]
                out.append(replace(named, kind="relative", name=named.name or named.surface))
                index = look + 1
            else:
                index += 1
            continue
        if mention.kind == "person" and mention.alias_kind == "given_name":
            index += 1  # a bare given name ("Trung", "Minh") is an ordinary word
            continue
        out.append(mention)
        index += 1
    return out


# Before a title that starts a person's apposition, no word that makes it an object ("gặp Thủ tướng Nhật
# Bản, ông Trump nói": Mr Trump met the Prime Minister).
OBJECT_BEFORE_RE = re.compile(r"(?<!\w)(?:với|gặp|tiếp|thăm|của|cùng|cho|tới|đến|hội đàm|hội kiến|điện đàm)\s+$",
                              re.IGNORECASE)


def _apposed_name(title: Mention, mentions: list[Mention], following: int, text: str,
                  honorifics: Collection[str]) -> tuple[Mention | None, int] | None:
    """"Ngoại trưởng Qatar, ông Mohammed …": the state right after `title` (or None), and the index of
    the honorific after the comma that the next person's name follows, when the title is not an
    object; else None."""
    if title.kind != "title" or OBJECT_BEFORE_RE.search(text[: title.start]):
        return None
    state = mentions[following] if following < len(mentions) and mentions[following].kind == "country" else None
    # ("Ngoại trưởng Các Tiểu vương quốc Arab thống nhất (UAE), ông Anwar Gargash")
    if state is not None and not re.fullmatch(r"\s+(?:các\s+)?", text[title.end : state.start], re.IGNORECASE):
        return None
    at = following + (1 if state is not None else 0)
    if (state is not None and at < len(mentions) and mentions[at].kind == "country"
            and re.fullmatch(r"\s*\(", text[state.end : mentions[at].start])):
        at += 1  # the state's short name in brackets
    if at + 1 >= len(mentions):
        return None
    honorific, person = mentions[at], mentions[at + 1]
    if (honorific.surface.casefold() in honorifics and person.kind == "person"
            and re.fullmatch(r"\s*(?:\([^()]{1,12}\)\s*)?,\s*", text[(state or title).end : honorific.start])
            and re.fullmatch(r"\s+", text[honorific.end : person.start])):
        return state, at
    return None


def _state_right_after(title: Mention, mentions: list[Mention], following: int, text: str) -> str | None:
    """The state of the country mention `mentions[following]` when it comes right after `title`
    ("Chủ tịch Thượng viện Haiti"), else None."""
    after = mentions[following] if following < len(mentions) else None
    if (after is None or after.kind != "country" or not after.entity_id
            or not re.fullmatch(r"\s+", text[title.end : after.start])):
        return None
    return after.entity_id.split(":", 1)[1]


def _offices_of_two_states(first: Mention, second: Mention) -> bool:
    """"Chủ tịch nước Trung Quốc, Tổng thống Hoa Kỳ, …": titles of two foreign states' offices listed
    with commas are two people, not one person's titles ("Tổng Bí thư, Chủ tịch nước Tô Lâm"). A bare
    title ("Tổng Bí thư") defaults to Vietnam's office, so Vietnam's offices never count here."""
    states = [(m.office_id or "").split(".", 1)[0] for m in (first, second)]
    if len(states[0]) == 3 and states[0] != "vnm" and second.office_id is None and second.role in ("president", "monarch") \
            and second.role != first.role:
        # "sau cuộc gặp đầu tiên với Thủ tướng Ấn Độ, Tổng thống Trump nói": a foreign state's office, then a
        # bare head of state's title of another role, which no one holds beside it.
        return True
    return all(len(state) == 3 and state != "vnm" for state in states) and states[0] != states[1]


def find_mentions(text: str, reference: Reference, config: AnnotateConfig = AnnotateConfig()) -> list[Mention]:
    """Gazetteer mentions in one sentence, titles attached to names, overlaps resolved."""
    gazetteer = build_gazetteer(reference)
    selected = _foreign_bodies(_select(_foreign_titles(_states_after_joint(_candidates(text, gazetteer, config)),
                                                       gazetteer)), text, gazetteer)
    return _drop_co_titles(_attach_titles(_office_bodies(_deputy_titles(selected, text), text, reference), text,
                                          reference), text)


def _states_after_joint(found: list[Mention]) -> list[Mention]:
    """A joint subject that runs into a state's name ("Tổng thống hai nước Nga và Ai Cập", where "nước Nga"
    names Russia) is no joint subject: the states named after it are the subject."""
    return [m for m in found if not (m.kind == "joint" and any(
        o.kind == "country" and o.start < m.end < o.end for o in found))]


DEPUTY_BEFORE_RE = re.compile(r"(?<!\w)Phó\s+$")


def _deputy_titles(mentions: list[Mention], text: str) -> list[Mention]:
    """"Phó Chủ tịch Quốc hội Uông Chu Lưu": an office's title right after "Phó" (and not listed with
    it) is a deputy's, not the office itself: no office, role or holder, so that the deputy is
    never taken for the holder of the office (the Chair of the National Assembly)."""
    return [replace(m, office_id=None, role=None, resolve=None)
            if m.kind == "title" and DEPUTY_BEFORE_RE.search(text[: m.start]) else m for m in mentions]


OFFICE_BODY_BEFORE_RE = re.compile(r"(?<!\w)(?:Phủ|Văn phòng)\s+$", re.IGNORECASE)


def _office_bodies(mentions: list[Mention], text: str, reference: Reference) -> list[Mention]:
    """"Phủ Tổng thống Hàn Quốc bác bỏ …": an office's title right after "Phủ" or "Văn phòng" names the
    office's staff, not its holder: one organisation mention of the whole phrase, with the office's
    state, that can speak but is never taken for the holder (the President)."""
    out = []
    for m in mentions:
        before = OFFICE_BODY_BEFORE_RE.search(text[: m.start]) if m.kind == "title" and m.office_id else None
        if before is None:
            out.append(m)
            continue
        country = reference.offices.get(m.office_id, {}).get("country") or None
        out.append(replace(m, start=before.start(), surface=text[before.start() : m.end], kind="organisation",
                           office_id=None, role=None, resolve=None, link_method="speaker_phrase", country=country))
    return out


def _drop_co_titles(mentions: list[Mention], text: str) -> list[Mention]:
    """"Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình", "Tổng bí thư - Chủ tịch Tập Cận Bình": a bare title
    followed by a comma or a dash and another title that leads to a name is the first of that person's
    titles, not someone else."""
    out = []
    for index, mention in enumerate(mentions):
        # the next person, over the state of the second title ("Chủ tịch TQ Tập Cận Bình")
        following = next((m for m in mentions[index + 1 :] if m.kind != "country"), None)
        comma = re.match(r"\s*,\s*|\s+[-–]\s+", text[mention.end :])
        if (mention.kind == "title" and comma and following is not None and following.kind == "person"
                and OFFICIAL_HEAD_RE.match(text, mention.end + comma.end())
                and following.start - mention.end <= 80
                and not re.search(r"[,;.()]", text[mention.end + comma.end() : following.start])
                and not _offices_of_two_states(mention, following)):
            continue
        out.append(mention)
    return out


def _foreign_bodies(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> list[Mention]:
    """A Vietnamese body's short name followed by another state's name is that state's body:
    "Bộ Quốc phòng Campuchia", "Quốc hội Belarus", "Bộ Ngoại giao Qatar" are not Vietnam's ministry
    or assembly, so the short alias is not linked (`ner_unlinked`); the country stays a mention.
    Likewise a Vietnamese office's title followed by another state ("Chủ tịch Quốc hội Belarus",
    "Tổng Bí thư … Đảng Cộng sản Trung Quốc") is no title of a Vietnamese office."""
    out = []
    for index, mention in enumerate(mentions):
        after = mentions[index + 1] if index + 1 < len(mentions) else None
        foreign = (after is not None and after.kind == "country" and after.entity_id is not None
                   and after.entity_id != "country:VNM")
        if (mention.kind == "organisation" and mention.entity_id and mention.alias_kind == "short" and foreign
                and text[mention.end : after.start] == " "
                and after.entity_id.split(":", 1)[1] != gazetteer.organisation_countries.get(mention.entity_id)):
            mention = replace(mention, entity_id=None, link_method="ner_unlinked")
        elif (mention.kind == "title" and (mention.office_id or "").startswith("vnm.") and foreign
                and FOREIGN_PARTY_GAP_RE.fullmatch(text[mention.end : after.start])):
            # "Tổng Bí thư Ban Chấp hành Trung ương Đảng Cộng sản Trung Quốc", "Chủ tịch Quốc hội
            # Belarus": the Vietnamese title's words begin another state's office, which no
            # Vietnamese office holder resolves.
            mention = replace(mention, kind="ner", office_id=None, role=None, resolve=None, link_method="ner_unlinked")
        out.append(mention)
    return out


def _mention_country(mention: Mention, gazetteer: Gazetteer) -> str | None:
    """The state a country or organisation mention stands for (ISO alpha-3), else None."""
    if mention.kind == "country" and mention.entity_id:
        return mention.entity_id.split(":", 1)[1]
    if mention.kind == "organisation" and mention.entity_id:
        return gazetteer.organisation_countries.get(mention.entity_id)
    return None


def _foreign_titles(found: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A Vietnamese office's title that runs into another state's body ("Tổng Bí thư Ban Chấp hành
    Trung ương Đảng" inside "… Đảng Cộng sản Trung Quốc") is no title: the body wins."""
    out = []
    for mention in found:
        if mention.kind == "title" and (mention.office_id or "").startswith("vnm.") and any(
                other.start < mention.end < other.end and _mention_country(other, gazetteer) not in (None, "VNM") for other in found):
            continue
        out.append(mention)
    return out


FOREIGN_PARTY_GAP_RE = re.compile(r" (?:Cộng sản |Nhân dân )?")


QUOTATION_MARKS_RE = re.compile(r'["“”]')


def _quotation_end(text: str, spans: list[tuple[int, int]], index: int) -> int:
    """The last of the spans from `index` that a quotation the span at `index` opens runs into; `index`
    itself when the span opens none, or when nothing closes it before the block ends. Curly marks
    nest ("“… “Vành đai, Con đường” …”"); a straight mark closes what is open, else opens."""
    depth = 0
    for last in range(index, len(spans)):
        for mark in QUOTATION_MARKS_RE.findall(text, spans[last][0], spans[last][1]):
            if mark == "“":
                depth += 1
            elif mark == "”":
                depth = max(depth - 1, 0)  # with nothing open: the end of an earlier block's quotation
            else:
                depth = depth - 1 if depth else 1
        if depth == 0:
            return last
    return index


def quoted_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentence spans that split a quotation ("“Câu một. Câu hai”, ông nói."), so that the
    speaker after a multi-sentence quote is read with the whole quote.

    News text mixes the marks ('"… nhất.” Thủ tướng May …': a straight mark closed by a curly one),
    and an outlet may leave a mark open ('… một thỏa thuận mới “với những điều khoản công bằng ….
    Ông Trump cũng …'): a quotation that nothing closes before the block ends joins nothing (it
    would keep every later sentence of the block in one, read as inside the quotation)."""
    out: list[tuple[int, int]] = []
    index = 0
    while index < len(spans):
        last = _quotation_end(text, spans, index)
        out.append((spans[index][0], spans[last][1]))
        index = last + 1
    return out


def _ner_spans(tokens) -> list[tuple[int, int, str]]:
    spans: list[list] = []
    for token in tokens:
        if token.start < 0 or token.ner in ("O", ""):
            continue
        tag_type = token.ner.split("-", 1)[-1]
        if token.ner.startswith("I-") and spans and spans[-1][2] == tag_type:
            spans[-1][1] = token.end
        elif any(c.isalnum() for c in token.text):
            spans.append([token.start, token.end, tag_type])
        # (no name starts with punctuation: the tagger's ")" before "Dan Coats" in "… (DNI) Dan Coats" is left
        # out, and the name starts at its first word)
    return [tuple(s) for s in spans]


SENTENCE_SCHEMA = {
    "doc_id": pl.String, "sentence_index": pl.Int32, "block_index": pl.Int32, "block_kind": pl.String,
    "char_start": pl.Int32, "char_end": pl.Int32, "block_start": pl.Int32, "block_end": pl.Int32,
    "text": pl.String,
}
MENTION_SCHEMA = {
    "doc_id": pl.String, "sentence_index": pl.Int32, "block_index": pl.Int32,
    "sentence_start": pl.Int32, "sentence_end": pl.Int32, "char_start": pl.Int32, "char_end": pl.Int32,
    "surface": pl.String, "entity_type": pl.String, "entity_id": pl.String, "name": pl.String,
    "office_id": pl.String,
    "role": pl.String, "resolve": pl.String, "link_method": pl.String, "alias_kind": pl.String,
    "ner_tag": pl.String, "country": pl.String,
}


# "Bộ Ngoại giao nước này nói thêm …", "Tổng thống nước này": "this country", the state named last before it.
THIS_COUNTRY_AFTER_RE = re.compile(r"\s+nước này(?!\w)", re.IGNORECASE)
WORD_AFTER_RE = re.compile(r"\s+(\w)")


def _state_named(mention: Mention, gazetteer: Gazetteer, reference: Reference) -> str | None:
    """The state (ISO alpha-3) a mention names: a country or a state's body (`_mention_country`), or an
    office's title with its state (alone or before a name)."""
    if mention.kind in ("title", "person"):
        return mention.country or (reference.offices.get(mention.office_id or "", {}).get("country") or None)
    return _mention_country(mention, gazetteer)


def _of_this_country(mention: Mention, state: str | None, reference: Reference) -> Mention:
    """A Vietnamese body's short name or an office's title followed by "nước này" (this country) names the
    body or the office of `state`, the state the document named last before it ("Bộ Ngoại giao Trung Quốc
    cho hay … Bộ Ngoại giao nước này nói thêm …"): that state's body or office when the reference has it,
    else an unlinked body, or a title of that state (as "Ngoại trưởng Qatar"). Unchanged when no state
    was named before, or it is Viet Nam."""
    if state is None or state == "VNM":
        return mention
    if mention.kind == "organisation" and mention.alias_kind == "short" and (mention.entity_id or "").startswith("org:vnm-"):
        body = f"org:{state.lower()}-{mention.entity_id.removeprefix('org:vnm-')}"
        if body in reference.organisations:
            return replace(mention, entity_id=body, link_method="this_country")
        return replace(mention, entity_id=None, link_method="ner_unlinked")
    if mention.kind == "title" and not mention.country and (mention.office_id is None
                                                              or mention.office_id.startswith("vnm.")):
        office = f"{state.lower()}.{mention.role}"
        if office in reference.offices:
            return replace(mention, office_id=office, resolve="holder", link_method="this_country")
        return replace(mention, office_id=None, resolve="coref", country=state)
    return mention


def annotate(blocks: pl.DataFrame, doc_ids: list[str], reference: Reference, analyser: Analyser,
             config: AnnotateConfig = AnnotateConfig()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(sentences, mentions) for the given documents' kept blocks and captions."""
    wanted = set(doc_ids)
    rows = (blocks.filter(pl.col("doc_id").is_in(wanted)
                          & (pl.col("kept") | (pl.col("kind") == "caption")))
            .sort("doc_id", "block_index"))
    sentences, mentions = [], []
    counters: dict[str, int] = {}
    named_last: dict[str, str] = {}  # doc_id -> the state it named last, for "nước này" (`_of_this_country`)
    gazetteer = build_gazetteer(reference)
    for block in rows.iter_rows(named=True):
        doc_id, text = block["doc_id"], block["clean_text"]
        for start, end in quoted_sentences(text, analyser.sentences(text)):
            sentence = text[start:end]
            index = counters.get(doc_id, 0)
            counters[doc_id] = index + 1
            offset = block["char_start"]
            sentences.append({
                "doc_id": doc_id, "sentence_index": index, "block_index": block["block_index"],
                "block_kind": block["kind"],
                "char_start": offset + start if offset is not None else None,
                "char_end": offset + end if offset is not None else None,
                "block_start": start, "block_end": end, "text": sentence,
            })
            found = find_mentions(sentence, reference, config)
            for ner_start, ner_end, tag in _ner_spans(analyser.tokens(sentence)):
                overlapping = [m for m in found if m.start < ner_end and ner_start < m.end]
                for mention in overlapping:
                    mention.ner_tag = mention.ner_tag or tag
                if not overlapping:
                    found.append(Mention(ner_start, ner_end, sentence[ner_start:ner_end], "ner",
                                         link_method="ner_unlinked", ner_tag=tag))
            found = sorted(found, key=lambda m: m.start)
            for position, m in enumerate(found):
                if (this_country := THIS_COUNTRY_AFTER_RE.match(sentence, m.end)) is not None and not (
                        m.kind == "title" and (after := WORD_AFTER_RE.match(sentence, this_country.end()))
                        and after.group(1).isupper()):
                    # ("Ngoại trưởng nước này Julia Bishop": the title of the name after it, which names the holder)
                    m = found[position] = _of_this_country(m, named_last.get(doc_id), reference)
                state = _state_named(m, gazetteer, reference)
                if state is not None:
                    named_last[doc_id] = state
            for m in found:
                mentions.append({
                    "doc_id": doc_id, "sentence_index": index, "block_index": block["block_index"],
                    "sentence_start": m.start, "sentence_end": m.end,
                    "char_start": offset + start + m.start if offset is not None else None,
                    "char_end": offset + start + m.end if offset is not None else None,
                    "surface": m.surface, "entity_type": m.kind, "entity_id": m.entity_id,
                    "name": m.name if m.name else (reference.entity_name(m.entity_id) if m.entity_id else None),
                    "office_id": m.office_id, "role": m.role, "resolve": m.resolve,
                    "link_method": m.link_method, "alias_kind": m.alias_kind, "ner_tag": m.ner_tag,
                    "country": m.country,
                })
    return pl.DataFrame(sentences, schema=SENTENCE_SCHEMA), pl.DataFrame(mentions, schema=MENTION_SCHEMA)
