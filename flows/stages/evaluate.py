"""Evaluate a release against hand-checked gold events and statements.

Gold files follow the format of the seed gold (`*events.yaml`, `*statements.yaml` in one folder):
- an extracted event matches a gold event when one of its source documents is the gold document,
  its date equals the gold date (day precision), its type is among the gold types and its
  participants include every gold participant (names compared ASCII-folded, lower case);
- an extracted statement matches a gold statement when it comes from the gold document, its
  speaker is the gold speaker (or, for "both", it is a joint statement) and its sentence or
  content contains the gold cue (ASCII-folded, lower case).

Reported per field: events found, date, type, participants (for each gold event, the extracted
event of its document that agrees best), statements found, speaker, act; and every sidebar name
(`forbidden_names`) that leaked into an event or statement.

Gold sets on real news (`tests/gold/baomoi/`) use a second format, recognised by a `documents:`
list in any `*.yaml` file of the folder (`documents`, `events` and `statements` may sit in the same
or in separate files). The gold lists every document looked at with its `relevance`
(`diplomatic_contact`, `official_statement`, `not_relevant`), every event of those documents
(exhaustive; `optional: true` for contacts the annotators were unsure of) and a selection of
statements. Figures (`evaluate_documents`):
- an extracted event *matches* a gold event when one of its source documents is the gold
  document, its type is among the gold `types` (`state_visit` counts as `visit`; an extracted
  `banquet` counts as a gold `reception` or `ceremony`, since the gold vocabulary has none) and every gold
  participant matches a distinct one of its participants (`names_match`; a gold participant
  written as an office or body, "Bộ trưởng Quốc phòng Brazil" or "Mỹ", matches a participant of
  the country given for it in `participant_countries`); the date is not part of the match and is
  reported on its own;
- matching is one to one (a maximum bipartite matching per document): a second extracted event
  for the same gold contact is a false event, not a second hit;
- event precision = matched extracted events / all extracted events (historical ones included)
  of gold documents; an event matched to an optional gold event is neither right nor wrong:
  it leaves both counts;
- event recall = required gold events matched / required gold events;
- false events per 1,000 irrelevant documents = events extracted from gold documents labelled
  `not_relevant` * 1000 / number of such documents;
- date agreement = matched pairs (required gold events) whose gold date is known and agrees at the gold precision (day:
  same day, month: same month, year: same year) / matched pairs whose gold date is known;
- statement speaker precision = extracted statements that carry a gold cue (in the sentence or
  content) and name that gold statement's speaker (`speaker_matches`: names as for participants,
  a state or an organisation by any of its names, "both" or "hai bên" for a joint statement) / extracted
  statements that carry a gold cue;
  statement recall = gold statements found with their speaker / gold statements.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

import polars as pl
import yaml

from flows.stages.annotate import NAME_PARTICLE_RE
from flows.stages.publish import read_release
from flows.textutil import fold


@dataclass
class FieldScore:
    correct: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0


@dataclass
class Report:
    release: str
    fields: dict[str, FieldScore] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    documents: "DocumentsReport | None" = None  # set for a `documents:`-style gold set
    # where precision counts differently from recall (a prediction is right if it matches any gold row)
    precision_correct: dict[str, int] = field(default_factory=dict)


def latest_release(output_dir: Path) -> Path:
    latest = output_dir / "releases" / "LATEST"
    if not latest.is_file():
        raise FileNotFoundError(f"no release found: {latest} is missing (run `vndiplo run` first)")
    return output_dir / "releases" / latest.read_text(encoding="utf-8").strip()


# Letters that Vietnamese writes and the Latin alphabets of foreign names do not: "ă", "â", "đ", "ê",
# "ô", "ơ", "ư", "ĩ", "ũ" and the vowels with a tone mark under or over them of Unicode's Latin Extended
# Additional block ("ạ", "ễ", "ự"). A name without them is written in Latin letters, maybe with the
# accents of its own language ("Édouard Philippe", "Miloš Zeman"), not a Vietnamese name.
VIETNAMESE_LETTER_RE = re.compile("[ăâđêôơưĩũĂÂĐÊÔƠƯĨŨ\u1ea0-\u1ef9]")


def names_match(gold: str, extracted: str) -> bool:
    """Whether a gold participant name and an extracted one name the same person or body.

    Both are ASCII-folded and lower-cased and split into words. They match when the words are
    equal, when one name's words are all among the other's ("Putin" / "Vladimir Putin", "Abe
    Shinzo" / "Shinzo Abe"), or, for names written in Latin letters without Vietnamese
    diacritics (`VIETNAMESE_LETTER_RE`; foreign names transcribed differently: "Rex Tilerson" /
    "Rex Tillerson", "Edoard Philippe" / "Édouard Philippe"), when the last words agree, differ by
    one letter or by two neighbouring letters swapped ("Emmanuel Marcon", as a text misspells him)
    and are at least 4 letters long. Vietnamese names
    never match on the given name alone ("Nguyễn Xuân Phúc" is not "Trần Văn Phúc"). Two names
    that are aliases of the same person or organisation in the reference data match too (a gold name
    as the text writes it, "A.Gu-tê-rét" or "EU", and the extracted canonical name, "António Guterres"
    or "Liên minh châu Âu")."""
    gold_words, extracted_words = fold(gold).replace("-", " ").split(), fold(extracted).replace("-", " ").split()
    if not gold_words or not extracted_words:
        return False
    if gold_words == extracted_words:
        return True
    shorter, longer = sorted((gold_words, extracted_words), key=len)
    if set(shorter) <= set(longer):
        return True
    foreign = not VIETNAMESE_LETTER_RE.search(gold) and not VIETNAMESE_LETTER_RE.search(extracted)
    if foreign and len(gold_words) > 1 and len(extracted_words) > 1:
        a, b = gold_words[-1], extracted_words[-1]
        if min(len(a), len(b)) >= 4 and _within_one_edit(a, b):
            return True
    entity = _entity_of_alias().get(fold(gold))
    return entity is not None and entity == _entity_of_alias().get(fold(extracted))


@functools.lru_cache(maxsize=1)
def _entity_of_alias() -> dict[str, str]:
    """Folded alias -> the one person or organisation it names in the reference data (aliases of
    several left out): "A.Gu-tê-rét" / "António Guterres", "EU" / "Liên minh châu Âu"."""
    from flows.reference import load_reference

    entities: dict[str, set[str]] = {}
    for row in load_reference().aliases:
        if row["entity_id"].startswith(("person:", "org:")):
            entities.setdefault(fold(row["alias"]), set()).add(row["entity_id"])
    return {alias: next(iter(ids)) for alias, ids in entities.items() if len(ids) == 1}


def _within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        # one letter changed, or two neighbours swapped ("Marcon" as the text wrote "Macron")
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


GOLD_TYPE_ALIASES = {"state_visit": "visit"}  # gold may name a finer type than the events table has
# ... and the events table a finer type than the gold sets' vocabulary, which has no banquet: their
# annotators typed a banquet ("tiệc chiêu đãi") a reception or a ceremony.
GOLD_TYPES_OF_EVENT_TYPE = {"banquet": frozenset({"banquet", "reception", "ceremony"})}


def type_matches(gold: dict, event_type: str) -> bool:
    """The extracted type is among the gold types (`GOLD_TYPE_ALIASES`, `GOLD_TYPES_OF_EVENT_TYPE`)."""
    types = {GOLD_TYPE_ALIASES.get(t, t) for t in gold.get("types") or []}
    return bool(types & GOLD_TYPES_OF_EVENT_TYPE.get(event_type, {event_type}))


def _descriptive(name: str) -> bool:
    """A gold participant written as an office, a body, a state or the capital that stands for it
    ("Bộ trưởng Quốc phòng Brazil", "Nhật Bản", "La Habana"), not a person's name: a word in lower case
    (not a particle of a foreign name, "bin" in "Mohammed bin Salman", "al-Sisi": `NAME_PARTICLE_RE`),
    a single word, a country name or a capital's name (`state_capitals.tsv`)."""
    words = name.split()
    return (len(words) == 1 or any(w[:1].islower() and not NAME_PARTICLE_RE.fullmatch(w) for w in words)
            or fold(name) in _entity_of_name("country")
            or fold(name) in _capital_names())


@functools.lru_cache(maxsize=1)
def _capital_names() -> frozenset[str]:
    """The folded names and aliases of the capitals of `state_capitals.tsv`."""
    from flows.reference import load_reference

    reference = load_reference()
    return frozenset({fold(reference.places[place]["name"]) for place in reference.state_capitals}
                     | {fold(row["alias"]) for row in reference.aliases if row["entity_id"] in reference.state_capitals})


def event_matches(gold: dict, event: dict) -> bool:
    """Type among the gold types and every gold participant matched by a distinct participant:
    by name (`names_match`), or, for a gold participant written as an office or a body, by the
    country given for it in `participant_countries`."""
    if not type_matches(gold, event["event_type"]):
        return False
    names = [p["name"] or "" for p in event["participants"]]
    countries = [p.get("country") for p in event["participants"]]
    gold_countries = list(gold.get("participant_countries") or [])
    used: set[int] = set()
    for position, wanted in enumerate(gold.get("participants") or []):
        wanted = str(wanted)
        hit = next((i for i, name in enumerate(names) if i not in used and names_match(wanted, name)), None)
        country = gold_countries[position] if position < len(gold_countries) else None
        if hit is None and country and _descriptive(wanted):
            hit = next((i for i, c in enumerate(countries) if i not in used and c == country), None)
        if hit is None:
            return False
        used.add(hit)
    return True


def date_agrees(gold: dict, extracted: dt.date | None) -> bool | None:
    """None when the gold date is unknown; else whether the extracted date agrees at the gold precision."""
    day = _as_date(gold.get("date"))
    if day is None:
        return None
    if extracted is None:
        return False
    precision = gold.get("date_precision") or "day"
    if precision == "year":
        return extracted.year == day.year
    if precision == "month":
        return (extracted.year, extracted.month) == (day.year, day.month)
    return extracted == day


def _max_matching(pairs: dict[int, list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): extracted index -> gold index."""
    owner: dict[int, int] = {}  # gold -> extracted

    def augment(left: int, seen: set[int]) -> bool:
        for right in pairs.get(left, []):
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in sorted(pairs):
        augment(left, set())
    return {left: right for right, left in owner.items()}


@dataclass
class DocumentsReport:
    """Figures of a `documents:`-style gold set (see the module docstring)."""

    n_documents: int = 0
    n_not_relevant: int = 0
    events_extracted: int = 0
    events_matched: int = 0
    events_matched_optional: int = 0
    gold_required: int = 0
    gold_required_found: int = 0
    false_events_irrelevant: int = 0
    dates_known: int = 0
    dates_agree: int = 0
    statements_with_cue: int = 0
    statements_speaker_right: int = 0
    gold_statements: int = 0
    gold_statements_found: int = 0
    relevance_agree: int = 0
    relevance_labelled: int = 0
    false_events: list[str] = field(default_factory=list)
    missed_events: list[str] = field(default_factory=list)
    date_disagreements: list[str] = field(default_factory=list)
    speaker_errors: list[str] = field(default_factory=list)

    @property
    def event_precision(self) -> float:
        counted = self.events_extracted - self.events_matched_optional
        return self.events_matched / counted if counted else 0.0

    @property
    def event_recall(self) -> float:
        return self.gold_required_found / self.gold_required if self.gold_required else 0.0

    @property
    def false_events_per_1000_irrelevant(self) -> float:
        return 1000 * self.false_events_irrelevant / self.n_not_relevant if self.n_not_relevant else 0.0

    @property
    def date_agreement(self) -> float:
        return self.dates_agree / self.dates_known if self.dates_known else 0.0

    @property
    def speaker_precision(self) -> float:
        return self.statements_speaker_right / self.statements_with_cue if self.statements_with_cue else 0.0

    @property
    def statement_recall(self) -> float:
        return self.gold_statements_found / self.gold_statements if self.gold_statements else 0.0


def load_documents_gold(gold_dir: Path) -> tuple[list[dict], list[dict], list[dict]] | None:
    """(documents, events, statements) of a `documents:`-style gold folder, or None for the old format."""
    documents: dict[str, dict] = {}
    events, statements = [], []
    for path in sorted(list(gold_dir.glob("*.yaml")) + list(gold_dir.glob("*.yml"))):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping with documents/events/statements")
        for listed in data.get("documents") or []:
            # A document listed in two files (its events' and its statements') is one document: a
            # listing that leaves a field out ("{doc: x.txt}") keeps what the other gives, so its
            # relevance is not read as not_relevant; two different values are an error in the gold.
            merged = documents.setdefault(str(listed["doc"]), {})
            for key, value in listed.items():
                if value is not None and merged.get(key) not in (None, value):
                    raise ValueError(f"{path}: {listed['doc']} is listed with {key} {value!r} here and "
                                     f"{merged[key]!r} in another file")
                if value is not None:
                    merged[key] = value
        events += data.get("events") or []
        statements += data.get("statements") or []
    if not documents:
        return None
    return list(documents.values()), events, statements


def evaluate_documents(tables: dict[str, pl.DataFrame], documents: list[dict], gold_events: list[dict],
                       gold_statements: list[dict]) -> DocumentsReport:
    """Event precision/recall, false events on irrelevant documents, date agreement and statement
    speaker precision for a `documents:`-style gold set (definitions in the module docstring)."""
    find_doc = _doc_matcher(tables["documents"])
    report = DocumentsReport()
    relevance_of: dict[str, str] = {}
    name_of: dict[str, str] = {}
    for gold_doc in documents:
        doc_id = find_doc(gold_doc["doc"])
        if doc_id is None:
            raise ValueError(f"gold document {gold_doc['doc']} is not among the documents evaluated")
        relevance_of[doc_id] = gold_doc.get("relevance") or "not_relevant"
        name_of[doc_id] = str(gold_doc["doc"])
    report.n_documents = len(relevance_of)
    report.n_not_relevant = sum(1 for r in relevance_of.values() if r == "not_relevant")
    if "relevance" in tables["documents"].columns:
        predicted = dict(zip(tables["documents"]["doc_id"], tables["documents"]["relevance"]))
        for doc_id, gold_relevance in relevance_of.items():
            report.relevance_labelled += 1
            report.relevance_agree += int((predicted.get(doc_id) or "not_relevant") == gold_relevance)

    gold_by_doc: dict[str, list[dict]] = {}
    for gold in gold_events:
        doc_id = find_doc(gold["doc"])
        if doc_id not in relevance_of:
            raise ValueError(f"gold event of {gold['doc']}: the document is not in the documents: list")
        gold_by_doc.setdefault(doc_id, []).append(gold)
    events = tables["events"].to_dicts()
    for doc_id in sorted(relevance_of):
        extracted = [e for e in events if doc_id in e["source_doc_ids"]]
        golds = gold_by_doc.get(doc_id, [])
        pairs = {i: [j for j, g in enumerate(golds) if event_matches(g, e)] for i, e in enumerate(extracted)}
        matching = _max_matching(pairs)
        report.events_extracted += len(extracted)
        if relevance_of[doc_id] == "not_relevant":
            report.false_events_irrelevant += len(extracted)
        for i, event in enumerate(extracted):
            label = f"{name_of[doc_id]} {event['date']} {event['event_type']} {[p['name'] for p in event['participants']]}"
            if i not in matching:
                report.false_events.append(label + (" [gold: not_relevant]" if relevance_of[doc_id] == "not_relevant" else ""))
                continue
            gold = golds[matching[i]]
            if gold.get("optional"):
                report.events_matched_optional += 1
                continue
            report.events_matched += 1
            agrees = date_agrees(gold, event["date"])
            if agrees is not None:
                report.dates_known += 1
                report.dates_agree += int(agrees)
                if not agrees:
                    report.date_disagreements.append(f"{label}: gold {gold.get('date')} ({gold.get('date_precision')})")
        found = set(matching.values())
        for j, gold in enumerate(golds):
            if gold.get("optional"):
                continue
            report.gold_required += 1
            if j in found:
                report.gold_required_found += 1
            else:
                report.missed_events.append(f"{name_of[doc_id]} {gold.get('date')} {gold.get('types')} "
                                            f"{gold.get('participants')}")

    statements = tables["statements"].to_dicts()
    counted: set[str] = set()
    for gold in gold_statements:
        doc_id = find_doc(gold["doc"])
        cue = fold(str(gold["cue"]))
        with_cue = [s for s in statements if s["doc_id"] == doc_id
                    and (cue in fold(s["sentence"]) or cue in fold(s["content"]))]
        right = [s for s in with_cue if speaker_matches(str(gold["speaker"]), s)]
        report.gold_statements += 1
        report.gold_statements_found += int(bool(right))
        for statement in with_cue:
            if statement["statement_id"] in counted:
                continue
            counted.add(statement["statement_id"])
            report.statements_with_cue += 1
            same_cue = [g for g in gold_statements if find_doc(g["doc"]) == doc_id
                        and (fold(str(g["cue"])) in fold(statement["sentence"])
                             or fold(str(g["cue"])) in fold(statement["content"]))]
            if any(speaker_matches(str(g["speaker"]), statement) for g in same_cue):
                report.statements_speaker_right += 1
            else:
                report.speaker_errors.append(f"{gold['doc']} '{gold['cue']}': {statement['speaker_name']} "
                                             f"(gold {', '.join(sorted({str(g['speaker']) for g in same_cue}))})")
    return report


CONFIDENCE_THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def confidence_curve(tables: dict[str, pl.DataFrame], documents: list[dict], gold_events: list[dict],
                     thresholds: tuple[float, ...] = CONFIDENCE_THRESHOLDS) -> list[tuple[float, int, float, float, float]]:
    """(threshold, events kept, event precision, event recall, false events per 1,000 irrelevant
    documents) when only events with `confidence >= threshold` are kept: what an analyst trades
    by filtering on the score. The same matching as `evaluate_documents`."""
    curve = []
    for threshold in thresholds:
        kept = dict(tables, events=tables["events"].filter(pl.col("confidence") >= threshold),
                    statements=tables["statements"].clear())
        report = evaluate_documents(kept, documents, gold_events, [])
        curve.append((threshold, report.events_extracted, report.event_precision, report.event_recall,
                      report.false_events_per_1000_irrelevant))
    return curve


def format_confidence_curve(curve: list[tuple[float, int, float, float, float]]) -> str:
    lines = ["| confidence >= | events | event P | event R | false / 1,000 irrelevant |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {t:.1f} | {n} | {p:.3f} | {r:.3f} | {f:.1f} |" for t, n, p, r, f in curve]
    return "\n".join(lines)


def pool_reports(reports: list[DocumentsReport]) -> DocumentsReport:
    """Several gold sets as one: every count summed, every list joined (the figures follow from them)."""
    pooled = DocumentsReport()
    for item in fields(DocumentsReport):
        empty = getattr(pooled, item.name)  # 0 for a count, [] for a list
        setattr(pooled, item.name, sum((getattr(report, item.name) for report in reports), empty))
    return pooled


def format_documents_report(report: DocumentsReport, details: bool = True) -> str:
    """The figures, then (with `details`) every false, missed, misdated event and wrong speaker."""
    lines = [
        f"documents: {report.n_documents} ({report.n_not_relevant} not relevant)",
        f"event precision: {report.event_precision:.3f} ({report.events_matched} matched of "
        f"{report.events_extracted - report.events_matched_optional} extracted; "
        f"{report.events_matched_optional} matched optional gold events, not counted)",
        f"event recall: {report.event_recall:.3f} ({report.gold_required_found}/{report.gold_required} required gold events)",
        f"false events per 1,000 irrelevant documents: {report.false_events_per_1000_irrelevant:.1f} "
        f"({report.false_events_irrelevant} events on {report.n_not_relevant} documents)",
        f"date agreement (matched events): {report.date_agreement:.3f} ({report.dates_agree}/{report.dates_known})",
        f"statement speaker precision: {report.speaker_precision:.3f} "
        f"({report.statements_speaker_right}/{report.statements_with_cue} statements carrying a gold cue)",
        f"statement recall: {report.statement_recall:.3f} ({report.gold_statements_found}/{report.gold_statements})",
    ]
    if report.relevance_labelled:
        lines.append(f"relevance agreement: {report.relevance_agree / report.relevance_labelled:.3f} "
                     f"({report.relevance_agree}/{report.relevance_labelled})")
    if details:
        lines += [f"  false event: {x}" for x in report.false_events]
        lines += [f"  missed event: {x}" for x in report.missed_events]
        lines += [f"  date: {x}" for x in report.date_disagreements]
        lines += [f"  speaker: {x}" for x in report.speaker_errors]
    return "\n".join(lines)


def load_gold(gold_dir: Path) -> tuple[list[dict], list[dict], list[str]]:
    events_files = sorted(gold_dir.glob("*events.yaml"))
    statements_files = sorted(gold_dir.glob("*statements.yaml"))
    if not events_files and not statements_files:
        raise FileNotFoundError(f"no *events.yaml or *statements.yaml in {gold_dir}")
    events, statements, forbidden = [], [], []
    for path in events_files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        events += data.get("events") or []
        forbidden += data.get("forbidden_names") or []
    for path in statements_files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        statements += data.get("statements") or []
    return events, statements, forbidden


def _doc_matcher(documents: pl.DataFrame):
    by_name = {}
    for doc_id, source in zip(documents["doc_id"], documents["source_file"]):
        name = Path(source).name
        by_name[name] = doc_id
    by_stem = {Path(name).stem: doc_id for name, doc_id in by_name.items()}

    def find(doc: str) -> str | None:
        doc = str(doc)
        if doc in by_name or doc in by_stem:
            return by_name.get(doc) or by_stem[doc]
        for name, doc_id in by_name.items():
            if name == doc or Path(name).stem == doc or name.startswith(f"{doc}_"):
                return doc_id
        return None
    return find


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _event_agreement(gold: dict, event: dict) -> tuple[bool, bool, bool]:
    names = {fold(p["name"]) for p in event["participants"]}
    date_ok = gold.get("date_precision", "day") != "day" or _as_date(gold.get("date")) == event["date"]
    type_ok = type_matches(gold, event["event_type"])
    people_ok = {fold(p) for p in gold.get("participants") or []} <= names
    return date_ok, type_ok, people_ok


def evaluate_tables(tables: dict[str, pl.DataFrame], gold_dir: Path, release_name: str = "") -> Report:
    documents_gold = load_documents_gold(gold_dir)
    if documents_gold is not None:
        return Report(release_name, documents=evaluate_documents(tables, *documents_gold))
    gold_events, gold_statements, forbidden = load_gold(gold_dir)
    find_doc = _doc_matcher(tables["documents"])
    events = tables["events"].to_dicts()
    statements = tables["statements"].to_dicts()
    report = Report(release_name)
    scores = {name: FieldScore() for name in ("event found", "date", "type", "participants",
                                               "statement found", "speaker", "act")}
    report.fields = scores

    gold_docs = set()
    for gold in gold_events:
        doc_id = find_doc(gold["doc"])
        gold_docs.add(doc_id)
        in_doc = [e for e in events if doc_id in e["source_doc_ids"]]
        agreements = [(_event_agreement(gold, e), e) for e in in_doc]
        if gold.get("optional"):
            continue
        for name in ("event found", "date", "type", "participants"):
            scores[name].gold += 1
        if any(all(a) for a, _ in agreements):
            scores["event found"].correct += 1
        else:
            report.misses.append(f"event {gold['doc']} {gold.get('date')} {gold.get('types')} {gold.get('participants')}")
        if agreements:
            best, _ = max(agreements, key=lambda item: (item[0][2], item[0][1], item[0][0]))
            for name, ok in zip(("date", "type", "participants"), best):
                scores[name].predicted += 1
                scores[name].correct += int(ok)
    # Precision of "event found": extracted, non-historical events of the gold documents that
    # match some gold event (optional ones included).
    candidates = [e for e in events if not e["historical"] and set(e["source_doc_ids"]) & gold_docs]
    scores["event found"].predicted = len(candidates)
    report.precision_correct["event found"] = sum(
        1 for e in candidates
        if any(find_doc(g["doc"]) in e["source_doc_ids"] and all(_event_agreement(g, e)) for g in gold_events))

    statement_docs = set()
    for gold in gold_statements:
        doc_id = find_doc(gold["doc"])
        statement_docs.add(doc_id)
        cue = fold(gold["cue"])
        with_cue = [s for s in statements if s["doc_id"] == doc_id
                    and (cue in fold(s["sentence"]) or cue in fold(s["content"]))]
        speaker_ok = [s for s in with_cue if _speaker_matches(gold["speaker"], s)]
        scores["statement found"].gold += 1
        scores["speaker"].gold += 1
        scores["act"].gold += 1
        if speaker_ok:
            scores["statement found"].correct += 1
            scores["speaker"].correct += 1
            scores["act"].predicted += 1
            scores["act"].correct += int(any(s["act"] == gold.get("act") for s in speaker_ok))
        else:
            found = ", ".join(sorted({s["speaker_name"] for s in with_cue})) or "no statement with the cue"
            report.misses.append(f"statement {gold['doc']} {gold['speaker']} '{gold['cue']}' (found: {found})")
        if with_cue:
            scores["speaker"].predicted += 1
    cues = [(find_doc(g["doc"]), fold(g["cue"])) for g in gold_statements]
    in_gold_docs = [s for s in statements if s["doc_id"] in statement_docs]
    scores["statement found"].predicted = len(in_gold_docs)
    report.precision_correct["statement found"] = sum(
        1 for s in in_gold_docs if any(d == s["doc_id"] and (c in fold(s["sentence"]) or c in fold(s["content"]))
                                       for d, c in cues))

    for name in forbidden:
        folded = fold(name)
        for event in events:
            if any(folded in fold(p["name"] or "") for p in event["participants"]):
                report.leaks.append(f"event {event['event_id']} names {name}")
        for statement in statements:
            if folded in fold(statement["speaker_name"]) or folded in fold(statement["sentence"]):
                report.leaks.append(f"statement {statement['statement_id']} names {name}")
    return report


def _speaker_matches(gold_speaker: str, statement: dict) -> bool:
    if gold_speaker == "both":
        return bool(statement["joint"])
    return fold(gold_speaker) == fold(statement["speaker_name"])


# "phía Mỹ", "Phía Nga": the side of a state, which is the state.
SIDE_OF_RE = re.compile(r"^phía\s+", re.IGNORECASE)


@functools.lru_cache(maxsize=2)
def _entity_of_name(kind: str) -> dict[str, str]:
    """Every folded name of a state (`kind` "country": its aliases and Vietnamese name) or of an
    international organisation (`kind` "org": its aliases) -> its entity id."""
    from flows.reference import load_reference

    reference = load_reference()
    names = {fold(row["alias"]): row["entity_id"] for row in reference.aliases if row["entity_id"].startswith(f"{kind}:")}
    if kind == "country":
        names.update({fold(row["name_vi"]): entity_id for entity_id, row in reference.countries.items() if row.get("name_vi")})
    return names


def speaker_matches(gold_speaker: str, statement: dict) -> bool:
    """The speaker agreement of `documents:`-style gold: "both" for a joint statement; a person's
    name by `names_match` ("Sergei Lavrov" / "Sergey Lavrov"); a state or an organisation by any of
    its names ("Mỹ" / "Hoa Kỳ", "Nga" / "Liên bang Nga", "EU" / "Liên minh châu Âu"), also as its
    side ("phía Mỹ", the US side, is the state). "hai bên" ("both sides", as one annotator wrote
    "both" in Vietnamese) is "both"."""
    if fold(gold_speaker) in ("both", "hai ben"):
        return bool(statement["joint"])
    name = statement["speaker_name"] or ""
    if names_match(gold_speaker, name):
        return True
    body = SIDE_OF_RE.sub("", gold_speaker)
    for entities in (_entity_of_name("country"), _entity_of_name("org")):
        gold_entity = entities.get(fold(body))
        if gold_entity is not None and gold_entity in (entities.get(fold(name)), statement.get("speaker_id")):
            return True
    return False


def evaluate_release(release_dir: Path, gold_dir: Path) -> Report:
    _, tables = read_release(release_dir)
    return evaluate_tables(tables, gold_dir, str(release_dir))


def precision_of(report: Report, name: str) -> float:
    score = report.fields[name]
    if name in report.precision_correct:
        return report.precision_correct[name] / score.predicted if score.predicted else 0.0
    return score.precision


def format_report(report: Report) -> str:
    if report.documents is not None:
        return f"release: {report.release}\n" + format_documents_report(report.documents)
    lines = [f"release: {report.release}", f"{'field':<18}{'precision':>10}{'recall':>9}{'correct/gold':>14}"]
    for name, score in report.fields.items():
        lines.append(f"{name:<18}{precision_of(report, name):>10.2f}{score.recall:>9.2f}{score.correct:>8}/{score.gold:<5}")
    lines.append(f"sidebar leaks: {len(report.leaks)}")
    lines += [f"  leak: {leak}" for leak in report.leaks]
    lines += [f"  miss: {miss}" for miss in report.misses]
    return "\n".join(lines)
