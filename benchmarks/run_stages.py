"""Time each stage of the pipeline on a corpus folder, in-process (no Prefect), and report peak memory.

    python benchmarks/run_stages.py benchmarks/out/corpus
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import polars as pl

from flows.nlp import UndertheseaAnalyser
from flows.reference import load_reference
from flows.stages import annotate, clean, dedup, extract, ingest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    timings: dict[str, float] = {}

    def timed(name, function, *a):
        start = time.perf_counter()
        result = function(*a)
        timings[name] = time.perf_counter() - start
        return result

    reference = load_reference()
    sources = timed("read", ingest.read_sources, args.corpus)
    raw = timed("ingest", ingest.parse_sources, sources, reference)
    blocks = timed("clean", clean.clean_blocks, raw.blocks, reference)
    documents, blocks = timed("dedup", dedup.deduplicate, raw.documents, blocks, reference)
    canonical = documents.filter(pl.col("duplicate_of").is_null())
    sentences, mentions = timed("annotate", annotate.annotate, blocks, canonical["doc_id"].to_list(), reference,
                                UndertheseaAnalyser())
    result = timed("extract", extract.extract, canonical, sentences, mentions, reference)
    total = sum(timings.values())
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(sources)}, canonical: {canonical.height}, sentences: {sentences.height}, "
          f"events: {result.events.height}, statements: {result.statements.height}")
    for name, seconds in timings.items():
        print(f"{name:>9}: {seconds:8.2f} s")
    print(f"{'total':>9}: {total:8.2f} s ({len(sources) / total:.1f} articles/s), peak RSS {peak_mib:.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())
