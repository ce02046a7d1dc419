"""Run the pipeline's stages in-process on the documents of a baomoi gold set and print the evaluation.

    python benchmarks/evaluate_baomoi.py                      # tests/gold/baomoi/dev
    python benchmarks/evaluate_baomoi.py --gold tests/gold/baomoi/dev --cache /tmp/vndiplo-tokens.pickle
    python benchmarks/evaluate_baomoi.py --blind --gold tests/gold/baomoi/blind*   # each set, then pooled

The gold folder holds `documents:`-style YAML files (see flows/stages/evaluate.py for the format
and the definitions of the figures). Only the gold documents are read, in place, from the corpus
(`../shared/corpora/baomoi-2017/articles` by default); nothing is copied. The stages are those of
the flow (`flows.stages.chain.run_stages`): ingest, clean, dedup, relevance, and annotate +
extract on canonical documents not labelled `not_relevant`.

`--cache FILE` keeps underthesea's per-sentence analyses in a pickle between runs (the slow part:
about 1.3 ms a sentence with `ner_batch`, 783 sentences/s measured on 2026-12-01); the cache
holds tokens only, so it stays valid when the gazetteer, the reference data or the extraction
rules change. The blind quarter is refused unless `--blind`
is given: it is run once, at the end, by the lead.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import polars as pl

from flows.nlp import UndertheseaAnalyser
from flows.reference import load_reference
from flows.stages import chain, ingest
from flows.stages.evaluate import (DocumentsReport, confidence_curve, evaluate_documents, format_confidence_curve,
                                   format_documents_report, load_documents_gold, pool_reports)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "baomoi-2017" / "articles"


class CachedAnalyser:
    """underthesea's analyses (flows.nlp.UndertheseaAnalyser), token lists kept in a pickle between runs."""

    def __init__(self, path: Path | None):
        self.inner = UndertheseaAnalyser()
        self.path = path
        self.saved: dict[str, list] = {}
        if path is not None and path.is_file():
            self.saved = pickle.loads(path.read_bytes())
        self.fresh = 0

    def sentences(self, text: str) -> list[tuple[int, int]]:
        return self.inner.sentences(text)

    def tokens(self, sentence: str):
        if sentence not in self.saved:
            self.saved[sentence] = self.inner.tokens(sentence)
            self.fresh += 1
        return self.saved[sentence]

    def save(self) -> None:
        if self.path is not None and self.fresh:
            self.path.write_bytes(pickle.dumps(self.saved))


def run(gold_dir: Path, corpus: Path, analyser: CachedAnalyser) -> tuple[str, DocumentsReport]:
    gold = load_documents_gold(gold_dir)
    if gold is None:
        raise SystemExit(f"{gold_dir}: no documents: list in any *.yaml (not a baomoi-style gold set)")
    gold_documents, gold_events, gold_statements = gold
    reference = load_reference()
    names = sorted({str(d["doc"]) if str(d["doc"]).endswith(".txt") else f"{d['doc']}.txt" for d in gold_documents})
    missing = [n for n in names if not (corpus / n).is_file()]
    if missing:
        raise SystemExit(f"{len(missing)} gold documents not in {corpus}: {', '.join(missing[:5])}")
    sources = [ingest.SourceFile(n, (corpus / n).read_bytes()) for n in names]
    started = time.perf_counter()
    out = chain.run_stages(sources, reference, analyser)
    documents, events = out.documents, out.events
    canonical = documents.filter(pl.col("doc_id").is_in(out.selected))
    sentences, result = out.sentences, out
    seconds = time.perf_counter() - started
    report = evaluate_documents({"documents": documents, "events": events, "statements": result.statements},
                                gold_documents, gold_events, gold_statements)
    header = (f"gold: {gold_dir} ({len(names)} documents, {canonical.height} annotated, {sentences.height} "
              f"sentences, {events.height} events, {result.statements.height} statements, {seconds:.1f} s)")
    tables = {"documents": documents, "events": events, "statements": result.statements}
    lines = [header, format_documents_report(report), "",
             format_confidence_curve(confidence_curve(tables, gold_documents, gold_events)), ""]
    if "relevance" in documents.columns:
        # Relevant gold documents the relevance stage dropped: their events are lost before extraction.
        predicted = dict(zip(documents["source_file"], documents["relevance"]))
        for gold_doc in gold_documents:
            name = str(gold_doc["doc"]) if str(gold_doc["doc"]).endswith(".txt") else f"{gold_doc['doc']}.txt"
            if gold_doc.get("relevance") != "not_relevant" and predicted.get(name) == "not_relevant":
                lines.append(f"  dropped by relevance: {name} (gold {gold_doc.get('relevance')})")
    return "\n".join(lines), report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, nargs="+", default=[ROOT / "tests" / "gold" / "baomoi" / "dev"],
                        help="one or more gold folders; with several, their figures pooled are printed last")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, default=None, help="pickle of underthesea analyses (kept between runs)")
    parser.add_argument("--blind", action="store_true", help="allow the blind quarter (the lead runs it once)")
    args = parser.parse_args()
    if any(part.startswith("blind") for gold in args.gold for part in gold.resolve().parts) and not args.blind:
        raise SystemExit("refusing to run on the blind quarter without --blind")
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus not found: {args.corpus}")
    analyser = CachedAnalyser(args.cache)
    reports = []
    try:
        for gold in args.gold:
            text, report = run(gold, args.corpus, analyser)
            print(text)
            reports.append(report)
    finally:
        analyser.save()
    if len(reports) > 1:
        print(f"pooled over {len(reports)} gold sets ({', '.join(gold.name for gold in args.gold)}):")
        print(format_documents_report(pool_reports(reports), details=False))


if __name__ == "__main__":
    sys.exit(main())
