"""Prepare: input files to documents and blocks, as batches of files, then across batches.

`prepare_batch` runs the per-document stages on one batch of files: ingest (parse, reject bad
files), clean, in-document dedup (repeated blocks, cleaned text, header fields) and relevance.
`link_batches` then does what needs every document at once: repeated files across batches become
`duplicate` rejects, and near-copies of a story are linked to its canonical article.

What it guarantees:
- the rows `prepare_batch` gives for a file depend on that file alone (its path, its bytes, the
  reference data and the stage configs); a file that repeats another of its batch is only listed
  in `repeats`. So a batch can run on any worker, in any grouping, and a file's rows can be cached
  and reused (`flows.cache.PreparedCache`);
- `link_batches(combine(parts))` gives the same documents, blocks and rejects however the files
  were split into batches, equal to one batch of all files (tested): ingest, clean and dedup of
  the whole corpus at once, plus relevance on every document;
- nothing is dropped silently: every file is a document or a reject row with its reason, and
  every block stays in `blocks` with `kept` and `reason`.

The batch frames carry bookkeeping columns that `link_batches` removes: `source_file` on blocks,
`ingest.SOURCE_COLUMNS` on documents (bytes digest and size, for the rejects of repeated files).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from flows.reference import Reference
from flows.stages import clean, dedup, ingest, relevance


TABLES = ("documents", "blocks", "rejects", "repeats")


@dataclass
class Prepared:
    """Documents (with relevance), blocks and rejects of some input files, before cross-batch
    linking; `repeats`: the files of a batch that repeat another file of the batch
    (`ingest.REPEAT_KEY_COLUMNS` only: they are not prepared, and `link_batches` writes their
    rejects once it sees every file). After `link_batches`, `repeats` is empty."""

    documents: pl.DataFrame
    blocks: pl.DataFrame
    rejects: pl.DataFrame
    repeats: pl.DataFrame


def no_repeats() -> pl.DataFrame:
    """An empty `repeats` frame."""
    return pl.DataFrame(schema={name: (ingest.DOCUMENT_COLUMNS | ingest.SOURCE_COLUMNS)[name]
                                for name in ingest.REPEAT_KEY_COLUMNS})


def _untimed(_name: str, function: Callable, *args):
    return function(*args)


def prepare_batch(sources: list[ingest.SourceFile], reference: Reference, timer: Callable = _untimed) -> Prepared:
    """One batch of files through ingest, clean, in-document dedup and relevance.

    timer: called as `timer(stage_name, function, *args)` around each stage (for benchmarks)."""
    def parse():
        parsed = ingest.parse_each(sources, reference)
        # clean and dedup work per doc_id: a batch must not hold two files of one doc_id.
        documents, blocks, repeat_rejects = ingest.set_aside_repeats(parsed.documents, parsed.blocks)
        repeats = (parsed.documents.join(repeat_rejects.select("source_file"), on="source_file", how="semi")
                   .select(ingest.REPEAT_KEY_COLUMNS))
        return documents, blocks, parsed.rejects, repeats

    documents, blocks, rejects, repeats = timer("ingest", parse)
    blocks = timer("clean", clean.clean_blocks, blocks, reference)
    documents, blocks = timer("dedup", dedup.dedup_within_documents, documents, blocks, reference)
    documents = timer("relevance", relevance.classify_documents, documents, blocks, reference)
    blocks = blocks.join(documents.select("doc_id", "source_file"), on="doc_id", how="left")
    return Prepared(documents, blocks, rejects, repeats)


def combine(parts: list[Prepared]) -> Prepared:
    """The batches as one Prepared (rows of every batch, in batch order)."""
    return Prepared(*(pl.concat([getattr(p, name) for p in parts], how="vertical") for name in TABLES))


def link_batches(prepared: Prepared, timer: Callable = _untimed, stored_blocks: pl.LazyFrame | None = None
                 ) -> Prepared:
    """Reject files repeated anywhere in the corpus and link near-copies of a story to its
    canonical article: the final documents (sorted by doc_id), blocks (by doc_id, block_index)
    and rejects (by source_file), without bookkeeping columns.

    stored_blocks: the batches' blocks, when `prepared` holds none (a scan of a `flows.store.DocumentStore`,
    whose documents need not carry their text): only the blocks of documents that may be near-copies
    are read, and the result holds no blocks either."""
    candidates = pl.concat([prepared.documents.select(ingest.REPEAT_KEY_COLUMNS), prepared.repeats], how="vertical")
    blocks = prepared.blocks if stored_blocks is None else stored_blocks
    documents, blocks, repeats = ingest.set_aside_repeats(prepared.documents, blocks, candidates)
    documents = documents.drop(*ingest.SOURCE_COLUMNS)
    if stored_blocks is None:
        blocks = blocks.drop("source_file").sort("doc_id", "block_index")
    documents = timer("dedup_across", dedup.link_duplicate_documents, documents, blocks)
    rejects = pl.concat([prepared.rejects, repeats], how="vertical").sort("source_file")
    kept_blocks = prepared.blocks.clear().drop("source_file", strict=False) if stored_blocks is not None else blocks
    return Prepared(documents, kept_blocks, rejects, prepared.repeats.clear())


def prepare(sources: list[ingest.SourceFile], reference: Reference, timer: Callable = _untimed) -> Prepared:
    """All files as one batch, linked: what the flow's batches and cache add up to."""
    return link_batches(prepare_batch(sources, reference, timer), timer)
