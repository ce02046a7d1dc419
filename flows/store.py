"""The documents and blocks of a run on disk, so that the flow's process never holds the corpus.

A prepare task writes its batch's documents and blocks as one *part* of a run folder under
`OUTPUT/work/` (`DocumentStore`) and returns its documents without their text. The flow then reads
back only what a step needs: the rows of the documents it annotates and extracts
(`DocumentStore.rows`), and, to publish, every kept document and block, and the mentions and
statements the extraction tasks left in the run folder, in *chunks* of whole documents in doc_id
order (`StoredDocuments.chunks`).

What it guarantees:
- `StoredDocuments` gives the rows that linking in memory gives (`flows.stages.prepare.link_batches`):
  the kept files' documents, with their link columns, and blocks, sorted by doc_id (and
  block_index), and the mentions and statements in their tables' key order; `FrameDocuments` cuts
  tables held in memory into the same chunks (and `WithHeldRows` per-document tables held beside
  stored ones), so publishing and `vndiplo validate` have one code path for all;
- a chunk holds the documents of one doc_id range, `[lower, upper)` (open at both ends of the key
  space), and every row of the tables it is cut from falls in exactly one chunk;
- memory: the index (every document column but `text`) and one chunk at a time; sorting the rows
  into chunks reads one slice of a part at a time (`SLICE_ROWS`);
- a part's files are written to temporary names and renamed, the documents file last, and a part
  without it is ignored; a run's folder is removed when its run ends (`run_folder`), and folders of
  runs whose process is gone at the start of the next one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.ipc
import pyarrow.parquet

from flows.cache import replace_into
from flows.release import pid_alive, sort_table

# Documents per chunk: 1,000 real articles are about 10 MB of text in documents and blocks (about
# 10 KB per article, measured on the baomoi corpus). Publishing 10,000 articles in-process, on
# 2026-12-02, peaked 195, 175 and 115 MB above its start with chunks of 2,000, 1,000 and 500
# documents and took 3.2, 3.7 and 5.4 s (pandera has a fixed cost per validated frame).
CHUNK_DOCUMENTS = 1_000
# Rows per slice when sorting a part's rows into chunks, and per row group of a part streamed from
# the prepare cache: a part is one prepare batch (250 files, about 1,000 blocks) or the cached rows
# of a whole corpus. Parquet is read a row group at a time, so a corpus-sized part written in
# polars' default row groups (measured on the 31,806 baomoi files, 2026-12-02: one group of 31,804
# documents, 140 MiB uncompressed, and one of 82,560 blocks) made publishing's sort into chunks
# peak 372 MiB above its start, in-process; 172 MiB with row groups of this size. 4,096 rows are
# about 18 MB of documents (4.4 KB each) or 4.5 MB of blocks (1.1 KB each).
SLICE_ROWS = 4_096
# Document columns left on disk: the index keeps everything else.
TEXT_COLUMNS = ("text",)
# The column of the flow's index that names the part a document's rows are stored in (not stored
# itself, never published).
PART_COLUMN = "store_part"
TABLES = ("blocks", "documents")  # write order: the documents file marks a whole part


def part_name(documents: pl.DataFrame) -> str:
    """A part's name from its files: the same batch always writes the same part."""
    files = sorted(documents["source_file"].to_list())
    return hashlib.sha256("\n".join(files).encode("utf-8")).hexdigest()[:32]


def _writer(frame: pl.DataFrame | pl.LazyFrame):
    """The function that writes `frame` to a path given to it: a lazy frame is streamed to disk in row
    groups of `SLICE_ROWS`, never collected."""
    if isinstance(frame, pl.LazyFrame):
        return functools.partial(frame.sink_parquet, row_group_size=SLICE_ROWS)
    return frame.write_parquet


@dataclass(frozen=True)
class DocumentStore:
    """Parts of prepared documents and blocks under `folder` (`<part>.blocks.parquet`,
    `<part>.documents.parquet`), with their bookkeeping columns (`source_file` on blocks).

    only: the names of the parts this store reads (`restricted_to`); None: every part of `folder`."""

    folder: Path
    only: tuple[str, ...] | None = None

    def write_part(self, documents: pl.DataFrame, blocks: pl.DataFrame) -> str:
        """Store one batch's rows (any batch: a part's name comes from its files); returns the part's name."""
        name = part_name(documents)
        self._write(name, {"documents": documents.write_parquet, "blocks": blocks.write_parquet})
        return name

    def restricted_to(self, parts: list[str]) -> DocumentStore:
        """The same folder, reading only `parts`: a task that knows where its documents are stored
        reads those files and not every part of the run."""
        return DocumentStore(self.folder, tuple(sorted(set(parts))))

    def write_lazy_part(self, name: str, documents: pl.LazyFrame, blocks: pl.LazyFrame) -> None:
        """Store rows computed lazily (cached rows of many files), streamed to disk, never collected."""
        self._write(name, {"documents": _writer(documents), "blocks": _writer(blocks)})

    def _write(self, name: str, writers: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for table in TABLES:  # the documents file last: it marks a whole part
            replace_into(self.folder / f"{name}.{table}.parquet", writers[table])

    def write_results(self, kind: str, name: str, frames: dict[str, pl.DataFrame | pl.LazyFrame]) -> None:
        """A task's result tables, kept in the run folder (`<kind>/<name>.<table>.parquet`, each written to a
        temporary name and renamed) instead of returned through the task runner: the flow then reads
        every task's rows in one scan (`result_files`), and holds no copy per task. Lazy frames are
        streamed to disk, never collected."""
        folder = self.folder / kind
        folder.mkdir(parents=True, exist_ok=True)
        for table, frame in frames.items():
            replace_into(folder / f"{name}.{table}.parquet", _writer(frame))

    def delete_results(self, kind: str, name: str) -> None:
        for path in (self.folder / kind).glob(f"{name}.*.parquet"):
            path.unlink(missing_ok=True)

    def result_files(self, kind: str, table: str) -> list[Path]:
        """The files of `table` that tasks wrote with `write_results(kind, ...)`, in name order."""
        folder = self.folder / kind
        return sorted(folder.glob(f"*.{table}.parquet")) if folder.is_dir() else []

    def scan_part(self, name: str, table: str) -> pl.LazyFrame:
        return pl.scan_parquet(self.folder / f"{name}.{table}.parquet")

    def delete_part(self, name: str) -> None:
        for table in reversed(TABLES):  # the marker first: a half-deleted part is ignored
            (self.folder / f"{name}.{table}.parquet").unlink(missing_ok=True)

    def parts(self) -> list[str]:
        marker = ".documents.parquet"
        names = sorted(p.name.removesuffix(marker) for p in self.folder.glob(f"*{marker}")) if self.folder.is_dir() else []
        return names if self.only is None else [name for name in names if name in self.only]

    def files(self, table: str) -> list[Path]:
        return [self.folder / f"{name}.{table}.parquet" for name in self.parts()]

    def scan(self, table: str) -> pl.LazyFrame:
        files = self.files(table)
        if not files:
            raise FileNotFoundError(f"no stored {table} under {self.folder}")
        return pl.scan_parquet(files)

    def schema(self, table: str) -> pl.Schema:
        return self.scan(table).collect_schema()

    def rows(self, table: str, kept: pl.DataFrame, columns: tuple[str, ...] | None = None) -> pl.DataFrame:
        """The rows of the documents of `kept` (doc_id and source_file: a file set aside as a repeat
        shares its doc_id with the file kept), sorted by doc_id (and block_index); only `columns`
        (which must hold the sort keys) are read when given."""
        wanted = kept.select("doc_id", "source_file")
        rows = (self.scan(table).filter(pl.col("doc_id").is_in(wanted["doc_id"].implode()))
                .join(wanted.lazy(), on=["doc_id", "source_file"], how="semi"))
        rows = (rows if columns is None else rows.select(columns)).collect(engine="streaming")
        return rows.sort("doc_id", "block_index") if table == "blocks" else rows.sort("doc_id")


# ---------------------------------------------------------------- chunks of whole documents


@dataclass(frozen=True)
class Chunk:
    """The documents of doc_ids in [lower, upper) (None: open), their blocks and, when the tables cut
    into chunks include them, their mentions and statements, each in key order."""

    lower: str | None
    upper: str | None
    documents: pl.DataFrame
    blocks: pl.DataFrame
    mentions: pl.DataFrame | None = None
    statements: pl.DataFrame | None = None

    def tables(self) -> dict[str, pl.DataFrame]:
        """The chunk's rows by table name, in `CHUNKED_TABLES` order."""
        return _by_name(self.documents, self.blocks, self.mentions, self.statements)


# The release tables that can be cut into chunks of whole documents: each has a doc_id and its key starts
# with it. Documents and blocks always are; the `ROW_TABLES` when their rows are given in files
# (`DocumentRows`) or frames: the mentions (160,881 rows at 31,806 articles, which polars read and sorted in
# about 107 MiB, measured) and the statements (16,970 rows, 10 MiB as a frame, most of it their sentences
# and content, and the flow's process grew by 27-41 MiB reading them; measured 2026-12-07).
CHUNKED_TABLES = ("documents", "blocks", "mentions", "statements")
ROW_TABLES = CHUNKED_TABLES[2:]


def _by_name(*frames: pl.DataFrame | None) -> dict[str, pl.DataFrame]:
    return {name: frame for name, frame in zip(CHUNKED_TABLES, frames) if frame is not None}


@dataclass(frozen=True)
class DocumentRows:
    """The rows of a per-document table kept in files (none when there are no rows), and its `schema`."""

    files: tuple[Path, ...]
    schema: pl.Schema


def chunk_bounds(doc_ids: pl.Series, chunk_documents: int) -> list[str]:
    """The doc_ids where chunks start (after the first): every `chunk_documents`-th distinct doc_id."""
    distinct = doc_ids.drop_nulls().unique().sort()
    return distinct.gather(list(range(chunk_documents, distinct.len(), chunk_documents))).to_list()


def without_text(documents: pl.DataFrame) -> pl.DataFrame:
    """Documents without their text columns: what the flow keeps of stored documents."""
    return documents.drop(*TEXT_COLUMNS, strict=False)


def _search(bounds: list[str], doc_ids: pl.Series) -> pl.Series:
    """The chunk number of each doc_id (a null one goes to the first chunk)."""
    found = pl.Series(bounds, dtype=pl.String).search_sorted(doc_ids.fill_null(""), side="right")
    return found.cast(pl.UInt32)


def doc_range(lower: str | None, upper: str | None) -> pl.Expr:
    """Rows whose doc_id is in [lower, upper) (None: open); the first range also holds null doc_ids."""
    inside = pl.lit(True) if lower is None else pl.col("doc_id") >= lower
    if upper is not None:
        inside = inside & (pl.col("doc_id") < upper)
    return inside | pl.col("doc_id").is_null() if lower is None else inside


def _ranges(bounds: list[str]) -> list[tuple[str | None, str | None]]:
    edges: list[str | None] = [None, *bounds, None]
    return list(zip(edges[:-1], edges[1:]))


@dataclass
class FrameDocuments:
    """The documents and blocks tables (and the mentions and statements, when given) held in memory, cut
    into chunks like `StoredDocuments`."""

    documents: pl.DataFrame
    blocks: pl.DataFrame
    chunk_documents: int = CHUNK_DOCUMENTS
    mentions: pl.DataFrame | None = None
    statements: pl.DataFrame | None = None

    @property
    def index(self) -> pl.DataFrame:
        return self.documents

    def _frames(self) -> dict[str, pl.DataFrame]:
        return _by_name(self.documents, self.blocks, self.mentions, self.statements)

    @property
    def names(self) -> tuple[str, ...]:
        """The tables cut into chunks."""
        return tuple(self._frames())

    def schemas(self) -> dict[str, pl.Schema]:
        return {name: frame.schema for name, frame in self._frames().items()}

    def heights(self) -> dict[str, int]:
        return {name: frame.height for name, frame in self._frames().items()}

    def scan_blocks(self) -> pl.LazyFrame:
        """The blocks, unsorted, as a lazy frame (as `StoredDocuments.scan_blocks`)."""
        return self.blocks.lazy()

    def chunks(self) -> Iterator[Chunk]:
        frames = self._frames()
        if any("doc_id" not in frame.columns for frame in frames.values()):
            yield Chunk(None, None, **frames)  # no key to cut by: one chunk
            return
        bounds = chunk_bounds(self.documents["doc_id"], self.chunk_documents)
        parts = {table: frame.with_columns(_search(bounds, frame["doc_id"]).alias("_chunk"))
                 .partition_by("_chunk", as_dict=True, include_key=False)
                 for table, frame in frames.items()}
        for number, (lower, upper) in enumerate(_ranges(bounds)):
            yield Chunk(lower, upper, **{table: sort_table(table, parts[table].get((number,), frame.clear()))
                                         for table, frame in frames.items()})


@dataclass(frozen=True)
class WithHeldRows:
    """`documents` (`FrameDocuments` or `StoredDocuments`) and per-document tables held in memory (`held`,
    of `ROW_TABLES`) that `documents` does not have, cut into the same chunks."""

    documents: FrameDocuments | StoredDocuments
    held: dict[str, pl.DataFrame]

    @property
    def index(self) -> pl.DataFrame:
        return self.documents.index

    @property
    def names(self) -> tuple[str, ...]:
        """The tables cut into chunks."""
        return tuple(name for name in CHUNKED_TABLES if name in self.documents.names or name in self.held)

    def schemas(self) -> dict[str, pl.Schema]:
        return self.documents.schemas() | {name: frame.schema for name, frame in self.held.items()}

    def heights(self) -> dict[str, int]:
        return self.documents.heights() | {name: frame.height for name, frame in self.held.items()}

    def scan_blocks(self) -> pl.LazyFrame:
        return self.documents.scan_blocks()

    def chunks(self) -> Iterator[Chunk]:
        for number, chunk in enumerate(self.documents.chunks()):
            rows = {name: (sort_table(name, frame.filter(doc_range(chunk.lower, chunk.upper)))
                           if "doc_id" in frame.columns else frame if number == 0 else frame.clear())
                    for name, frame in self.held.items()}  # no key to cut by: all in the first chunk
            yield dataclasses.replace(chunk, **rows)


@dataclass
class StoredDocuments:
    """The documents and blocks of a release: `index` (the linked documents without `text`, sorted
    by doc_id) in memory, texts and blocks in `store`; and, when given, the release's mentions and
    statements, in files.

    columns: the documents table's columns, in order (those of `index` with `text`)."""

    store: DocumentStore
    index: pl.DataFrame
    columns: list[str]
    chunk_documents: int = CHUNK_DOCUMENTS
    mentions: DocumentRows | None = None
    statements: DocumentRows | None = None
    _sorted: list[dict[str, Path]] = field(default_factory=list, repr=False)
    _blocks_rows: int | None = field(default=None, repr=False)

    def _row_tables(self) -> dict[str, DocumentRows]:
        return {name: rows for name in ROW_TABLES if (rows := getattr(self, name)) is not None}

    @property
    def names(self) -> tuple[str, ...]:
        """The tables cut into chunks."""
        return ("documents", "blocks", *self._row_tables())

    def schemas(self) -> dict[str, pl.Schema]:
        schemas = {"documents": self.documents_schema, "blocks": self.blocks_schema}
        return schemas | {name: rows.schema for name, rows in self._row_tables().items()}

    def heights(self) -> dict[str, int]:
        heights = {"documents": self.index.height, "blocks": self.blocks_rows}
        for name, rows in self._row_tables().items():
            heights[name] = pl.scan_parquet(list(rows.files)).select(pl.len()).collect().item() if rows.files else 0
        return heights

    @property
    def documents_schema(self) -> pl.Schema:
        stored = self.store.schema("documents")
        return pl.Schema({name: self.index.schema.get(name) or stored[name] for name in self.columns})

    @property
    def blocks_schema(self) -> pl.Schema:
        stored = self.store.schema("blocks")
        return pl.Schema({name: dtype for name, dtype in stored.items() if name != "source_file"})

    @property
    def blocks_rows(self) -> int:
        if self._blocks_rows is None:
            self._blocks_rows = self.scan_blocks().select(pl.len()).collect(engine="streaming").item()
        return self._blocks_rows

    def scan_blocks(self) -> pl.LazyFrame:
        """The release's blocks (those of the index's documents, with the stored `source_file`), unsorted,
        read lazily: a count over a few columns reads those columns only, not the chunks."""
        return self.store.scan("blocks").join(self._kept().lazy(), on=["doc_id", "source_file"], how="semi")

    def rows(self, doc_ids: list[str]) -> pl.DataFrame:
        """The whole rows (with their text) of the documents `doc_ids`, sorted by doc_id."""
        index = self.index.filter(pl.col("doc_id").is_in(doc_ids))
        texts = self.store.rows("documents", index).select("doc_id", "source_file", *TEXT_COLUMNS)
        return index.join(texts, on=["doc_id", "source_file"], how="left", maintain_order="left").select(self.columns)

    def _kept(self) -> pl.DataFrame:
        return self.index.select("doc_id", "source_file")

    def chunks(self) -> Iterator[Chunk]:
        bounds = chunk_bounds(self.index["doc_id"], self.chunk_documents)
        if not self._sorted:
            self._sort_into_chunks(bounds)
        kept = self._kept()
        for (lower, upper), files in zip(_ranges(bounds), self._sorted):
            texts, blocks = (pl.from_arrow(pa.ipc.open_file(files[table]).read_all()) for table in ("documents", "blocks"))
            index = self.index.filter(doc_range(lower, upper))
            documents = index.join(texts.select("doc_id", "source_file", *TEXT_COLUMNS),
                                   on=["doc_id", "source_file"], how="left", maintain_order="left")
            blocks = sort_table("blocks", blocks.join(kept, on=["doc_id", "source_file"], how="semi")
                                .drop("source_file"))
            rows = {name: sort_table(name, pl.from_arrow(pa.ipc.open_file(files[name]).read_all()))
                    for name in self._row_tables()}
            yield Chunk(lower, upper, documents.select(self.columns), blocks, **rows)

    def _sort_into_chunks(self, bounds: list[str]) -> None:
        """One pass over each table's files: each slice's rows appended to the chunk file of their doc_id."""
        folder = Path(tempfile.mkdtemp(prefix="chunks-", dir=self.store.folder))
        self._sorted = [{table: folder / f"{n:05d}.{table}.arrow" for table in self.names}
                        for n in range(len(bounds) + 1)]
        for table in self.names:
            columns = ["doc_id", "source_file", *TEXT_COLUMNS] if table == "documents" else None
            if table in ROW_TABLES:
                rows = getattr(self, table)
                files, columns = list(rows.files), list(rows.schema)
                schema = pl.DataFrame(schema=rows.schema).to_arrow().schema
            else:
                files = self.store.files(table)
                schema = _arrow_schema(self.store.scan(table).select(columns) if columns else self.store.scan(table))
            with contextlib.ExitStack() as stack:
                writers = [stack.enter_context(pa.ipc.new_file(str(paths[table]), schema)) for paths in self._sorted]
                for rows in _slices(files, columns, schema):
                    for (number,), part in rows.with_columns(_search(bounds, rows["doc_id"]).alias("_chunk")) \
                            .partition_by("_chunk", as_dict=True, include_key=False).items():
                        writers[number].write_table(part.to_arrow().cast(schema))


def _slices(files: list[Path], columns: list[str] | None, schema: pa.Schema) -> Iterator[pl.DataFrame]:
    """The rows of `files` (`columns` of them, cast to `schema`) in frames of `SLICE_ROWS` rows (the last one
    smaller), read one record batch at a time. Small files are gathered into one slice: each slice is cut
    into every chunk, and the 140 mention files of 31,806 articles (about 1,150 rows each) cut one by one
    made 4,480 writes of a few rows."""
    pending: list[pa.Table] = []
    count = 0
    for path in files:
        for batch in pa.parquet.ParquetFile(path).iter_batches(batch_size=SLICE_ROWS, columns=columns):
            pending.append(pa.Table.from_batches([batch]).cast(schema))
            count += batch.num_rows
            if count >= SLICE_ROWS:
                rows = pa.concat_tables(pending)
                pending, count = [rows.slice(SLICE_ROWS)] if rows.num_rows > SLICE_ROWS else [], rows.num_rows - SLICE_ROWS
                yield pl.from_arrow(rows.slice(0, SLICE_ROWS))
    if count:
        yield pl.from_arrow(pa.concat_tables(pending))


def _arrow_schema(frame: pl.LazyFrame) -> pa.Schema:
    return frame.head(0).collect().to_arrow().schema


# ---------------------------------------------------------------- run folders


@contextlib.contextmanager
def run_folder(output_dir: Path) -> Iterator[DocumentStore]:
    """A store for one run under `output_dir/work/`, removed when the block ends. Folders left by
    runs whose process is gone (killed) are removed first."""
    work = Path(output_dir).resolve() / "work"
    work.mkdir(parents=True, exist_ok=True)
    for stale in work.glob("run-*"):
        pid = stale.name.split("-")[1]
        if stale.is_dir() and pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"run-{os.getpid()}-", dir=work))
    try:
        yield DocumentStore(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):  # another run's folder may still be there
            work.rmdir()


