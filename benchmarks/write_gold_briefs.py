"""Write the briefs of a random-only gold sample's four annotators (one per quarter of 100 names, name order).

    python benchmarks/draw_gold_sample.py --seed 20261282 --contacts 0 --random 400 --candidates body-title \\
        --out tests/gold/baomoi/blind82
    git add tests/gold/baomoi/blind82 && git commit -m "gold: blind82's names"   # before any annotation
    python benchmarks/write_gold_briefs.py tests/gold/baomoi/blind82 --ordinal eighty-second --out /tmp/b82

Writes `OUT/names_<q>.txt` (a quarter's names) and `OUT/brief_<q>.txt` for each quarter. Each annotator (a helper
session) is given one brief and nothing else ("Read OUT/brief_a.txt with a single `cat` and carry out exactly
what it says."): it reads the corpus articles of its quarter, the gold README's rules (`tests/gold/baomoi/README.md`,
whole) and one format file, none of the code, and writes `random_events_<q>.yaml` into the sample folder. Check the
written files with `benchmarks/check_gold_sample.py` and commit them before the pipeline runs on these documents;
how each sample was written is recorded in the gold README. The brief is the one given to the annotators of
blind80 and later samples (2026-12-06).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_gold_sample import DEFAULT_CORPUS, quarters  # noqa: E402

HEADER_RE = re.compile(r"--seed (?P<seed>\d+).*?pool (?P<pool>\d+) names")

BRIEF = """BRIEF: gold annotation of {sample}, quarter {Q} (you are an annotator, a helper session of the vndiplo project)

The project turns Vietnamese news articles into a dataset of diplomatic contacts (events). You write hand-made
gold for 100 real news articles, BLIND to the project's code. Your work is the test the code is measured on, so
its independence matters more than its speed.

YOUR INPUT
- Your 100 article names: {names_file} ({first} ... {last}, name order). Articles are at
  {corpus}/NAME (three lines each: title, lead, body; UTF-8 Vietnamese).
- The annotation rules: {root}/tests/gold/baomoi/README.md. Read ALL of it (it is long, about {readme_lines} lines:
  print it with `sed -n` in chunks of at most 150-250 lines so the tool does not cut a chunk). Its "Annotation
  rules" section is the definition; every sample section's "Hard cases"/"Hard calls" are earlier decisions you
  follow for similar cases (cite them in your notes as "as blindNN's DOCID" when you follow one, "points the other
  way" when one disagrees).
- The format: {root}/tests/gold/baomoi/blind74/random_events_a.yaml. Read its header, about its first 110
  lines, and its `events:` part with the comments (find the line numbers with one `grep -n`). Copy its structure
  and field order exactly.

YOUR OUTPUT: one file, {root}/tests/gold/baomoi/{sample}/random_events_{q}.yaml
(the folder exists; write the file by its full path; do not list the folder)
- A header of `#` comment lines like the format file's: title line "# Gold EVENTS for the {ordinal} blind sample of
  the baomoi-2017 corpus ({sample}), random part, quarter {Q}."; the sample: {sample} ({ordinal} blind sample), random
  only: 400 file names drawn uniformly at random by `benchmarks/draw_gold_sample.py --seed {seed} --contacts 0
  --random 400 --candidates body-title` (pool {pool} names, every earlier sample excluded; random only, since every
  contact-rich candidate of the draw script is spent), nothing filtered; names committed on {date} before
  annotation; annotated in four quarters of 100 in name order. This is quarter {Q}: 100 names, {first} ...
  {last}, all listed below, in name order. Then: when you wrote it (the date and the start and end time
  from `date -u +%T`, run at your start and at your end), that you were blind to the project's code, exactly what
  you read (which README lines, which format-file lines) and every command you ran beyond this brief's (be
  honest and complete: deviations are recorded, not punished), your method (the cue search, what was read in
  full, listed by name), and your hard calls.
- `documents:` every one of your 100 names once, in name order:
  `  - {{doc: NAME, relevance: diplomatic_contact|official_statement|not_relevant, topic: ONEWORD}}`
- `events:` every event (required AND optional) of your documents, each preceded by a `#` comment line quoting the
  trigger sentence ASCII-folded (no diacritics) as the format file does, in the format file's flow-mapping form:
  doc, date, date_precision, date_hint, types, cameo, participants, participant_countries, involves_vietnam, cue,
  optional, note. Annotate EXHAUSTIVELY: a document with no event line has no event. Most documents have none.
- `cue`: ASCII-folded (strip diacritics, đ->d), lowercase, at most 8 words, and a substring of the folded article
  text (title + lead + body folded the same way; check every cue by script).
- In each note of a hard case say why; mark THE MOST DEBATABLE CALL OF THIS QUARTER in exactly one note (or in the
  header if no event is debatable).

METHOD (as the README's samples describe): read every title and lead (print them by script) to assign topic and
relevance; search every body by script (ASCII-folded, whole words) for contact cues (the long list in the format
file's header is a good start) and for foreign country, capital and organisation names; read in full every
world-news or diplomacy document and every hit that could be a contact; check the other hits by snippet.

RULES (hard):
- Do NOT run the pipeline or any project command (no vndiplo, no pytest, no benchmarks/), do NOT read any code of
  the project (nothing under {root} except the two files named above and your own output), no git, no network.
- Do NOT open, print, grep, list or count any other gold file or folder: no other {sample} file (the other
  quarters are being written now by other annotators), no other sample's files except the one format file. Do not
  list {brief_dir}/ (this brief's folder) or the {sample} folder.
- Open only your own 100 article files of the corpus.
- Scratch files and scripts only in {scratch_dir}/ (create it with `mkdir -p`).
- Before you finish: check your file by script: it parses with PyYAML; every one of your 100 names is listed once
  under documents: and no other; every event's doc is one of them; every cue is <= 8 words and a substring of the
  folded text; relevance is diplomatic_contact iff the document has at least one required (optional: false) event
  (official_statement or not_relevant otherwise, as the README's rules say).

YOUR FINAL MESSAGE (your report to the lead): the file written, counts (documents by relevance, required events,
optional events), your start and end times, every deviation from this brief and every command beyond it, and your
hard calls with the most debatable one.
"""


def write_briefs(sample: Path, ordinal: str, out: Path, corpus: Path, day: str) -> list[Path]:
    """The briefs of `sample`'s quarters, written into `out` with their names files; returns the briefs' paths."""
    header = (sample / "random_sample.txt").read_text(encoding="utf-8").splitlines()[0]
    drawn = HEADER_RE.search(header)
    if drawn is None:
        raise SystemExit(f"{sample}/random_sample.txt: no seed and pool in its first line: {header!r}")
    readme_lines = len((ROOT / "tests" / "gold" / "baomoi" / "README.md").read_text(encoding="utf-8").splitlines())
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for letter, names in quarters(sample):
        names_file = out / f"names_{letter}.txt"
        names_file.write_text("\n".join(names) + "\n", encoding="utf-8")
        brief = out / f"brief_{letter}.txt"
        brief.write_text(BRIEF.format(
            sample=sample.name, Q=letter.upper(), q=letter, names_file=names_file, first=names[0], last=names[-1],
            ordinal=ordinal, seed=drawn["seed"], pool=f"{int(drawn['pool']):,}", date=day,
            readme_lines=f"{round(readme_lines, -1):,}", brief_dir=out, scratch_dir=out.parent / f"{out.name}_{letter}",
            root=ROOT, corpus=corpus), encoding="utf-8")
        written.append(brief)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sample", type=Path, help="the sample folder, its names drawn and committed")
    parser.add_argument("--ordinal", required=True, help='the sample\'s ordinal in words ("eighty-second")')
    parser.add_argument("--out", type=Path, required=True, help="a folder outside the repository for the briefs")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="the day the names were committed")
    args = parser.parse_args(argv)
    for path in write_briefs(args.sample.resolve(), args.ordinal, args.out.resolve(), args.corpus.resolve(), args.date):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
