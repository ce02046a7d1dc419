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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import yaml

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
    # where precision counts differently from recall (a prediction is right if it matches any gold row)
    precision_correct: dict[str, int] = field(default_factory=dict)


def latest_release(output_dir: Path) -> Path:
    latest = output_dir / "releases" / "LATEST"
    if not latest.is_file():
        raise FileNotFoundError(f"no release found: {latest} is missing (run `vndiplo run` first)")
    return output_dir / "releases" / latest.read_text(encoding="utf-8").strip()


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
    def find(doc: str) -> str | None:
        doc = str(doc)
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
    type_ok = event["event_type"] in (gold.get("types") or [])
    people_ok = {fold(p) for p in gold.get("participants") or []} <= names
    return date_ok, type_ok, people_ok


def evaluate_tables(tables: dict[str, pl.DataFrame], gold_dir: Path, release_name: str = "") -> Report:
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


def evaluate_release(release_dir: Path, gold_dir: Path) -> Report:
    _, tables = read_release(release_dir)
    return evaluate_tables(tables, gold_dir, str(release_dir))


def precision_of(report: Report, name: str) -> float:
    score = report.fields[name]
    if name in report.precision_correct:
        return report.precision_correct[name] / score.predicted if score.predicted else 0.0
    return score.precision


def format_report(report: Report) -> str:
    lines = [f"release: {report.release}", f"{'field':<18}{'precision':>10}{'recall':>9}{'correct/gold':>14}"]
    for name, score in report.fields.items():
        lines.append(f"{name:<18}{precision_of(report, name):>10.2f}{score.recall:>9.2f}{score.correct:>8}/{score.gold:<5}")
    lines.append(f"sidebar leaks: {len(report.leaks)}")
    lines += [f"  leak: {leak}" for leak in report.leaks]
    lines += [f"  miss: {miss}" for miss in report.misses]
    return "\n".join(lines)
