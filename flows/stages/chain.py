"""The flow's stages called in order, in-process and without Prefect: for tests, benchmarks and evaluation.

Guarantees: the same stage functions and the same selection rule as `flows/pipeline.py` (only
canonical documents that the relevance stage did not label `not_relevant` are annotated and
extracted; every document stays in `documents` with its relevance and reason), so what a test or
benchmark measures is what a release contains. `until` stops after a stage, and `timer`, when
given, is called as `timer(stage_name, function, *args)` around every stage (ingest, clean, dedup,
relevance, dedup_across, annotate, extract) so a benchmark can time it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from flows.nlp import Analyser
from flows.reference import Reference
from flows.stages import annotate, extract, ingest, prepare, relevance

STAGES = ("prepare", "annotate", "extract")


@dataclass
class StageTables:
    documents: pl.DataFrame
    blocks: pl.DataFrame
    rejects: pl.DataFrame
    selected: list[str] | None = None  # doc_ids annotated and extracted
    sentences: pl.DataFrame | None = None
    events: pl.DataFrame | None = None
    statements: pl.DataFrame | None = None
    mentions: pl.DataFrame | None = None  # as extract leaves them (resolved)
    event_mentions: pl.DataFrame | None = None


def run_stages(sources: list[ingest.SourceFile], reference: Reference, analyser: Analyser,
               until: str = "extract", timer: Callable = prepare._untimed) -> StageTables:
    """Prepare (ingest, clean, dedup, relevance), annotate and extract `sources` as the flow does."""
    last = STAGES.index(until)
    prepared = prepare.prepare(sources, reference, timer)
    result = StageTables(prepared.documents, prepared.blocks, prepared.rejects)
    result.selected = relevance.relevant_doc_ids(result.documents)
    if last < STAGES.index("annotate"):
        return result
    result.sentences, mentions = timer("annotate", annotate.annotate, result.blocks, result.selected, reference, analyser)
    if last < STAGES.index("extract"):
        result.mentions = mentions
        return result
    selected = result.documents.filter(pl.col("doc_id").is_in(result.selected))
    extracted = timer("extract", extract.extract, selected, result.sentences, mentions, reference)
    result.events = timer("credit_duplicates", extract.credit_duplicates, extracted.events, result.documents)
    result.statements, result.mentions = extracted.statements, extracted.mentions
    result.event_mentions = extracted.event_mentions
    return result
