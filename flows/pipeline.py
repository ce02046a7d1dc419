"""The Prefect flow `build-release`: raw article files in, a validated, versioned release out.

This is the only module that imports Prefect; each task is a thin wrapper around a stage
function in `flows.stages`, and the flow reads top to bottom as the list of stages.

What it guarantees:
- the per-document stages are mapped over batches (`RunConfig`), so a process or Dask runner
  keeps every core busy: ingest, clean, in-document dedup and relevance over batches of files
  (`flows.stages.prepare`), annotation and each document's extraction over batches of relevant
  documents; the results are put back in order, so the release is the same whichever runner made
  it (linking files and stories across batches, merging the tellings of one event and publishing
  compare documents with each other and run once: linking as a task given the prepare tasks'
  futures, the other two in the flow's process);
- the flow's process never holds the corpus' text, blocks or annotation: each prepare task stores
  its batch's documents and blocks in the run's folder (`flows.store`, removed when the run ends)
  and returns them without their text; each annotation and extraction task reads its documents'
  blocks and texts from there and leaves their extracted rows there; the flow reads the events and
  event mentions in one scan, and publishing reads every document, block, mention and statement in
  chunks of documents;
- an input file unchanged since an earlier run into the same output folder is not prepared
  again (its rows come from `OUTPUT/cache/prepare/`), a document whose annotation input is
  unchanged is not annotated again (`OUTPUT/cache/annotate/`), and a document whose row,
  annotation and date horizon are unchanged is not extracted again (`OUTPUT/cache/extract/`; see
  `flows.cache`);
- every run publishes a markdown summary artifact (`build-release-summary`) and a table artifact
  of the rejected input files (`build-release-rejects`);
- with `strict=True` any rejected input file fails the run before anything is published.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl
import prefect
from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.events import emit_event
from prefect.events.related import tags_as_related_resources
from prefect.exceptions import UnfinishedRun
from prefect.futures import as_completed
from prefect.logging.configuration import setup_logging
from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, PREFECT_UI_URL, temporary_settings
from prefect.utilities.annotations import quote

from flows import __version__, fingerprint
from flows.cache import (ANNOTATION_DIGEST, ANNOTATION_INPUT_COLUMNS, AnnotationCache, ExtractionCache, PreparedCache,
                         document_of, keys_by_path, prepared_cache, reference_digest, stage_context,
                         with_annotation_digests)
from flows.dask_cluster import CLUSTER_OPTIONS, LocalDaskCluster, configure_dask
from flows.nlp import Analyser, UndertheseaAnalyser
from flows.prefect_server import TemporaryServer
from flows.release import input_files_of_refs, release_fingerprint
from flows.reference import REFERENCE_DIR, Reference, entities_table, load_reference
from flows.runners import DASK_THRESHOLD, files_to_prepare, runner_name, starts_local_cluster
from flows.stages import annotate, dedup, extract, ingest, prepare, relevance
from flows.store import (PART_COLUMN, ROW_TABLES, TEXT_COLUMNS, DocumentRows, DocumentStore, StoredDocuments,
                         run_folder, without_text)


if TYPE_CHECKING:
    # Imported where it is used: with the schemas it validates with, it brings pandera and pandas (0.5 s),
    # which only publishing needs, and every Dask worker imports this module while the run starts, when both
    # cores are busy importing.
    from flows.stages import publish

# Frames are passed in memory between tasks; hashing them for Prefect's cache would cost more
# than the stages themselves, and Prefect's INPUTS policy would hash a path, not the file behind
# it. Per-document results are cached by content instead (flows.cache).
stage = task(cache_policy=NO_CACHE, persist_result=False)

@dataclass(frozen=True)
class RunConfig:
    """Options of a flow run.

    batch_size: documents per annotation and extraction task. Uncached annotation costs about 0.3-0.6 s per
        seed-sized article (20-30 ms per sentence, README "Performance"), so 20 documents are
        several seconds of work against Prefect's few tens of milliseconds per task run, while
        1,000 documents still make 50 tasks to balance over the workers.
    stage_batch_size: files per prepare task (ingest, clean, in-document dedup, relevance): a few
        milliseconds per article (10,000 real articles: 14 s ingest, 23 s clean, about 20 s
        in-document dedup and relevance in one process), so 250 files are seconds of work per task.
    dask_threshold: `--runner auto` picks a local Dask cluster from this many input files to
        prepare (files not in the prepare cache), and the thread runner below it
        (`flows.runners.DASK_THRESHOLD`, where the figure comes from).
    """

    batch_size: int = 20
    stage_batch_size: int = 250
    dask_threshold: int = DASK_THRESHOLD


@functools.cache
def worker_analyser() -> Analyser:
    """One analyser per worker process: its models load once and its sentence cache is shared."""
    return UndertheseaAnalyser()


@stage
def read_articles(input_dir: Path) -> pl.DataFrame:
    """Read and hash the article files, keeping their digests, not their bytes (or note why a file is not read)."""
    return ingest.read_refs(input_dir)


@stage
def look_up_prepared(refs: pl.DataFrame, cache: PreparedCache | None, store: DocumentStore
                     ) -> tuple[prepare.Prepared | None, pl.DataFrame]:
    """(the index of the cached rows of unchanged files, stored in `store`, or None; `refs` with each file's
    cache key, `cache_key`, null without a cache, and whether its rows came from the cache, `cached`)."""
    if cache is None:
        return None, refs.with_columns(cache_key=pl.lit(None, dtype=pl.String), cached=pl.lit(False))
    refs = cache.with_keys(refs)
    frames, found = cache.scan(keys_by_path(refs))
    hits = store_cached(frames, store) if frames is not None else None
    if hits is None:
        found = set()
    return hits, refs.with_columns(cached=pl.col("path").is_in(list(found)))


def store_cached(frames: dict[str, pl.LazyFrame], store: DocumentStore) -> prepare.Prepared | None:
    """Stream cached rows into `store` as one part; their index (None when the cache cannot be read)."""
    try:
        store.write_lazy_part("cached", frames["documents"], frames["blocks"])
        rejects = frames["rejects"].collect()
        documents = store.scan_part("cached", "documents").drop(*TEXT_COLUMNS).collect(engine="streaming")
    except (OSError, pl.exceptions.PolarsError):
        store.delete_part("cached")
        return None
    blocks = pl.DataFrame(schema=store.scan_part("cached", "blocks").collect_schema())
    return prepare.Prepared(documents.with_columns(pl.lit("cached").alias(PART_COLUMN)), blocks, rejects,
                            prepare.no_repeats())


@stage
def prepare_batch(refs: pl.DataFrame, input_dir: Path, reference_folder: str, cache: PreparedCache | None,
                  store: DocumentStore) -> prepare.Prepared:
    """Ingest (the files of `refs` read again, and unchanged), clean, in-document dedup and relevance of one
    batch of files, with each document's annotation-input digest, stored as a part of `store` (and in the
    cache under the keys of `refs`' `cache_key`); returns its index, with the part."""
    prepared = prepare.prepare_batch(ingest.read_paths(input_dir, refs), load_reference(Path(reference_folder)))
    prepared.documents = with_annotation_digests(prepared.documents, prepared.blocks)
    if cache is not None:
        cache.store(prepared, keys_by_path(refs))
    part = store.write_part(prepared.documents, prepared.blocks)
    return prepare.Prepared(without_text(prepared.documents).with_columns(pl.lit(part).alias(PART_COLUMN)),
                            prepared.blocks.clear(), prepared.rejects, prepared.repeats)


@stage
def link_documents(hits: prepare.Prepared | None, parts: list[prepare.Prepared], store: DocumentStore
                   ) -> prepare.Prepared:
    """Reject files repeated across batches; link near-copies of a story to its canonical article (`hits`:
    the cached files' index, `parts`: the prepare batches')."""
    return prepare.link_batches(prepare.combine(([hits] if hits is not None else []) + parts),
                                stored_blocks=store.scan("blocks"))


def prepare_documents(refs: pl.DataFrame, input_dir: Path, reference: Reference, cache: PreparedCache | None,
                      config: RunConfig, store: DocumentStore) -> tuple[prepare.Prepared, dict[str, int]]:
    """Every input file of `refs` (`ingest.read_refs`) prepared (unchanged files from the cache, the rest
    mapped in batches) into `store` and linked across batches: the linked documents' index (no text, no
    blocks: those stay in `store`) and rejects, with the counts of files computed and reused."""
    logger = get_run_logger()
    hits, refs = look_up_prepared(refs, cache, store)
    missing = refs.filter(~pl.col("cached"))
    # Slices of one frame: each task is given its files' rows as a few small buffers.
    batches = [missing.slice(i, config.stage_batch_size) for i in range(0, missing.height, config.stage_batch_size)]
    logger.info("prepare: %d file(s) reused from the cache, %d to compute in %d batch(es)",
                refs.height - missing.height, missing.height, len(batches))
    with workers_report_to_this_api():
        parts = (prepare_batch.map(batches, unmapped(input_dir), unmapped(str(reference.folder)), unmapped(cache),
                                   unmapped(store))
                 if batches else [])
        # Linking is given the prepare tasks' futures: on a Dask cluster their indexes (with each document's
        # MinHash signature) go from worker to worker, and the flow's process receives the linked index
        # only. Never empty: read_articles raises on a folder without articles, so there are hits or parts.
        linked = link_documents.submit(hits, parts, store)
        try:
            linked = linked.result()
        except UnfinishedRun:  # linking never ran (Prefect leaves it pending when a task it is given failed)
            for part in parts:  # that task's own error (one line), not "upstream task did not complete"
                part.result()
            raise
    if cache is not None:
        cache.compact(keys_by_path(refs))
    return linked, {"computed": missing.height, "reused": refs.height - missing.height}


@stage
def look_up_cached(annotation_cache: AnnotationCache | None, extraction_cache: ExtractionCache | None,
                   annotation_keys: dict[str, str], extraction_keys: dict[str, str], store: DocumentStore
                   ) -> tuple[set[str], set[str]]:
    """(the doc_ids of the keys whose annotation and extraction are both cached, their extraction rows
    streamed into `store` as `EXTRACTED` results; the doc_ids whose annotation is cached). Reads key
    columns, and streams the extraction rows of the documents found."""
    if annotation_cache is None or extraction_cache is None:
        return set(), set()
    stored = annotation_cache.segments.known()
    annotated = {doc_id for doc_id, key in annotation_keys.items() if key in stored}
    frames, found = extraction_cache.scan({doc_id: key for doc_id, key in extraction_keys.items() if doc_id in annotated})
    if frames is None or not found:
        return set(), annotated
    try:
        store.write_results(EXTRACTED, CACHED_RESULTS, frames)
    except (OSError, pl.exceptions.PolarsError):  # an unreadable cache: extracted again, not served in part
        store.delete_results(EXTRACTED, CACHED_RESULTS)
        return set(), annotated
    return found, annotated


# underthesea loads its models lazily into module globals and is not thread-safe: two batches
# annotated at once in threads failed with "'NoneType' object has no attribute 'process'"
# (measured). Annotation is pure Python, so threads could not run it in parallel anyway; the
# process and Dask runners use single-threaded workers, where this lock is never contended.
_ANNOTATION_LOCK = threading.Lock()


def annotate_one_at_a_time(blocks: pl.DataFrame, doc_ids: list[str], reference: Reference):
    # A plain module function, so that Dask pickles a task that calls it by reference (the lock
    # itself cannot be pickled).
    with _ANNOTATION_LOCK:
        return annotate.annotate(blocks, doc_ids, reference, worker_analyser())


# The kind of results (`DocumentStore.write_results`) the annotation and extraction tasks leave in the run
# folder: each batch's `extract.extract_each` tables; the cache look-up leaves the cached documents' rows
# there too, under the name `CACHED_RESULTS` (the tasks' names are digests).
EXTRACTED = "extracted"
CACHED_RESULTS = "cached"
# The extracted tables the flow's process holds: the events, to merge the tellings of each event, and the
# event mentions, checked against the events. The mentions and statements are published from the run folder
# in chunks of documents (`extracted_row_files`, `flows.store.ROW_TABLES`), and the dropped events are not
# published.
HELD_TABLES = ("events", "event_mentions")


@dataclass(frozen=True)
class ExtractionBatch:
    """One task's documents: `index`, their rows of the documents' index (sorted by doc_id), stored in
    the parts `store` reads; the cache keys of their annotation and extraction (empty without caches);
    `annotated`, those of them whose annotation is in the cache."""

    index: pl.DataFrame
    store: DocumentStore
    annotation_keys: dict[str, str]
    extraction_keys: dict[str, str]
    annotated: frozenset[str]


@stage
def annotate_and_extract_batch(batch: ExtractionBatch, columns: list[str], reference_folder: str,
                               annotation_cache: AnnotationCache | None, extraction_cache: ExtractionCache | None,
                               horizon: int) -> int:
    """Sentences and mentions of one batch of documents (from the annotation cache, or annotated and
    stored there), then their events, statements and resolved mentions (`extract.extract_each`, stored
    in the extraction cache and in the run folder as `EXTRACTED` results); runs on any worker, reading
    the batch's blocks and texts from the run folder. Returns the number of documents annotated."""
    reference = load_reference(Path(reference_folder))
    doc_ids = batch.index["doc_id"].to_list()
    cached, found = (annotation_cache.load({d: batch.annotation_keys[d] for d in doc_ids if d in batch.annotated})
                     if batch.annotated else (None, set()))
    parts = [cached] if cached is not None else []
    missing = [doc_id for doc_id in doc_ids if doc_id not in found]
    if missing:
        blocks = batch.store.rows("blocks", batch.index.filter(pl.col("doc_id").is_in(missing)),
                                  ANNOTATION_INPUT_COLUMNS)
        sentences, mentions = annotate_one_at_a_time(blocks, missing, reference)
        fresh = {"sentences": sentences, "mentions": mentions}
        if annotation_cache is not None:
            annotation_cache.store(fresh, {doc_id: batch.annotation_keys[doc_id] for doc_id in missing})
        parts.append(fresh)
    sentences, mentions = (pl.concat([part[name] for part in parts], how="vertical") for name in ("sentences", "mentions"))
    documents = StoredDocuments(batch.store, batch.index, columns).rows(doc_ids)
    each = extract.extract_each(documents, sentences, mentions, reference, horizon=horizon)
    tables = {name: getattr(each, name) for name in ExtractionCache.row_tables()}
    if extraction_cache is not None:
        extraction_cache.store(tables, batch.extraction_keys)
    batch.store.write_results(EXTRACTED, fingerprint.combine(doc_ids)[:32], tables)
    return len(missing)


@stage
def publish_release(tables: dict[str, pl.DataFrame], documents: StoredDocuments, output_dir: Path,
                    fingerprint: str) -> Path:
    """Validate every table and write the release atomically (nothing when the fingerprint is unchanged)."""
    from flows.stages import publish

    return publish.write_release(tables, output_dir, __version__, fingerprint=fingerprint, documents=documents)


@stage
def publish_run_summary(release: Path, tables: dict[str, pl.DataFrame], documents: StoredDocuments,
                        previous: set[str] | None, prepared: dict[str, int], annotation: dict[str, int],
                        extraction: dict[str, int]) -> str:
    """The markdown summary artifact of the run; returns its text."""
    markdown = summary_markdown(release.name, tables, documents, previous, prepared, annotation, extraction)
    create_markdown_artifact(markdown=markdown, key="build-release-summary",
                             description=f"vndiplo release {release.name}")
    return markdown


def _progress(total: int):
    """A rich progress bar on an interactive terminal; None (plain log lines) otherwise."""
    if not sys.stderr.isatty() or total == 0:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("annotating documents"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True))


@contextlib.contextmanager
def workers_report_to_this_api():
    """Worker processes started inside this block (process pool, local Dask cluster) report to
    this run's Prefect API. Without it, in ephemeral mode every worker starts a temporary server of
    its own (16-36 s each, measured). Both runners start their workers at the first submit and
    copy `os.environ` then; the variable is restored afterwards, so the caller's process is unchanged.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    context = FlowRunContext.get()
    api_url = str(context.client.api_url) if context and context.client else ""
    if not api_url.startswith("http"):  # an in-process test app has no URL a worker could reach
        yield
        return
    os.environ["PREFECT_API_URL"] = api_url
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def extraction_batches(index: pl.DataFrame, parts: pl.DataFrame, doc_ids: list[str], store: DocumentStore,
                       annotation_keys: dict[str, str], extraction_keys: dict[str, str], annotated: set[str],
                       batch_size: int) -> list[ExtractionBatch]:
    """`doc_ids` in batches of up to `batch_size` documents, taken part by part of `store` (`parts`:
    doc_id, source_file and `PART_COLUMN` of the linked documents), each batch reading only its parts:
    one or two prepare batches' files rather than every part of the run."""
    rows = (index.filter(pl.col("doc_id").is_in(doc_ids))
            .join(parts, on=["doc_id", "source_file"], how="left", maintain_order="left")
            .sort(PART_COLUMN, "doc_id"))
    batches = []
    for start in range(0, rows.height, batch_size):
        chunk = rows.slice(start, batch_size)
        ids = chunk["doc_id"].to_list()
        batches.append(ExtractionBatch(chunk.drop(PART_COLUMN).sort("doc_id"),
                                       store.restricted_to(chunk[PART_COLUMN].unique().to_list()),
                                       {d: annotation_keys[d] for d in ids if d in annotation_keys},
                                       {d: extraction_keys[d] for d in ids if d in extraction_keys},
                                       frozenset(d for d in ids if d in annotated)))
    return batches


def annotate_and_extract(index: pl.DataFrame, documents: StoredDocuments, doc_ids: list[str], reference: Reference,
                         annotation_cache: AnnotationCache | None, extraction_cache: ExtractionCache | None,
                         config: RunConfig) -> tuple[dict[str, pl.DataFrame], dict[str, int], dict[str, int]]:
    """({table of `HELD_TABLES`: `extract.extract_each`'s rows of `doc_ids`}, annotation counts, extraction
    counts); every table's rows are left in the run folder (`documents.store`), where publishing reads the
    mentions and statements (`extracted_row_files`). Documents whose annotation and extraction are both
    cached are read from the extraction cache; the others are mapped in batches
    (`annotate_and_extract_batch`), so their blocks, sentences and mentions stay on the workers. `index`:
    the linked documents with their bookkeeping columns (`PART_COLUMN`, `ANNOTATION_DIGEST`); `documents`:
    the release's."""
    logger = get_run_logger()
    selected = documents.index.filter(pl.col("doc_id").is_in(doc_ids))  # every published column but the text
    horizon = extract.horizon_of(selected)
    digests = dict(index.filter(pl.col("doc_id").is_in(doc_ids)).select("doc_id", ANNOTATION_DIGEST).iter_rows())
    annotation_keys = ({doc_id: annotation_cache.key(digests[doc_id]) for doc_id in doc_ids}
                       if annotation_cache is not None else {})
    extraction_keys = (extraction_cache.keys(selected, annotation_keys, horizon)
                       if extraction_cache is not None and annotation_cache is not None else {})
    # quote(): Prefect would otherwise visit every key of the two maps to look for futures; there are none.
    found, annotated = look_up_cached(annotation_cache, extraction_cache, quote(annotation_keys),
                                      quote(extraction_keys), documents.store)
    missing = [doc_id for doc_id in doc_ids if doc_id not in found]
    batches = extraction_batches(selected, index.select("doc_id", "source_file", PART_COLUMN), missing,
                                 documents.store, annotation_keys, extraction_keys, annotated, config.batch_size)
    logger.info("annotation and extraction: %d document(s) reused from the cache, %d to compute in %d batch(es)",
                len(found), len(missing), len(batches))
    annotated_now, done = 0, 0
    progress = _progress(len(missing))
    # The workers start at the first submit, which may happen in a background thread: keep the
    # API address in the environment until every batch is back.
    with workers_report_to_this_api(), (progress or contextlib.nullcontext()):
        futures = annotate_and_extract_batch.map(batches, unmapped(documents.columns), unmapped(str(reference.folder)),
                                                 unmapped(annotation_cache), unmapped(extraction_cache),
                                                 unmapped(horizon))
        size_of = {future.task_run_id: batch.index.height for future, batch in zip(futures, batches)}
        bar = progress.add_task("annotate", total=len(missing)) if progress else None
        for future in as_completed(futures):
            annotated_now += future.result()
            done += size_of[future.task_run_id]
            if progress:
                progress.update(bar, completed=done)
            else:
                logger.info("annotated and extracted %d/%d document(s)", done, len(missing))
    for cache, keys in ((annotation_cache, annotation_keys), (extraction_cache, extraction_keys)):
        if cache is not None:
            cache.compact(keys)
    return (extracted_rows(documents.store), {"computed": annotated_now, "reused": len(doc_ids) - annotated_now},
            {"computed": len(missing), "reused": len(found)})


def extracted_rows(store: DocumentStore) -> dict[str, pl.DataFrame]:
    """Each of the `HELD_TABLES`: the rows the tasks and the cache look-up left in `store`, read in one scan
    and put back in doc_id order, each document's rows in their own order (what one extract_each call over
    every document gives)."""
    schemas = extract.result_schemas()
    tables = {}
    for name in HELD_TABLES:
        files = store.result_files(EXTRACTED, name)
        rows = pl.concat([pl.LazyFrame(schema=schemas[name]), *([pl.scan_parquet(files)] if files else [])],
                         how="vertical")
        tables[name] = rows.sort(document_of(rows), maintain_order=True).collect()
    return tables


def extracted_row_files(store: DocumentStore) -> dict[str, DocumentRows]:
    """The mentions and statements the tasks and the cache look-up left in `store`, as files: publishing
    reads them in chunks of documents."""
    schemas = extract.result_schemas()
    return {name: DocumentRows(tuple(store.result_files(EXTRACTED, name)), pl.Schema(schemas[name]))
            for name in ROW_TABLES}


@stage
def merge_extracted(rows: dict[str, pl.DataFrame], documents: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The release's events and event mentions from each document's rows (`extracted_rows`): the tellings
    of one event merged, every canonical document's duplicates credited as sources (`documents`: every
    document's index)."""
    return {"events": extract.credit_duplicates(extract.merge_tellings(rows["events"]), documents),
            "event_mentions": rows["event_mentions"]}


def _previous_doc_ids(output_dir: Path) -> set[str] | None:
    """doc_ids of the latest release in `output_dir`, or None when there is none."""
    latest = output_dir / "releases" / "LATEST"
    if not latest.is_file():
        return None
    documents = output_dir / "releases" / latest.read_text(encoding="utf-8").strip() / "documents.parquet"
    return set(pl.read_parquet(documents, columns=["doc_id"])["doc_id"]) if documents.is_file() else None


def _markdown_table(header: tuple[str, ...], rows: list[tuple]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |" for row in rows]
    return lines


def summary_markdown(version: str, tables: dict[str, pl.DataFrame], documents: publish.DocumentTables,
                     previous: set[str] | None, prepared: dict[str, int], annotation: dict[str, int],
                     extraction: dict[str, int]) -> str:
    """The run summary: release version, rows per table, documents added, blocks removed by reason,
    rejects, input files prepared and documents annotated and extracted vs reused from the cache.
    Depends on the tables and counts only (no clock, no paths)."""
    rejects = tables["rejects"]
    doc_ids = set(documents.index["doc_id"])
    added = (f"{len(doc_ids - previous)} (and {len(previous - doc_ids)} no longer present)" if previous is not None
             else f"{len(doc_ids)} (first release in this output folder)")
    # Two columns of the blocks, not a pass over the chunks (which reads every text and mention again:
    # 0.7-1.5 s at 31,806 articles, measured).
    removed = (documents.scan_blocks().filter(~pl.col("kept")).group_by("reason").len()
               .collect(engine="streaming").sort(["len", "reason"], descending=[True, False], nulls_last=True))
    rows = {name: frame.height for name, frame in tables.items()}
    rows.update(documents.heights())
    lines = [f"# vndiplo release {version}", "", f"- documents added since the previous release: {added}",
             f"- rejected input files: {rejects.height}",
             f"- input files prepared: {prepared['computed']} computed, {prepared['reused']} reused from the cache",
             f"- documents annotated: {annotation['computed']} computed, {annotation['reused']} reused from the cache",
             f"- documents extracted: {extraction['computed']} computed, {extraction['reused']} reused from the cache",
             "", "## Rows per table", ""]
    lines += _markdown_table(("table", "rows"), sorted(rows.items()))
    lines += ["", "## Blocks removed, by reason", ""]
    lines += _markdown_table(("reason", "blocks"), [(r, n) for r, n in removed.iter_rows()]) if removed.height else ["none"]
    lines += ["", "## Rejected input files", ""]
    lines += (_markdown_table(("source_file", "stage", "reason"),
                              [(r["source_file"], r["stage"], r["reason"]) for r in rejects.sort("source_file").to_dicts()])
              if rejects.height else ["none"])
    return "\n".join(lines) + "\n"


def publish_rejects_table(rejects: pl.DataFrame) -> None:
    create_table_artifact(table=rejects.sort("source_file").to_dicts(), key="build-release-rejects",
                          description="Input files that could not be used, with the stage and the reason")


def _release_documents(index: pl.DataFrame, store: DocumentStore) -> StoredDocuments:
    """The documents and blocks tables of the release: the linked documents' `index` (columns the
    schema declares, stage-internal ones are not published) and the texts and blocks in `store`."""
    from flows.stages import publish

    declared = publish.release_schemas()["documents"].to_schema().columns
    columns = [c for c in dedup.linked_columns([*index.columns, *TEXT_COLUMNS]) if c in declared]
    return StoredDocuments(store, index.select([c for c in columns if c in index.columns]), columns)


@flow(name="build-release", log_prints=True)
def build_release(input_dir: str = "seeds", output_dir: str = "output", strict: bool = False,
                  use_cache: bool = True, batch_size: int = RunConfig.batch_size,
                  stage_batch_size: int = RunConfig.stage_batch_size) -> Path:
    """Build a new release of the dataset from the articles in `input_dir`.

    strict: fail, publishing nothing, when any input file is rejected.
    use_cache: reuse prepared files and per-document annotations and extractions from OUTPUT/cache/
        (False recomputes everything and writes no cache).
    batch_size: documents per annotation and extraction task; stage_batch_size: files per prepare task.
    """
    logger = get_run_logger()
    config = RunConfig(batch_size=batch_size, stage_batch_size=stage_batch_size)
    output = Path(output_dir)
    reference = load_reference(REFERENCE_DIR)  # the argument the workers pass: one cached object per process
    input_dir = Path(input_dir).resolve()  # the workers read the files again
    refs = read_articles(input_dir)
    # What `vndiplo run` checks before starting: the same files, read the same way, give the same digest.
    fingerprint = release_fingerprint(input_files_of_refs(refs), __version__)
    with flow_run_heartbeats(), run_folder(output) as store:
        prepared, prepare_counts = prepare_documents(refs, input_dir, reference, prepared_cache(output, reference)
                                                     if use_cache else None, config, store)
        index, rejects = prepared.documents, prepared.rejects  # documents without their text, and rejects
        publish_rejects_table(rejects)
        if strict:
            ingest.raise_if_rejected(rejects)
        doc_ids = relevance.relevant_doc_ids(index)  # canonical and not `not_relevant`
        annotation_cache = (AnnotationCache(output / "cache" / "annotate",
                                            stage_context("annotate", reference_digest(reference),
                                                          UndertheseaAnalyser.__qualname__,
                                                          repr(annotate.AnnotateConfig()))) if use_cache else None)
        extraction_cache = (ExtractionCache(output / "cache" / "extract",
                                            stage_context("extract", reference_digest(reference),
                                                          repr(extract.ExtractConfig()))) if use_cache else None)
        documents = _release_documents(index, store)
        rows, counts, extraction_counts = annotate_and_extract(index, documents, doc_ids, reference, annotation_cache,
                                                               extraction_cache, config)
        documents = dataclasses.replace(documents, **extracted_row_files(store))
        tables = {
            **merge_extracted(rows, index.select("doc_id", "duplicate_of")),
            "entities": entities_table(reference),
            "rejects": rejects,
        }
        previous = _previous_doc_ids(output)
        published = publish_release(tables, documents, output, fingerprint)
        publish_run_summary(published, tables, documents, previous, prepare_counts, counts, extraction_counts)
    logger.info("release %s: %d document(s) (%d file(s) prepared, %d reused; %d annotated, %d reused; %d extracted, "
                "%d reused), %d rejected input file(s)", published.name, index.height, prepare_counts["computed"],
                prepare_counts["reused"], counts["computed"], counts["reused"], extraction_counts["computed"],
                extraction_counts["reused"], rejects.height)
    return published


def task_runner(name: str, dask_address: str | None = None, n_inputs: int = 0, config: RunConfig = RunConfig(),
                workers: int | None = None):
    """The task runner for `vndiplo run --runner NAME` (see `runner_name`).

    workers: processes of the process pool or the local Dask cluster (default: one per core).
    """
    name = runner_name(name, dask_address, n_inputs, config.dask_threshold)
    workers = workers or os.cpu_count() or 1
    if name == "thread":
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner()
    if name == "process":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=workers)
    from prefect_dask import DaskTaskRunner

    configure_dask()  # read when the client and the cluster start
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, **CLUSTER_OPTIONS})


class _OneLineFailures(logging.Filter):
    """Keeps Prefect's failure records to one line (the CLI prints tracebacks only with --debug)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info, record.exc_text = None, None
        message = record.getMessage()
        if "Traceback (most recent call last)" in message:
            record.msg, record.args = message.split("Traceback (most recent call last)", 1)[0].rstrip(), ()
        return True


def _set_up_logging(show_tracebacks: bool) -> None:
    setup_logging()
    if not show_tracebacks:
        one_line = _OneLineFailures()
        for name in [""] + [n for n in logging.root.manager.loggerDict if n.startswith("prefect")]:
            for handler in logging.getLogger(name).handlers:
                handler.addFilter(one_line)


def _serves_this_run(early_server: TemporaryServer | None) -> bool:
    """Whether the run goes to `early_server`: not when Prefect's settings (a profile) name a server."""
    return early_server is not None and not PREFECT_API_URL.value()


@contextlib.contextmanager
def on_server(early_server: TemporaryServer | None):
    """Prefect calls in this block go to `early_server`, unless Prefect's settings (a profile) name a server:
    then that one, and `early_server` is stopped."""
    if not _serves_this_run(early_server):
        if early_server is not None:
            early_server.stop()
        yield
        return
    early_server.wait_until_ready()
    # No UI is served (as in Prefect's own temporary server): no "View at" link to a page that is not there.
    # No flow run heartbeats: they tell a lasting server that a run is alive, and this server ends with
    # the run; their thread wakes once a second, and the flow's end waited up to that second for it.
    with temporary_settings(updates={PREFECT_API_URL: early_server.api_url, PREFECT_UI_URL: "",
                                     PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


# The interval of the heartbeats `build-release` sends itself (`flow_run_heartbeats`), set by
# `heartbeats_sent_by_the_flow` around the flow call; None (Prefect sends them, or nobody) otherwise.
_HEARTBEAT_SECONDS: contextvars.ContextVar[int | None] = contextvars.ContextVar("vndiplo_heartbeat_seconds",
                                                                               default=None)


@contextlib.contextmanager
def heartbeats_sent_by_the_flow():
    """In this block a flow run's heartbeats (PREFECT_FLOWS_HEARTBEAT_FREQUENCY, Prefect's default 180 s, none
    on the temporary server, see `on_server`) are sent by `build-release` itself (`flow_run_heartbeats`), not
    by Prefect's engine: its synchronous engine joins its heartbeat thread, which sleeps in steps of a second,
    when the flow ends (0.3-1.1 s at the end of each run, docs/performance-log.md)."""
    seconds = PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value()
    if seconds is None:
        yield
        return
    token = _HEARTBEAT_SECONDS.set(seconds)
    try:
        with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield
    finally:
        _HEARTBEAT_SECONDS.reset(token)


def heartbeat_event_template(context: FlowRunContext) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The resource and related resources of the flow run's heartbeat event, as Prefect's engine builds them
    (so that automations watching Prefect's heartbeats, such as one that marks a silent run crashed, see ours)."""
    run = context.flow_run
    resource = {"prefect.resource.id": f"prefect.flow-run.{run.id}", "prefect.resource.name": run.name or "",
                "prefect.version": prefect.__version__}
    related = []
    if run.flow_id:
        related.append({"prefect.resource.id": f"prefect.flow.{run.flow_id}", "prefect.resource.role": "flow",
                        "prefect.resource.name": context.flow.name if context.flow else ""})
    if run.deployment_id:
        related.append({"prefect.resource.id": f"prefect.deployment.{run.deployment_id}",
                        "prefect.resource.role": "deployment"})
    related += [dict(tag.root) for tag in tags_as_related_resources(set(run.tags or []))]
    return resource, related


@contextlib.contextmanager
def flow_run_heartbeats():
    """In a flow run started inside `heartbeats_sent_by_the_flow`: the run's heartbeat event, at once and then
    every interval, from a daemon thread that ends as soon as the block does (it waits on an Event, so nothing
    joins it); elsewhere nothing. Yields the thread, or None."""
    seconds, context = _HEARTBEAT_SECONDS.get(), FlowRunContext.get()
    if seconds is None or context is None or context.flow_run is None:
        yield None
        return
    resource, related = heartbeat_event_template(context)
    stop = threading.Event()

    def send() -> None:
        while not stop.is_set():
            try:
                emit_event(event="prefect.flow-run.heartbeat", resource=resource, related=related)
            except Exception:  # as Prefect's engine: a missed heartbeat must not fail the run
                logging.getLogger(__name__).debug("failed to emit a heartbeat", exc_info=True)
            stop.wait(seconds)

    # The copied context carries Prefect's settings (the server's address) into the thread.
    thread = threading.Thread(target=contextvars.copy_context().run, args=(send,), name="flow-run-heartbeats",
                              daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        stop.set()


def early_cluster(runner: str, dask_address: str | None, n_inputs: int,
                  early_server: TemporaryServer | None) -> LocalDaskCluster | None:
    """The local Dask cluster of a run on the dask runner without --dask-address, started now (it starts
    while the server does, see flows.dask_cluster); its workers report to the run's server."""
    if not starts_local_cluster(runner, dask_address, n_inputs):
        return None
    environment = {"PREFECT_API_URL": early_server.api_url} if _serves_this_run(early_server) else {}
    return LocalDaskCluster(workers=os.cpu_count() or 1, environment=environment)


def run_build(input_dir: Path, output_dir: Path, show_tracebacks: bool = False, runner: str = "auto",
              dask_address: str | None = None, strict: bool = False,
              early_server: TemporaryServer | None = None, n_inputs: int | None = None) -> Path:
    """Run `build-release` as the CLI does: Prefect logging set up, tracebacks hidden unless asked, on
    `early_server` when given (see `on_server`), a local Dask cluster started before the flow (see
    `early_cluster`), heartbeats sent by the flow itself (see `heartbeats_sent_by_the_flow`). `auto` picks the runner by the number of files to prepare (an incremental run
    over a large corpus has few), not by the size of the corpus; `n_inputs`: that number as the
    caller counted it (`flows.runners.files_to_prepare`), counted here when None. The flow reads the
    files itself: it is also what a deployment runs, with nothing before it."""
    _set_up_logging(show_tracebacks)
    if n_inputs is None:
        n_inputs = files_to_prepare(input_dir, output_dir) if runner == "auto" else 0
    cluster = early_cluster(runner, dask_address, n_inputs, early_server)
    try:
        with on_server(early_server), heartbeats_sent_by_the_flow():
            address = cluster.address if cluster is not None else dask_address
            flow_ = build_release.with_options(task_runner=task_runner(runner, address, n_inputs))
            return flow_(input_dir=str(input_dir), output_dir=str(output_dir), strict=strict)
    finally:
        if cluster is not None:
            cluster.close()


SERVE_DEPLOYMENT = "vndiplo-serve"


def serve(cron: str, timezone: str, input_dir: Path, output_dir: Path, show_tracebacks: bool = False) -> None:
    """Serve `build-release` on a cron schedule from this process until interrupted (needs a Prefect server:
    the ephemeral one logs "Cannot schedule flows on an ephemeral server" and never runs the flow)."""
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.schedules import Cron

    if not PREFECT_API_URL.value():  # from the environment or the active profile
        raise RuntimeError("vndiplo serve needs a Prefect server: start one with `prefect server start` and "
                           "set PREFECT_API_URL=http://127.0.0.1:4200/api (the ephemeral mode cannot schedule runs)")
    try:  # a malformed expression fails here, in one line, before anything is registered
        CronSchedule(cron=cron, timezone=timezone)
    except ValueError:
        raise ValueError(f"not a valid cron expression: {cron!r}") from None
    _set_up_logging(show_tracebacks)
    build_release.serve(name=SERVE_DEPLOYMENT, schedules=[Cron(cron, timezone=timezone)],
                        parameters={"input_dir": str(input_dir.resolve()), "output_dir": str(output_dir.resolve())})
