"""The Prefect flow `build-release`: raw article files in, a validated, versioned release out.

This is the only module that imports Prefect; each task is a thin wrapper around a stage
function in `flows.stages`, and the flow reads top to bottom as the list of stages.
"""

from __future__ import annotations

import logging
from pathlib import Path

import polars as pl
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.logging.configuration import setup_logging

from flows import __version__
from flows.nlp import Analyser, UndertheseaAnalyser
from flows.reference import Reference, entities_table, load_reference
from flows.stages import annotate, clean, dedup, extract, ingest, publish

# Frames are passed in memory between tasks; hashing them for Prefect's cache would cost more
# than the stages themselves, so caching is off.
stage = task(cache_policy=NO_CACHE, persist_result=False)


@stage
def ingest_articles(input_dir: Path, reference: Reference) -> ingest.IngestResult:
    """Read the article files and split each into header fields and raw blocks."""
    return ingest.parse_sources(ingest.read_sources(input_dir), reference)


@stage
def clean_blocks(blocks: pl.DataFrame, reference: Reference) -> pl.DataFrame:
    """Label every block and normalise the text of the kept ones."""
    return clean.clean_blocks(blocks, reference)


@stage
def deduplicate(documents: pl.DataFrame, blocks: pl.DataFrame, reference: Reference):
    """Drop repeated blocks, assemble cleaned texts, link duplicate articles."""
    return dedup.deduplicate(documents, blocks, reference)


@stage
def annotate_documents(documents: pl.DataFrame, blocks: pl.DataFrame, reference: Reference, analyser: Analyser):
    """Split canonical documents into sentences and find entity mentions."""
    canonical = documents.filter(pl.col("duplicate_of").is_null())["doc_id"].to_list()
    return annotate.annotate(blocks, canonical, reference, analyser)


@stage
def extract_events_and_statements(documents, sentences, mentions, reference: Reference) -> extract.ExtractResult:
    """Resolve dates and entities; extract events and statements."""
    canonical = documents.filter(pl.col("duplicate_of").is_null())
    result = extract.extract(canonical, sentences, mentions, reference)
    return extract.ExtractResult(
        events=extract.credit_duplicates(result.events, documents),
        statements=result.statements, event_mentions=result.event_mentions, mentions=result.mentions)


@stage
def publish_release(tables: dict[str, pl.DataFrame], output_dir: Path) -> Path:
    """Validate every table and write the release atomically."""
    return publish.write_release(tables, output_dir, __version__)


@flow(name="build-release", log_prints=True)
def build_release(input_dir: str = "seeds", output_dir: str = "output") -> Path:
    """Build a new release of the dataset from the articles in `input_dir`."""
    reference = load_reference()
    analyser = UndertheseaAnalyser()
    raw = ingest_articles(Path(input_dir), reference)
    blocks = clean_blocks(raw.blocks, reference)
    documents, blocks = deduplicate(raw.documents, blocks, reference)
    sentences, mentions = annotate_documents(documents, blocks, reference, analyser)
    extracted = extract_events_and_statements(documents, sentences, mentions, reference)
    tables = {
        "documents": documents,
        "blocks": blocks,
        "events": extracted.events,
        "statements": extracted.statements,
        "mentions": extracted.mentions,
        "event_mentions": extracted.event_mentions,
        "entities": entities_table(reference),
        "rejects": raw.rejects,
    }
    return publish_release(tables, Path(output_dir))


class _OneLineFailures(logging.Filter):
    """Keeps Prefect's failure records to one line (the CLI prints tracebacks only with --debug)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info, record.exc_text = None, None
        message = record.getMessage()
        if "Traceback (most recent call last)" in message:
            record.msg, record.args = message.split("Traceback (most recent call last)", 1)[0].rstrip(), ()
        return True


def run_build(input_dir: Path, output_dir: Path, show_tracebacks: bool = False) -> Path:
    """Run `build-release` as the CLI does: Prefect logging set up, tracebacks hidden unless asked."""
    setup_logging()
    if not show_tracebacks:
        one_line = _OneLineFailures()
        for name in [""] + [n for n in logging.root.manager.loggerDict if n.startswith("prefect")]:
            for handler in logging.getLogger(name).handlers:
                handler.addFilter(one_line)
    return build_release(input_dir=str(input_dir), output_dir=str(output_dir))
