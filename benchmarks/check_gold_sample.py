"""Check a random-only gold sample's files before they are committed (and before the pipeline runs on them).

    python benchmarks/check_gold_sample.py tests/gold/baomoi/blind81

The sample folder holds `random_sample.txt` (the drawn names, `benchmarks/draw_gold_sample.py`) and one
`random_events_<q>.yaml` per quarter of 100 names in name order (`benchmarks/write_gold_briefs.py`). Every
problem is printed on one line and the exit status is 1 when there is any:

- a quarter's `documents:` are not exactly its names, in name order;
- an event of a document that is not listed, with keys other than the format's, in their order;
- a cue longer than 8 words, or not a substring of the folded article (title, lead and body, as the
  annotation rules fold them: no diacritics, "đ" as "d", lower case, spaces joined);
- a type outside the gold vocabulary, participants and countries of different lengths, a date without a
  precision or a precision `none` with a date;
- a document `diplomatic_contact` without a required event, or with one and another relevance.

Only the sample's own articles are read, in place, from the corpus.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from flows.textutil import fold

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "baomoi-2017" / "articles"
QUARTER_SIZE = 100
EVENT_KEYS = ["doc", "date", "date_precision", "date_hint", "types", "cameo", "participants", "participant_countries",
              "involves_vietnam", "cue", "optional", "note"]
EVENT_TYPES = {"phone_call", "talks", "meeting", "reception", "visit", "state_visit", "ceremony", "message",
               "joint_statement", "agreement"}
MAX_CUE_WORDS = 8


def folded_article(text: str) -> str:
    """The annotation rules' folding of an article: `flows.textutil.fold` (no diacritics, "đ" as "d", lower case),
    runs of spaces as one."""
    return re.sub(r"\s+", " ", fold(text))


def quarters(sample: Path) -> list[tuple[str, list[str]]]:
    """The sample's names in quarters of 100, in name order, each with its letter ("a", "b", ...)."""
    names = [line.strip() for line in (sample / "random_sample.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [("abcdefghij"[i // QUARTER_SIZE], names[i : i + QUARTER_SIZE]) for i in range(0, len(names), QUARTER_SIZE)]


def check_quarter(path: Path, names: list[str], corpus: Path) -> list[str]:
    """Every problem of one quarter's file, as `file: document: what`."""
    if not path.is_file():
        return [f"{path.name}: missing"]
    gold = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    problems = []
    documents = gold.get("documents") or []
    listed = [d.get("doc") for d in documents]
    if listed != names:
        problems.append(f"{path.name}: documents are not the quarter's {len(names)} names in name order "
                        f"({len(listed)} listed; missing {sorted(set(names) - set(listed))[:3]}, "
                        f"extra {sorted(set(listed) - set(names))[:3]})")
    relevance = {d.get("doc"): d.get("relevance") for d in documents}
    required: set[str] = set()
    for event in gold.get("events") or []:
        doc = event.get("doc")
        where = f"{path.name}: {doc}"
        if list(event) != EVENT_KEYS:
            problems.append(f"{where}: keys {list(event)}, not {EVENT_KEYS}")
        if doc not in relevance:
            problems.append(f"{where}: an event of a document that is not listed")
            continue
        cue = str(event.get("cue") or "")
        if len(cue.split()) > MAX_CUE_WORDS:
            problems.append(f"{where}: cue of more than {MAX_CUE_WORDS} words: {cue!r}")
        if cue not in folded_article((corpus / doc).read_text(encoding="utf-8")):
            problems.append(f"{where}: cue not in the folded article: {cue!r}")
        if not set(event.get("types") or []) <= EVENT_TYPES or not event.get("types"):
            problems.append(f"{where}: types {event.get('types')} outside {sorted(EVENT_TYPES)}")
        if len(event.get("participants") or []) != len(event.get("participant_countries") or []):
            problems.append(f"{where}: participants and participant_countries of different lengths")
        if (event.get("date") is None) != (event.get("date_precision") == "none"):
            problems.append(f"{where}: date {event.get('date')!r} with precision {event.get('date_precision')!r}")
        if event.get("optional") is not True:
            required.add(doc)
    for doc, label in relevance.items():
        if (label == "diplomatic_contact") != (doc in required):
            problems.append(f"{path.name}: {doc}: relevance {label} "
                            f"{'with' if doc in required else 'without'} a required event")
    return problems


def check_sample(sample: Path, corpus: Path) -> list[str]:
    return [problem for letter, names in quarters(sample)
            for problem in check_quarter(sample / f"random_events_{letter}.yaml", names, corpus)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sample", type=Path, help="the sample folder (tests/gold/baomoi/blindNN)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    problems = check_sample(args.sample, args.corpus)
    for problem in problems:
        print(problem)
    print(f"{args.sample}: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
