"""The document store: a run's documents and blocks on disk give, chunk by chunk, the tables that
linking in memory gives, and a release written from the store equals one written from memory."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys

import polars as pl
import pytest

from flows.stages import dedup, prepare
from flows.stages.publish import write_release
from flows import store as store_module
from flows.release import sort_table
from flows.store import (ROW_TABLES, DocumentRows, DocumentStore, FrameDocuments, StoredDocuments, WithHeldRows,
                         chunk_bounds, run_folder, without_text)


@pytest.fixture(scope="module")
def whole(corpus, reference) -> prepare.Prepared:
    return prepare.prepare(corpus, reference)


def _stored(corpus, reference, folder, batch_size: int = 4, chunk_documents: int = 1_000):
    """The flow's way: each batch written as a part, its index kept, then linked over the stored blocks."""
    store = DocumentStore(folder)
    parts = []
    for i in range(0, len(corpus), batch_size):
        batch = prepare.prepare_batch(corpus[i : i + batch_size], reference)
        store.write_part(batch.documents, batch.blocks)
        parts.append(prepare.Prepared(without_text(batch.documents), batch.blocks.clear(), batch.rejects,
                                      batch.repeats))
    linked = prepare.link_batches(prepare.combine(parts), stored_blocks=store.scan("blocks"))
    columns = dedup.linked_columns([*linked.documents.columns, "text"])
    return StoredDocuments(store, linked.documents, columns, chunk_documents), linked


def test_the_corpus_has_repeated_files_and_a_near_copy(whole):
    copy = whole.documents.filter(pl.col("source_file") == "zz_near_copy.txt")["doc_id"].item()
    assert whole.documents.filter(pl.col("duplicate_of") == copy)["duplicate_reason"].to_list() == ["near_duplicate"]
    assert whole.rejects.filter(pl.col("reason").str.starts_with("duplicate")).height == 2


def test_linking_stored_parts_gives_the_documents_of_linking_in_memory(corpus, reference, whole, tmp_path):
    stored, linked = _stored(corpus, reference, tmp_path)
    assert stored.columns == whole.documents.columns
    assert linked.documents.equals(without_text(whole.documents))
    assert linked.rejects.equals(whole.rejects)
    assert linked.blocks.height == 0


@pytest.mark.parametrize("chunk_documents", [1, 4, 1_000])
def test_stored_chunks_are_the_chunks_of_the_tables_in_memory(corpus, reference, whole, tmp_path, chunk_documents):
    stored, _ = _stored(corpus, reference, tmp_path, chunk_documents=chunk_documents)
    in_memory = FrameDocuments(whole.documents, whole.blocks, chunk_documents)
    chunks, expected = list(stored.chunks()), list(in_memory.chunks())
    assert len(chunks) == len(chunk_bounds(whole.documents["doc_id"], chunk_documents)) + 1 == len(expected)
    for chunk, other in zip(chunks, expected):
        assert (chunk.lower, chunk.upper) == (other.lower, other.upper)
        assert chunk.documents.equals(other.documents) and chunk.blocks.equals(other.blocks)
    assert list(stored.chunks())[0].documents.equals(chunks[0].documents)  # a second pass reads the same
    assert (stored.documents_schema, stored.blocks_schema, stored.blocks_rows) == (
        whole.documents.schema, whole.blocks.schema, whole.blocks.height)


@pytest.mark.parametrize("batch_size", [1, 4])
def test_the_blocks_scanned_are_the_release_blocks_not_those_of_files_set_aside(corpus, reference, whole, tmp_path,
                                                                                batch_size):
    stored, _ = _stored(corpus, reference, tmp_path, batch_size=batch_size)
    assert stored.store.scan("blocks").select(pl.len()).collect().item() > whole.blocks.height  # the repeats' too
    scanned = stored.scan_blocks().collect()
    assert sort_table("blocks", scanned.drop("source_file")).equals(whole.blocks)
    assert FrameDocuments(whole.documents, whole.blocks).scan_blocks().collect().equals(whole.blocks)


def test_rows_of_some_documents_are_their_whole_rows(corpus, reference, whole, tmp_path):
    stored, linked = _stored(corpus, reference, tmp_path)
    wanted = sorted(whole.documents["doc_id"].to_list())[1::3]
    assert stored.rows(wanted).equals(whole.documents.filter(pl.col("doc_id").is_in(wanted)))
    blocks = stored.store.rows("blocks", linked.documents.filter(pl.col("doc_id").is_in(wanted)))
    assert blocks.drop("source_file").equals(whole.blocks.filter(pl.col("doc_id").is_in(wanted)))


def test_a_part_without_its_documents_file_is_not_read(corpus, reference, tmp_path):
    store = DocumentStore(tmp_path)
    batch = prepare.prepare_batch(corpus[:2], reference)
    store.write_part(batch.documents, batch.blocks)
    store.write_part(*(lambda b: (b.documents, b.blocks))(prepare.prepare_batch(corpus[2:4], reference)))
    assert len(store.parts()) == 2
    (tmp_path / f"{store.parts()[0]}.documents.parquet").unlink()  # a part cut short before its marker
    assert len(store.parts()) == 1 and len(store.files("blocks")) == 1


def test_a_store_restricted_to_parts_reads_only_their_rows(corpus, reference, tmp_path):
    store = DocumentStore(tmp_path)
    batches = [prepare.prepare_batch(corpus[:2], reference), prepare.prepare_batch(corpus[2:4], reference)]
    names = [store.write_part(batch.documents, batch.blocks) for batch in batches]
    assert sorted(names) == store.parts()
    both = pl.concat([batch.documents for batch in batches], how="vertical")
    for name, batch in zip(names, batches):
        restricted = store.restricted_to([name])
        assert restricted.parts() == [name] and restricted.folder == store.folder
        assert restricted.rows("documents", both).equals(store.rows("documents", batch.documents))
        assert restricted.rows("blocks", both).equals(store.rows("blocks", batch.documents))
    assert store.restricted_to(names).rows("blocks", both).equals(store.rows("blocks", both))


def test_results_left_by_tasks_are_listed_per_table_and_read_back_whole(tmp_path):
    store = DocumentStore(tmp_path)
    assert store.result_files("extracted", "mentions") == []
    frames = {name: pl.DataFrame({"doc_id": [f"{name}-{n}" for n in range(3)]}) for name in ("mentions", "event_mentions")}
    store.write_results("extracted", "b", frames)
    store.restricted_to([]).write_results("extracted", "a", {"mentions": frames["mentions"].head(1)})
    files = store.result_files("extracted", "mentions")
    assert [f.name for f in files] == ["a.mentions.parquet", "b.mentions.parquet"]  # not *.event_mentions
    assert pl.read_parquet(files).equals(pl.concat([frames["mentions"].head(1), frames["mentions"]]))
    assert [f.name for f in store.result_files("extracted", "event_mentions")] == ["b.event_mentions.parquet"]
    assert not [p for p in (tmp_path / "extracted").iterdir() if not p.name.endswith(".parquet")]  # no temporary files
    assert store.parts() == []  # results are not parts


@pytest.fixture(scope="module")
def other_tables(seed_run, reference):
    return {name: frame for name, frame in seed_run.tables(reference).items() if name not in ("documents", "blocks")}


def _row_files(rows: pl.DataFrame, folder, table: str = "mentions") -> DocumentRows:
    """`rows` of a per-document table left in files as the extraction tasks leave them: a file per
    document, written in reverse document order, each document's rows in their own order, and an empty
    file."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number, doc_id in enumerate(sorted(set(rows["doc_id"]), reverse=True)):
        files.append(folder / f"{number:02d}.{table}.parquet")
        rows.filter(pl.col("doc_id") == doc_id).write_parquet(files[-1])
    files.append(folder / f"empty.{table}.parquet")
    rows.clear().write_parquet(files[-1])
    return DocumentRows(tuple(files), rows.schema)


@pytest.mark.parametrize("chunk_documents", [1, 1_000])
@pytest.mark.parametrize("rows", ["with the other tables", "in chunks", "in files"])
def test_a_release_from_the_store_is_byte_for_byte_the_release_from_memory(corpus, reference, whole, tmp_path,
                                                                          other_tables, chunk_documents, rows):
    """The documents and blocks from the run folder, and the mentions and statements given with the other
    tables, in chunks of documents from memory, or in chunks from the files tasks leave: the same release."""
    stored, _ = _stored(corpus, reference, tmp_path / "store", chunk_documents=chunk_documents)
    from_memory = write_release(dict(other_tables, documents=whole.documents, blocks=whole.blocks),
                                tmp_path / "memory", "test",
                                documents=FrameDocuments(whole.documents, whole.blocks, chunk_documents))
    tables = other_tables
    held = {name: other_tables[name] for name in ROW_TABLES}
    if rows == "in chunks":
        stored = FrameDocuments(whole.documents, whole.blocks, chunk_documents, **held)
    elif rows == "in files":
        for name, frame in held.items():
            setattr(stored, name, _row_files(frame, tmp_path / "extracted", name))
    if rows != "with the other tables":
        tables = {name: frame for name, frame in other_tables.items() if name not in ROW_TABLES}
    from_store = write_release(tables, tmp_path / "stored", "test", documents=stored)
    for name in sorted(p.name for p in from_memory.iterdir() if p.name not in ("manifest.json", "SHA256SUMS")):
        assert (from_store / name).read_bytes() == (from_memory / name).read_bytes(), name
    manifests = [json.loads((r / "manifest.json").read_text(encoding="utf-8")) for r in (from_memory, from_store)]
    assert manifests[0]["tables"] == manifests[1]["tables"]


@pytest.mark.parametrize("slice_rows", [4_096, 7])
@pytest.mark.parametrize("chunk_documents", [1, 4, 1_000])
@pytest.mark.parametrize("table", ROW_TABLES)
def test_stored_rows_come_in_the_chunks_of_their_documents_in_key_order(corpus, reference, whole, tmp_path,
                                                                        other_tables, chunk_documents, slice_rows,
                                                                        table, monkeypatch):
    """The mentions or statements, whatever the files and however their rows are gathered into slices (7
    rows: slices cut across files); held in memory beside the stored documents, in the same chunks."""
    from flows.release import sort_table

    monkeypatch.setattr(store_module, "SLICE_ROWS", slice_rows)
    stored, _ = _stored(corpus, reference, tmp_path / "store", chunk_documents=chunk_documents)
    rows = other_tables[table]
    assert rows.height > len(set(rows["doc_id"])) > 1
    held = WithHeldRows(dataclasses.replace(stored), {table: rows})
    setattr(stored, table, _row_files(rows, tmp_path / "extracted", table))
    in_memory = FrameDocuments(whole.documents, whole.blocks, chunk_documents, **{table: rows})
    chunks, expected, beside = list(stored.chunks()), list(in_memory.chunks()), list(held.chunks())
    assert len(chunks) == len(expected) == len(beside) > (1 if chunk_documents < 1_000 else 0)
    for chunk, other, third in zip(chunks, expected, beside):
        assert getattr(chunk, table).equals(getattr(other, table)) and chunk.documents.equals(other.documents)
        assert getattr(third, table).equals(getattr(other, table))
        assert set(getattr(chunk, table)["doc_id"]) <= set(chunk.documents["doc_id"])
    assert pl.concat([getattr(chunk, table) for chunk in chunks]).equals(sort_table(table, rows))
    assert stored.heights()[table] == held.heights()[table] == rows.height
    assert stored.schemas()[table] == held.schemas()[table] == rows.schema
    assert stored.names == in_memory.names == held.names == ("documents", "blocks", table)


def test_changes_compared_in_chunks_give_the_changelog_of_whole_tables(corpus, reference, whole, tmp_path,
                                                                      other_tables):
    """The second release's diff against the first: documents and blocks compared chunk by chunk
    (one document per chunk) against the earlier release's rows of the same doc_id range."""
    dropped = sorted(whole.documents["doc_id"].to_list())[3]
    first = dict(other_tables, documents=whole.documents.filter(pl.col("doc_id") != dropped),
                 blocks=whole.blocks.filter(pl.col("doc_id") != dropped))
    changelogs = []
    for name, chunk_documents in (("whole", 10**6), ("chunked", 1)):
        write_release(first, tmp_path / name, "test")
        second = write_release(other_tables, tmp_path / name, "test-2",
                               documents=FrameDocuments(whole.documents, whole.blocks, chunk_documents))
        changelogs.append((second / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert changelogs[0] == changelogs[1] and dropped in changelogs[0]


def test_a_run_folder_goes_with_its_run_and_so_do_those_of_dead_runs(tmp_path):
    work = tmp_path / "work"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (work / f"run-{dead.stdout.strip()}-abc").mkdir(parents=True)
    (work / f"run-{os.getppid()}-live").mkdir()  # a live process's run is left alone
    with run_folder(tmp_path) as store:
        assert store.folder.parent == work.resolve() and store.folder.is_dir()
        assert sorted(p.name for p in work.iterdir()) == sorted([store.folder.name, f"run-{os.getppid()}-live"])
    assert [p.name for p in work.iterdir()] == [f"run-{os.getppid()}-live"]
    (work / f"run-{os.getppid()}-live").rmdir()
    with run_folder(tmp_path):
        pass
    assert not work.exists()  # an empty work folder is not left behind


def test_a_part_streamed_from_the_cache_is_written_in_row_groups_of_a_slice(corpus, reference, whole, tmp_path,
                                                                           monkeypatch):
    """Parquet is read a row group at a time: a corpus-sized part in one group was held whole when sorted into chunks."""
    import pyarrow.parquet

    monkeypatch.setattr(store_module, "SLICE_ROWS", 3)
    store = DocumentStore(tmp_path)
    store.write_lazy_part("cached", whole.documents.lazy(), whole.blocks.lazy())
    for table, frame in (("documents", whole.documents), ("blocks", whole.blocks)):
        metadata = pyarrow.parquet.ParquetFile(tmp_path / f"cached.{table}.parquet").metadata
        groups = [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]
        assert frame.height > 3 and sum(groups) == frame.height and max(groups) <= 3
    assert store.scan_part("cached", "blocks").collect().equals(whole.blocks)


@pytest.mark.parametrize("slice_rows", [1, 3, 5, 100])
def test_small_files_are_read_in_slices_of_whole_rows(tmp_path, monkeypatch, slice_rows):
    """Rows of several files gathered into slices of `SLICE_ROWS` rows (the last one smaller), in file order,
    cast to the table's schema."""
    import pyarrow as pa

    monkeypatch.setattr(store_module, "SLICE_ROWS", slice_rows)
    frames = [pl.DataFrame({"doc_id": [f"doc_{f}{n}" for n in range(rows)], "n": list(range(rows))},
                           schema={"doc_id": pl.String, "n": pl.Int32}) for f, rows in enumerate((4, 0, 1, 6))]
    files = []
    for number, frame in enumerate(frames):
        files.append(tmp_path / f"{number}.parquet")
        frame.write_parquet(files[-1])
    schema = pl.DataFrame(schema={"n": pl.Int64, "doc_id": pl.String}).to_arrow().schema
    slices = list(store_module._slices(files, ["n", "doc_id"], schema))
    assert [frame.height for frame in slices[:-1]] == [slice_rows] * (len(slices) - 1)
    assert 0 < slices[-1].height <= slice_rows
    assert pl.concat(slices).equals(pl.concat(frames).select(pl.col("n").cast(pl.Int64), "doc_id"))


def test_rows_of_some_columns_are_those_columns_of_the_whole_rows(corpus, reference, whole, tmp_path):
    stored, linked = _stored(corpus, reference, tmp_path)
    kept = linked.documents.filter(pl.col("doc_id").is_in(sorted(whole.documents["doc_id"].to_list())[::2]))
    columns = ("doc_id", "block_index", "kept", "clean_text")
    blocks = stored.store.rows("blocks", kept, columns)
    assert blocks.columns == list(columns)
    assert blocks.equals(stored.store.rows("blocks", kept).select(columns))
