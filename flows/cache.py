"""Per-item result caches on disk: an unchanged file is never prepared twice, an unchanged document
never annotated or extracted twice.

What it guarantees:
- an entry is keyed by the exact input the stage reads for one item (for preparing: the file's
  path and bytes; for annotation: the document's kept blocks and captions with their kinds,
  indices and offsets, see `annotation_inputs`; for extraction: the document's row without its
  text, which its `content_sha256` stands for, its annotation's key and the date horizon) combined
  with `stage_context`: the code fingerprint (our
  sources, schemas, default reference data, underthesea's version), the fingerprint of the
  reference data actually loaded (`reference_digest`), the analyser and the stage config. Keys
  are content hashes only (never mtimes or the clock), so an edited file, a changed stage or an
  edited TSV file gives a new key, and a stale result can never be served (unlike Prefect's
  INPUTS policy, which hashes a path as a string);
- every file is written to a temporary name in its final folder and renamed into place
  (`os.replace`, atomic on POSIX), so a crash leaves either a whole entry or none; an entry that
  cannot be read is treated as missing and recomputed;
- the cache lives under the output folder (`OUTPUT/cache/<stage>/`) and nothing is written
  elsewhere. Each cache keeps about one corpus (each compacts its segments; see their classes).
  Deleting the folder is always safe.

No Prefect import: the flow wires this in, the tests use it directly.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import polars as pl

from flows import fingerprint
from flows.reference import Reference
from flows.stages import clean, dedup, ingest, relevance

# The block columns `flows.stages.annotate.annotate` reads; a change to any of them changes a
# document's annotation, so all of them go into its key.
ANNOTATION_INPUT_COLUMNS = ("doc_id", "block_index", "kind", "kept", "clean_text", "char_start")


def stage_context(stage: str, reference_digest: str, *parts: str) -> str:
    """What every entry of a stage depends on besides the document: code, reference data, options."""
    return fingerprint.combine([stage, fingerprint.code_fingerprint(), reference_digest, *parts])


@functools.lru_cache(maxsize=8)
def reference_digest(reference: Reference) -> str:
    """Fingerprint of the TSV files of a loaded Reference, taken once per Reference object.

    `load_reference` is cached per process too, so the digest describes the data the process
    actually uses even if the files are edited while it runs (it is taken at the first call, right
    after loading; an edit in between is the one window left).
    """
    return fingerprint.tree_fingerprint(Path(reference.folder), ("*.tsv",))


def annotation_rows(blocks: pl.DataFrame, doc_ids: Iterable[str]) -> pl.DataFrame:
    """The block rows annotation reads for `doc_ids` (kept blocks and captions), in its order."""
    return (blocks.filter(pl.col("doc_id").is_in(list(doc_ids))
                          & (pl.col("kept") | (pl.col("kind") == "caption")))
            .select(ANNOTATION_INPUT_COLUMNS)
            .sort("doc_id", "block_index"))


def annotation_inputs(blocks: pl.DataFrame, doc_ids: Iterable[str]) -> dict[str, str]:
    """Content hash of each document's annotation input; a document without such rows still gets one."""
    wanted = sorted(set(doc_ids))
    lines: dict[str, list[str]] = {doc_id: [] for doc_id in wanted}
    for row in annotation_rows(blocks, wanted).iter_rows():
        lines[row[0]].append(json.dumps(row, ensure_ascii=False))
    return {doc_id: fingerprint.combine([doc_id, *rows]) for doc_id, rows in lines.items()}


# The documents' column that holds each document's `annotation_inputs` digest. The flow's prepare
# tasks add it (`with_annotation_digests`), while they hold the blocks, so that the flow's process
# computes annotation and extraction keys from the documents' index alone.
ANNOTATION_DIGEST = "annotation_input_digest"


def with_annotation_digests(documents: pl.DataFrame, blocks: pl.DataFrame) -> pl.DataFrame:
    """`documents` with `ANNOTATION_DIGEST`: the digest of their annotation input for those that may go on
    to annotation (`relevance.may_be_annotated`), null for the others (no annotation, nothing to key)."""
    digests = annotation_inputs(blocks, relevance.may_be_annotated(documents)["doc_id"])
    return documents.with_columns(pl.col("doc_id").replace_strict(digests, default=None, return_dtype=pl.String)
                                  .alias(ANNOTATION_DIGEST))


@dataclass(frozen=True)
class Segments:
    """Sets of rows stored together under `folder`: one Parquet file per table and segment, each row
    with the `cache_key` of its entry. Files are written in `tables` order and the last one marks a
    whole segment (a segment without it is ignored); `owners` are the tables whose keys list the
    segment's entries. A key stored in two segments (two runs that wrote the same entry at once) is
    read from the first in name order only."""

    folder: Path
    tables: tuple[str, ...]
    owners: tuple[str, ...]

    def names(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        marker = f".{self.tables[-1]}.parquet"
        return sorted(p.name.removesuffix(marker) for p in self.folder.glob(f"*{marker}"))

    def scan(self, keys: Iterable[str]) -> dict[str, pl.LazyFrame] | None:
        """{table: rows whose cache_key is one of `keys`}, or None when there is no segment, lazily: only
        the owners' key columns are read now (to pick each key's segment); the rows are read when the
        frames are collected or sunk, which may raise OSError or PolarsError (callers then recompute
        everything rather than serve part of it)."""
        found = self.scan_with_keys(keys)
        return None if found is None else found[0]

    def scan_with_keys(self, keys: Iterable[str]) -> tuple[dict[str, pl.LazyFrame], set[str]] | None:
        """(`scan`, the keys of `keys` that have an entry), or None when there is no segment."""
        segments, wanted = self.names(), pl.Series(sorted(set(keys)), dtype=pl.String)
        if not segments:
            return None

        def rows(table: str) -> pl.LazyFrame:
            return (pl.scan_parquet([self.folder / f"{s}.{table}.parquet" for s in segments], include_file_paths="_segment")
                    .filter(pl.col("cache_key").is_in(wanted.implode()))
                    .with_columns(pl.col("_segment").str.extract(r"([^/]+)\.\w+\.parquet$")))

        owner = (pl.concat([rows(table).select("cache_key", "_segment") for table in self.owners]).collect()
                 .sort("_segment").unique(subset="cache_key", keep="first"))
        return ({table: rows(table).join(owner.lazy(), on=["cache_key", "_segment"], how="semi", maintain_order="left")
                 .drop("_segment") for table in self.tables}, set(owner["cache_key"]))

    def known(self) -> set[str]:
        """Every key with an entry (reads the owners' key columns only)."""
        keys: set[str] = set()
        try:
            for segment in self.names():
                for table in self.owners:
                    keys |= set(pl.read_parquet(self.folder / f"{segment}.{table}.parquet", columns=["cache_key"])
                                ["cache_key"])
        except (OSError, pl.exceptions.PolarsError):
            return set()
        return keys

    def write(self, name: str, frames: dict[str, pl.DataFrame]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for table in self.tables:
            _write_atomically(frames[table], self.folder / f"{name}.{table}.parquet")

    def delete(self, name: str) -> None:
        for table in reversed(self.tables):  # the marker first: a half-deleted segment is ignored
            (self.folder / f"{name}.{table}.parquet").unlink(missing_ok=True)

    def compact(self, keys: Iterable[str], max_segments: int) -> None:
        """Past `max_segments` segments, rewrite the entries of `keys` into one segment and delete the
        others (entries of items no longer in the corpus go with them). The entries are streamed from
        the old segments to the new one, never held whole (they may be the annotation of a corpus)."""
        names = self.names()
        if len(names) <= max_segments:
            return
        compacted = fingerprint.combine(names)[:32]
        try:
            current = self.scan(keys)
            if current is None:
                return
            for table in self.tables:
                # Streamed into a fresh table file; the old segment of the same name, if any, keeps its
                # files until each is replaced, and the marker table comes last, as in `write`.
                replace_into(self.folder / f"{compacted}.{table}.parquet", current[table].sink_parquet)
        except (OSError, pl.exceptions.PolarsError):
            return  # the segments stay as they are: nothing is lost, the next run compacts
        for segment in (s for s in names if s != compacted):
            self.delete(segment)


@dataclass(frozen=True)
class PreparedCache:
    """The rows `flows.stages.prepare.prepare_batch` gave each input file, kept between runs.

    An entry's key is the file's path and bytes with `context` (`stage_context("prepare", ...)`).
    Entries live in segments under `root/<context>/`: each prepare task writes one segment for its
    batch (documents, blocks, rejects, each with a `cache_key` column; the documents file is written
    last, so a segment without it is ignored). Past `max_segments` segments (a full run of the
    31,806-article corpus writes 128), the entries of the current run's files are rewritten into
    one segment and the others deleted, so the folder stays about the size of one corpus. A file
    listed in a batch's `repeats` (it repeats another file of its batch) is not stored: it is
    prepared again next time, which costs little.
    """

    root: Path
    context: str
    max_segments: int = 512

    TABLES = ("blocks", "rejects", "documents")  # in write order: documents marks a whole segment

    @property
    def folder(self) -> Path:
        return self.root / self.context[:32]

    @property
    def segments(self) -> Segments:
        return Segments(self.folder, self.TABLES, owners=("documents", "rejects"))

    def keys(self, refs: pl.DataFrame) -> dict[str, str]:
        """{path: key} of the files of `refs` (as `ingest.read_refs` gives them) that were read (a file not
        read has nothing to cache)."""
        return keys_by_path(self.with_keys(refs))

    def with_keys(self, refs: pl.DataFrame) -> pl.DataFrame:
        """`refs` with each file's key in a `cache_key` column (null for a file not read)."""
        keys = [fingerprint.combine([self.context, path, digest]) if reason is None else None
                for path, digest, reason in refs.select("path", "digest", "reject_reason").iter_rows()]
        return refs.with_columns(cache_key=pl.Series(keys, dtype=pl.String))

    def known(self, keys: dict[str, str]) -> set[str]:
        """The paths of `keys` that have an entry (reads the key columns only)."""
        stored = self.segments.known()
        return {path for path, key in keys.items() if key in stored}

    def load(self, keys: dict[str, str]):
        """(a Prepared of the cached files or None, the set of their paths); `keys` from `keys()`."""
        from flows.stages.prepare import Prepared, no_repeats

        frames, found = collected(*self.scan(keys))
        if frames is None:
            return None, set()
        return Prepared(frames["documents"], frames["blocks"], frames["rejects"], no_repeats()), found

    def scan(self, keys: dict[str, str]) -> tuple[dict[str, pl.LazyFrame] | None, set[str]]:
        """`load`, lazily: ({table: the cached rows of `keys`' files, without cache_key} or None, the
        set of their paths). The rows are read when the frames are collected or sunk (which may raise
        OSError or PolarsError: then nothing is cached, as for an unreadable segment)."""
        return scan_entries(self.segments, keys, self.TABLES)

    def store(self, prepared, keys: dict[str, str]) -> None:
        """Store freshly prepared files (a Prepared of some of `keys`' files) as a new segment. Each
        prepare task stores its own batch, on whichever worker ran it, so the flow's process never
        holds an encoded copy of the corpus; `compact` keeps the number of segments bounded."""
        def keyed(frame: pl.DataFrame) -> pl.DataFrame:
            frame = frame.with_columns(cache_key=pl.col("source_file").replace_strict(keys, default=None,
                                                                                     return_dtype=pl.String))
            # A filter copies every column: only when some rows have no key (files that were not read).
            return frame.filter(pl.col("cache_key").is_not_null()) if frame["cache_key"].null_count() else frame

        frames = {"documents": keyed(prepared.documents), "blocks": keyed(prepared.blocks),
                  "rejects": keyed(prepared.rejects)}
        if frames["documents"].height + frames["rejects"].height == 0:
            return
        name = fingerprint.combine(sorted(set(frames["documents"]["cache_key"]) | set(frames["rejects"]["cache_key"])))
        self.segments.write(name[:32], frames)

    def compact(self, keys: dict[str, str]) -> None:
        """Keep the number of segments bounded (`Segments.compact`) with the entries of `keys`' files."""
        self.segments.compact(keys.values(), self.max_segments)


def keys_by_path(keyed: pl.DataFrame) -> dict[str, str]:
    """{path: cache key} of the rows of `keyed` (`PreparedCache.with_keys`) that have a key."""
    keyed = keyed.filter(pl.col("cache_key").is_not_null())
    return dict(zip(keyed["path"], keyed["cache_key"]))


def scan_entries(segments: Segments, keys: dict[str, str], tables: Iterable[str]
                 ) -> tuple[dict[str, pl.LazyFrame] | None, set[str]]:
    """({table of `tables`: the rows of the entries of `keys` ({item: cache key}), without cache_key} or
    None when there is no segment or one cannot be read; the items of `keys` found), lazily: the rows are
    read when the frames are collected or sunk, which may raise OSError or PolarsError."""
    try:
        scanned = segments.scan_with_keys(keys.values())
    except (OSError, pl.exceptions.PolarsError):
        return None, set()
    if scanned is None:
        return None, set()
    frames, found = scanned
    return ({table: frames[table].drop("cache_key") for table in tables},
            {item for item, key in keys.items() if key in found})


def collected(frames: dict[str, pl.LazyFrame] | None, found: set[str]) -> tuple[dict[str, pl.DataFrame] | None, set[str]]:
    """`scan_entries`' result with its frames collected; (None, set()) when there are none or they cannot be
    read (recompute everything rather than serve part of it)."""
    if frames is None:
        return None, set()
    try:
        return {table: frame.collect() for table, frame in frames.items()}, found
    except (OSError, pl.exceptions.PolarsError):
        return None, set()


def document_of(frame: pl.DataFrame | pl.LazyFrame) -> pl.Expr:
    """The document each row of a per-document table belongs to: its `doc_id`, or for an event read
    from one document (before the tellings of an event are merged) its only source."""
    return pl.col("doc_id") if "doc_id" in frame.collect_schema().names() else pl.col("source_doc_ids").list.first()


@dataclass(frozen=True)
class _DocumentEntries:
    """Per-document entries kept as `Segments` whose last table, `documents`, lists their keys (so a
    document without rows has an entry too); the other tables' rows carry a `doc_id`. Each task stores
    its batch of documents as one segment; past `max_segments` segments the entries of the current
    run's documents are compacted into one."""

    root: Path
    context: str
    max_segments: int = 512

    TABLES: ClassVar[tuple[str, ...]] = ("documents",)

    @classmethod
    def row_tables(cls) -> tuple[str, ...]:
        """The tables of a document's rows: every table but the trailing `documents` list of keys."""
        return cls.TABLES[:-1]

    @property
    def segments(self) -> Segments:
        return Segments(self.root / self.context[:32], self.TABLES, owners=("documents",))

    def load(self, keys: dict[str, str]) -> tuple[dict[str, pl.DataFrame] | None, set[str]]:
        """({row table: the cached rows of `keys`' documents} or None, the doc_ids found)."""
        return collected(*self.scan(keys))

    def scan(self, keys: dict[str, str]) -> tuple[dict[str, pl.LazyFrame] | None, set[str]]:
        """`load`, lazily (`scan_entries`): the rows are read when the frames are collected or sunk."""
        return scan_entries(self.segments, keys, self.row_tables())

    def store(self, frames: dict[str, pl.DataFrame], keys: dict[str, str]) -> None:
        """Store a batch's rows (`frames`: a frame per row table) as the entries of `keys`' documents, one
        segment (nothing for no documents)."""
        if not keys:
            return

        def keyed(frame: pl.DataFrame) -> pl.DataFrame:
            return frame.with_columns(cache_key=document_of(frame).replace_strict(keys, return_dtype=pl.String))

        name = fingerprint.combine(sorted(keys.values()))[:32]
        self.segments.write(name, {**{table: keyed(frames[table]) for table in self.row_tables()},
                                   "documents": pl.DataFrame({"cache_key": sorted(keys.values())},
                                                             schema={"cache_key": pl.String})})

    def compact(self, keys: dict[str, str]) -> None:
        """Keep the number of segments bounded (`Segments.compact`) with the entries of `keys`' documents."""
        self.segments.compact(keys.values(), self.max_segments)


@dataclass(frozen=True)
class AnnotationCache(_DocumentEntries):
    """Each relevant document's sentences and mentions, kept between runs.

    A document's key is its annotation input (`annotation_inputs`) with `context`
    (`stage_context("annotate", ...)`). Each annotation task stores its batch of documents as one
    segment (one per `RunConfig.batch_size` documents annotated); past `max_segments` segments the
    entries of the current run's documents are compacted into one. A run reads them in a few scans
    instead of two files per document.
    """

    TABLES: ClassVar[tuple[str, ...]] = ("sentences", "mentions", "documents")

    def key(self, document_input: str) -> str:
        return fingerprint.combine([self.context, document_input])


@dataclass(frozen=True)
class ExtractionCache(_DocumentEntries):
    """The rows `flows.stages.extract.extract_each` gave each document, kept between runs.

    A document's key is its row of the documents' index (every column of the documents table but its
    text, which the row's `content_sha256` stands for), the cache key of its annotation (which stands
    for the sentences and mentions extraction reads), the date horizon and `context`
    (`stage_context("extract", ...)`). Each extraction task stores its batch of documents as one
    segment; past `max_segments` segments the entries of the current run's documents are compacted
    into one, as in `AnnotationCache`.
    """

    TABLES: ClassVar[tuple[str, ...]] = ("events", "statements", "event_mentions", "mentions", "dropped_events",
                                         "documents")

    def keys(self, index: pl.DataFrame, annotation_keys: dict[str, str], horizon: int) -> dict[str, str]:
        """{doc_id: key} of the documents of `index` (rows without text; all of them must have an
        annotation key)."""
        return {row["doc_id"]: fingerprint.combine([self.context, annotation_keys[row["doc_id"]], str(horizon),
                                                    json.dumps(row, default=str, ensure_ascii=False, sort_keys=True)])
                for row in index.iter_rows(named=True)}


def _write_atomically(frame: pl.DataFrame, path: Path) -> None:
    replace_into(path, frame.write_parquet)


def replace_into(path: Path, write) -> None:
    """`write(temporary path)` in `path`'s folder, then renamed onto `path` (atomic on POSIX): a crash
    leaves the old file or the new one, never half of one."""
    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        write(tmp_name)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def prepared_cache(output: Path, reference: Reference) -> PreparedCache:
    """The cache of prepared files under OUTPUT/cache/prepare, for this code, reference data and configs."""
    configs = (ingest.IngestConfig(), clean.CleanConfig(), dedup.DedupConfig(), relevance.RelevanceConfig())
    return PreparedCache(output / "cache" / "prepare",
                         stage_context("prepare", reference_digest(reference), *map(repr, configs)))
