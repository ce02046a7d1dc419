"""Publishing: validation gates the write, releases appear atomically, versions advance."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import polars as pl
import pytest

from conftest import ROOT
from flows.stages.publish import (ReleaseInvalid, cross_table_failures, next_version, release_failures,
                                  schema_failures, write_release)


@pytest.fixture(scope="module")
def tables(seed_run, reference):
    return seed_run.tables(reference)


def test_versions_start_at_1_0_0_and_the_same_tables_publish_nothing(tables, tmp_path):
    first = write_release(tables, tmp_path, "test")
    again = write_release(tables, tmp_path, "test")  # same fingerprint
    rebuilt = write_release(tables, tmp_path, "test-2")  # new fingerprint, identical tables
    assert first.name == again.name == rebuilt.name == "1.0.0"
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == ["1.0.0", "LATEST"]
    assert (tmp_path / "releases" / "LATEST").read_text(encoding="utf-8") == "1.0.0\n"


def test_an_added_row_gives_the_next_minor_version(tables, tmp_path):
    write_release(dict(tables, mentions=tables["mentions"].head(tables["mentions"].height - 1)), tmp_path, "test")
    second = write_release(tables, tmp_path, "test-2")
    assert second.name == "1.1.0"
    assert (tmp_path / "releases" / "LATEST").read_text(encoding="utf-8") == "1.1.0\n"
    assert release_failures(second) == []


def test_next_version_ignores_staging_and_foreign_folders(tmp_path):
    (tmp_path / ".1.0.0-abc").mkdir()
    (tmp_path / "notes").mkdir()
    assert next_version(tmp_path) == "1.0.0"
    (tmp_path / "1.4.0").mkdir()
    assert next_version(tmp_path) == "1.5.0"


def test_manifest_describes_every_table(tables, tmp_path):
    release = write_release(tables, tmp_path, "9.9.9")
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == "1.0.0" and manifest["vndiplo_version"] == "9.9.9"
    for name, frame in tables.items():
        spec = manifest["tables"][name]
        assert spec["rows"] == frame.height
        assert [c["name"] for c in spec["columns"]] == frame.columns
        assert len(spec["sha256"]) == 64


def test_identical_inputs_give_identical_tables(tables, tmp_path):
    one = write_release(tables, tmp_path / "a", "test")
    two = write_release(tables, tmp_path / "b", "test")
    specs = [json.loads((r / "manifest.json").read_text(encoding="utf-8"))["tables"] for r in (one, two)]
    assert {k: v["sha256"] for k, v in specs[0].items()} == {k: v["sha256"] for k, v in specs[1].items()}


@pytest.mark.parametrize(
    "table, change, expected",
    [
        ("events", lambda f: f.with_columns(event_type=pl.lit("lunch")), "event_type: isin"),
        ("statements", lambda f: f.with_columns(quote_type=pl.lit("hearsay")), "quote_type: isin"),
        ("blocks", lambda f: f.with_columns(kept=pl.lit(True)), "kept_kinds_only"),
        ("documents", lambda f: f.with_columns(doc_id=pl.lit("doc_0000000000000000")), "field_uniqueness"),
        ("events", lambda f: f.drop("participants"), "participants"),
    ],
    ids=["unknown event type", "unknown quote type", "dropped block marked kept", "duplicate doc ids",
         "missing column"],
)
def test_a_failing_check_publishes_nothing(tables, tmp_path, table, change, expected):
    broken = dict(tables, **{table: change(tables[table])})
    with pytest.raises(ReleaseInvalid) as raised:
        write_release(broken, tmp_path, "test")
    assert expected in str(raised.value)
    releases = tmp_path / "releases"
    assert not releases.exists() or list(releases.iterdir()) == []


def test_every_failing_check_is_reported_at_once(tables):
    broken = dict(tables, events=tables["events"].with_columns(event_type=pl.lit("lunch"), cameo_code=pl.lit("x")))
    failures = schema_failures(broken)
    assert any("event_type" in f for f in failures) and any("cameo_code" in f for f in failures)


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda t: dict(t, documents=t["documents"].with_columns(text=pl.col("text") + "!")),
         "do not rebuild documents.text"),
        (lambda t: dict(t, blocks=t["blocks"].with_columns(text=pl.col("text").str.replace("Putin", "Putyn"))),
         "do not rebuild the raw file"),
        (lambda t: dict(t, statements=t["statements"].with_columns(char_start=pl.col("char_start") + 1,
                                                                    char_end=pl.col("char_end") + 1)),
         "offsets do not locate its sentence"),
        (lambda t: dict(t, events=t["events"].with_columns(source_doc_ids=pl.lit(["doc_ffffffffffffffff"]))),
         "names unknown documents"),
        (lambda t: dict(t, statements=t["statements"].with_columns(event_id=pl.lit("evt_ffffffffffffffff"))),
         "unknown event ids ['evt_ffffffffffffffff']"),
    ],
    ids=["cleaned text", "raw text", "statement offsets", "event sources", "statement's event"],
)
@pytest.mark.parametrize("documents_per_chunk", [2_000, 2, 1])
def test_cross_table_checks(tables, change, expected, documents_per_chunk):
    assert cross_table_failures(tables, _chunked(tables, documents_per_chunk)) == []
    changed = change(tables)
    failures = cross_table_failures(changed, _chunked(changed, documents_per_chunk))
    assert any(expected in f for f in failures)
    # every damaged document is reported once, whichever chunk it falls in
    assert len(failures) == len(set(failures))


def _chunked(tables, documents_per_chunk):
    from flows.store import FrameDocuments

    return FrameDocuments(tables["documents"], tables["blocks"], documents_per_chunk)


def test_validate_reports_a_missing_file_and_a_wrong_row_count(tables, tmp_path):
    release = write_release(tables, tmp_path, "test")
    (release / "rejects.parquet").unlink()
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    manifest["tables"]["events"]["rows"] += 1
    (release / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    failures = release_failures(release)
    assert any("rejects: file rejects.parquet missing" in f for f in failures)
    assert any("events:" in f and "rows, manifest says" in f for f in failures)


# ---------------------------------------------------------------- the memory-saving paths (issue 10)


def _later_chunk_row(blocks, documents_per_chunk, predicate):
    """Index of a row matching `predicate` whose document lies after the first chunk."""
    from flows.store import chunk_bounds

    bounds = chunk_bounds(blocks["doc_id"], documents_per_chunk)
    assert len(bounds) >= 2, "the seed blocks should make several chunks"
    candidates = blocks.with_row_index("_i").filter(predicate & (pl.col("doc_id") >= bounds[0]))["_i"]
    assert candidates.len(), "no suitable row after the first chunk"
    return candidates[0]


def _at(index, value, column):
    return pl.when(pl.int_range(pl.len()) == index).then(value).otherwise(pl.col(column)).alias(column)


DAMAGES = [
    lambda b, i: b.with_columns(_at(i(~pl.col("kept")), True, "kept")),  # dropped block marked kept
    lambda b, i: b.with_columns(_at(i(pl.col("block_index") == 0), -1, "block_index").cast(pl.Int32)),
    lambda b, i: b.with_columns(_at(i(pl.col("kept")), pl.col("raw_end") + 1, "raw_end")),
    lambda b, i: b.with_columns(_at(i(pl.col("block_index") > 0), pl.col("block_index").shift(1),
                                    "block_index").cast(pl.Int32)),  # a repeated (doc_id, block_index)
    lambda b, i: b.drop("text"),
    lambda b, i: b.with_columns(pl.col("block_index").cast(pl.Int64)),
    lambda b, i: b.with_columns(_at(i(~pl.col("kept")), True, "kept")).reverse(),  # not in key order
]


class _Whole:
    """The tables as one chunk, rows as they are: one whole-table validation."""

    def __init__(self, documents, blocks, mentions=None, statements=None):
        self.index, self.blocks, self.mentions, self.statements = documents, blocks, mentions, statements

    @property
    def names(self):
        return ("documents", "blocks") + tuple(name for name in ("mentions", "statements")
                                               if getattr(self, name) is not None)

    def chunks(self):
        from flows.store import Chunk

        yield Chunk(None, None, self.index, self.blocks, self.mentions, self.statements)


@pytest.mark.parametrize(
    "damage",
    DAMAGES,
    ids=["kept caption", "negative index", "raw offsets", "duplicate key", "missing column", "wrong type",
         "unsorted"],
)
def test_blocks_validated_in_chunks_fail_exactly_as_the_whole_table(tables, damage):
    """Validation in chunks of whole documents reports the failures (checks, counts, first case) of
    one whole-table validation, wherever the bad row is; only the order of the lines may differ."""
    documents_per_chunk = 1
    blocks = tables["blocks"]
    damaged = damage(blocks, lambda predicate: _later_chunk_row(blocks, documents_per_chunk, predicate))
    broken = dict(tables, blocks=damaged)
    whole = schema_failures(broken, _Whole(broken["documents"], broken["blocks"]))
    chunked = schema_failures(broken, _chunked(broken, documents_per_chunk))
    assert whole and any(line.startswith("blocks:") for line in whole)
    assert sorted(chunked) == sorted(whole)
    assert schema_failures(tables, _chunked(tables, documents_per_chunk)) == []


MENTION_DAMAGES = [
    lambda m, i: m.with_columns(_at(i(pl.lit(True)), -1, "sentence_start").cast(pl.Int32)),
    lambda m, i: m.with_columns(_at(i(pl.lit(True)), pl.lit("alien"), "entity_type")),
    lambda m, i: m.with_columns(_at(i(pl.lit(True)), pl.lit(None), "surface")),
    lambda m, i: m.drop("surface"),
    lambda m, i: m.with_columns(pl.col("sentence_index").cast(pl.Int64)),
]


@pytest.mark.parametrize("damage", MENTION_DAMAGES,
                         ids=["negative offset", "unknown type", "null surface", "missing column", "wrong type"])
def test_mentions_validated_in_chunks_fail_exactly_as_the_whole_table(tables, damage):
    """The mentions cut into chunks of documents report the failures (checks, counts, first case) of the
    table validated whole, as one chunk or as a table of its own, wherever the bad row is."""
    documents_per_chunk = 1
    from flows.release import sort_table

    mentions = sort_table("mentions", tables["mentions"])
    broken = dict(tables, mentions=damage(mentions, lambda predicate: _later_chunk_row(mentions, documents_per_chunk,
                                                                                       predicate)))
    one_table = schema_failures(broken, _chunked(broken, 10**9))  # mentions not cut: validated as one table
    from flows.store import FrameDocuments

    others = {name: frame for name, frame in broken.items() if name != "mentions"}  # the mentions only in chunks
    whole = schema_failures(others, _Whole(broken["documents"], broken["blocks"], broken["mentions"]))
    cut = FrameDocuments(broken["documents"], broken["blocks"], documents_per_chunk, mentions=broken["mentions"])
    assert len(list(cut.chunks())) > 2
    chunked = schema_failures(others, cut)
    assert one_table and all(line.startswith("mentions:") for line in one_table)
    assert sorted(chunked) == sorted(whole) == sorted(one_table)


def _repeated_in_another_chunk(statements, documents_per_chunk):
    """`statements` (in key order) with the id of the first repeated by a statement of a later chunk."""
    later = _later_chunk_row(statements, documents_per_chunk, pl.lit(True))
    return statements.with_columns(_at(later, pl.lit(statements["statement_id"][0]), "statement_id"))


STATEMENT_DAMAGES = [
    lambda s, i: s.with_columns(_at(i(pl.lit(True)), pl.lit("hearsay"), "quote_type")),
    lambda s, i: s.with_columns(_at(i(pl.lit(True)), pl.col("char_end") + 1, "char_end")),
    lambda s, i: s.with_columns(_at(i(pl.lit(True)), pl.lit("stm_x"), "statement_id")),
    lambda s, i: _repeated_in_another_chunk(s, 1),
    lambda s, i: s.drop("verb"),
    lambda s, i: s.with_columns(pl.col("sentence_index").cast(pl.Int64)),
]


@pytest.mark.parametrize("damage", STATEMENT_DAMAGES,
                         ids=["unknown quote type", "span of another length", "malformed id",
                              "an id repeated in another chunk", "missing column", "wrong type"])
def test_statements_validated_in_chunks_fail_exactly_as_the_whole_table(tables, damage, monkeypatch):
    """The statements cut into chunks of documents report the failures (checks, counts, first case) of the
    table validated whole, wherever the bad row is; an id repeated in two chunks fails the uniqueness
    check all the same, counted once per row."""
    documents_per_chunk = 1
    from flows.release import sort_table
    from flows.stages import publish
    from flows.store import FrameDocuments

    monkeypatch.setattr(publish, "CHUNK_DOCUMENTS", 1)  # each chunk validated on its own, not gathered

    statements = sort_table("statements", tables["statements"])
    broken = dict(tables, statements=damage(statements, lambda predicate: _later_chunk_row(
        statements, documents_per_chunk, predicate)))
    others = {name: frame for name, frame in broken.items() if name != "statements"}
    whole = schema_failures(others, _Whole(broken["documents"], broken["blocks"], statements=broken["statements"]))
    cut = FrameDocuments(broken["documents"], broken["blocks"], documents_per_chunk, statements=broken["statements"])
    assert len(list(cut.chunks())) > 2
    chunked = schema_failures(others, cut)
    assert whole and all(line.startswith("statements:") for line in whole)
    assert sorted(chunked) == sorted(whole)


@pytest.mark.parametrize("table, column", [("mentions", "surface"), ("statements", "content")])
def test_rows_compared_in_chunks_give_the_changelog_of_the_whole_table(tables, tmp_path, table, column):
    """The mentions or statements compared with the earlier release chunk by chunk (one document per chunk)
    give the changelog of the table compared as one chunk: a document's rows added, another's changed."""
    from flows.store import FrameDocuments

    rows = tables[table]
    ids = sorted(set(rows["doc_id"]))
    first = dict(tables, **{table: rows.filter(pl.col("doc_id") != ids[0]).with_columns(
        pl.when(pl.col("doc_id") == ids[-1]).then(pl.col(column) + "!").otherwise(pl.col(column)).alias(column))})
    changelogs = []
    for name, documents_per_chunk in (("one chunk", 10**9), ("chunked", 1)):
        cut = lambda t: FrameDocuments(t["documents"], t["blocks"], documents_per_chunk, **{table: t[table]})
        write_release(first, tmp_path / name, "test", documents=cut(first))
        second = write_release(tables, tmp_path / name, "test-2", documents=cut(tables))
        changelogs.append((second / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert changelogs[0] == changelogs[1]
    assert ids[0] in changelogs[0] and ids[-1] in changelogs[0] and table in changelogs[0]


@pytest.mark.parametrize("documents_per_chunk", [1, 2, 10**9])
def test_a_source_file_repeated_in_two_chunks_fails_as_in_the_whole_table(tables, documents_per_chunk, monkeypatch):
    """source_file is unique like doc_id, but chunks are cut by doc_id: two documents of one file in
    different chunks must fail the uniqueness check all the same, counted once per row."""
    from flows.stages import publish

    monkeypatch.setattr(publish, "CHUNK_DOCUMENTS", 1)  # each chunk validated on its own, not gathered
    documents = tables["documents"].sort("doc_id")
    first, last = documents["source_file"][0], documents["doc_id"][-1]
    broken = dict(tables, documents=documents.with_columns(
        source_file=pl.when(pl.col("doc_id") == last).then(pl.lit(first)).otherwise(pl.col("source_file"))))
    failures = schema_failures(broken, _chunked(broken, documents_per_chunk))
    assert [line for line in failures if "source_file" in line] == [
        f"documents: source_file: field_uniqueness failed (2 case(s), e.g. {first!r})"]


@pytest.mark.parametrize("documents_per_chunk", [1, 3, 10**9])
def test_chunks_cut_between_documents_and_hold_every_row_once(tables, documents_per_chunk):
    from flows.store import chunk_bounds

    documents, blocks = tables["documents"], tables["blocks"]
    chunks = list(_chunked(tables, documents_per_chunk).chunks())
    assert len(chunks) == len(chunk_bounds(documents["doc_id"], documents_per_chunk)) + 1
    assert pl.concat([c.documents for c in chunks]).equals(documents.sort("doc_id"))
    assert pl.concat([c.blocks for c in chunks]).equals(blocks.sort("doc_id", "block_index"))
    for chunk in chunks:
        assert chunk.documents.height <= documents_per_chunk
        for frame in (chunk.documents, chunk.blocks):
            assert frame.filter((pl.col("doc_id") < (chunk.lower or "")) |
                                (pl.col("doc_id") >= (chunk.upper or "\uffff"))).height == 0
    assert [c.upper for c in chunks[:-1]] == [c.lower for c in chunks[1:]]


@pytest.mark.parametrize("row_group_size", [None, 7])
def test_row_groups_do_not_change_the_published_tables(tables, tmp_path, row_group_size):
    """Small row groups (the default keeps the writer's buffer small) publish the same rows, order,
    columns and types as one group per table, with statistics in every group."""
    import pyarrow.parquet as pq

    from flows.stages.publish import PublishConfig

    default = write_release(tables, tmp_path / "default", "test")
    other = write_release(tables, tmp_path / "other", "test", PublishConfig(row_group_size=row_group_size))
    manifests = [json.loads((r / "manifest.json").read_text(encoding="utf-8"))["tables"] for r in (default, other)]
    assert {n: (s["rows"], s["columns"], s["sort_key"]) for n, s in manifests[0].items()} == \
           {n: (s["rows"], s["columns"], s["sort_key"]) for n, s in manifests[1].items()}
    for name, frame in tables.items():
        one, two = pl.read_parquet(default / f"{name}.parquet"), pl.read_parquet(other / f"{name}.parquet")
        assert one.schema == two.schema and one.equals(two, null_equal=True), name
        meta = pq.ParquetFile(other / f"{name}.parquet").metadata
        if row_group_size and frame.height > row_group_size:
            assert meta.num_row_groups == -(-frame.height // row_group_size), name
        for group in range(meta.num_row_groups):
            assert meta.row_group(group).column(0).statistics.has_min_max, name


# ---------------------------------------------------------------- publishing after a release (issue 10)


@pytest.fixture()
def validated(monkeypatch):
    """The doc_ids whose documents, blocks and mentions rows pandera validates, as write_release runs."""
    from flows.stages import publish

    seen = {"documents": set(), "blocks": set(), "mentions": set(), "statements": set(), "frames": []}
    original = publish._FailureCases.add

    def add(self, frame):
        for name in ("documents", "blocks", "mentions", "statements"):
            if self.model is publish.release_schemas()[name] and "doc_id" in frame.columns:
                seen[name] |= set(frame["doc_id"].to_list())
                seen["frames"].append(name)
        return original(self, frame)

    monkeypatch.setattr(publish._FailureCases, "add", add)
    return seen


def _retitled(tables, doc_id, title):
    """`tables` with the title of one document changed (a valid change of its documents row only)."""
    documents = tables["documents"].with_columns(
        title=pl.when(pl.col("doc_id") == doc_id).then(pl.lit(title)).otherwise(pl.col("title")))
    return dict(tables, documents=documents)


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda t: dict(t, event_mentions=t["event_mentions"].head(t["event_mentions"].height - 1)), "none"),
        (lambda t: _retitled(t, t["documents"]["doc_id"].sort()[-1], "Tin mới"), "last"),
        (lambda t: _retitled(_retitled(t, t["documents"]["doc_id"].sort()[-1], "Tin mới"),
                             t["documents"]["doc_id"].sort()[0], "Tin khác"), "first and last"),
        (lambda t: dict(t, mentions=t["mentions"].filter(pl.col("doc_id") != t["documents"]["doc_id"].sort()[-1])),
         "last"),
        (lambda t: dict(t, statements=t["statements"].with_columns(content=pl.when(
            pl.col("doc_id") == t["documents"]["doc_id"].sort()[-1]).then(pl.lit("…")).otherwise(pl.col("content")))),
         "last"),
    ],
    ids=["another table changed", "one document changed", "two documents changed", "a document's mentions changed",
         "a document's statements changed"],
)
def test_a_release_after_a_validated_one_validates_only_the_documents_that_changed(tables, tmp_path, validated,
                                                                                    change, expected):
    """The mentions and statements are cut into chunks of documents like the documents and blocks: a
    document whose rows changed in any of the four has its rows in each validated again, the others not."""
    write_release(tables, tmp_path, "test")
    for seen in validated.values():
        seen.clear()
    after = change(tables)
    second = write_release(after, tmp_path, "test-2")
    assert second.name != "1.0.0"
    ids = tables["documents"]["doc_id"].sort()
    expected = {"none": set(), "last": {ids[-1]}, "first and last": {ids[0], ids[-1]}}[expected]
    assert validated["documents"] == expected
    assert validated["blocks"] == expected
    assert validated["mentions"] == expected & set(after["mentions"]["doc_id"])
    assert validated["statements"] == expected & set(after["statements"]["doc_id"])
    assert release_failures(second) == []


@pytest.mark.parametrize(
    "earlier",
    [
        lambda release: _edit_manifest(release, lambda m: m.pop("validation_fingerprint")),
        lambda release: _edit_manifest(release, lambda m: m.update(validation_fingerprint="other code")),
        lambda release: pl.read_parquet(release / "blocks.parquet").write_parquet(release / "blocks.parquet",
                                                                                  compression="snappy"),
    ],
    ids=["release older than the fingerprint", "validated by other code", "blocks file not the manifest's"],
)
def test_rows_of_an_untrusted_release_are_validated_again(tables, tmp_path, validated, earlier):
    first = write_release(tables, tmp_path, "test")
    earlier(first)
    for seen in validated.values():
        seen.clear()
    write_release(dict(tables, mentions=tables["mentions"].head(tables["mentions"].height - 1)), tmp_path, "test-2")
    assert validated["documents"] == set(tables["documents"]["doc_id"])


def _edit_manifest(release, edit):
    path = release / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def test_a_changed_document_that_fails_a_check_still_publishes_nothing(tables, tmp_path):
    write_release(tables, tmp_path, "test")
    doc_id = tables["documents"]["doc_id"].sort()[-1]
    broken = dict(tables, blocks=tables["blocks"].with_columns(
        kept=pl.when(pl.col("doc_id") == doc_id).then(pl.lit(True)).otherwise(pl.col("kept"))))
    with pytest.raises(ReleaseInvalid, match="kept_kinds_only"):
        write_release(broken, tmp_path, "test-2")
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == ["1.0.0", "LATEST"]


@pytest.mark.parametrize(
    "change, same",
    [
        (lambda d, b: (d, b), True),
        (lambda d, b: (d.with_columns(title=pl.col("title") + "!"), b), False),
        (lambda d, b: (d, b.with_columns(clean_text=pl.col("clean_text") + "!")), False),
        (lambda d, b: (d, b.filter(pl.col("block_index") > 0)), False),
        (lambda d, b: (d, pl.concat([b, b.tail(1).with_columns(block_index=pl.col("block_index") + 1)])), False),
        (lambda d, b: (d.with_columns(pl.lit(1).alias("extra")), b), False),
    ],
    ids=["identical", "document row changed", "a block changed", "a block removed", "a block added",
         "a column added"],
)
def test_unchanged_documents(tables, change, same):
    from flows.stages.publish import unchanged_documents

    doc_id = tables["documents"]["doc_id"].sort()[0]
    documents = tables["documents"].filter(pl.col("doc_id") == doc_id)
    blocks = tables["blocks"].filter(pl.col("doc_id") == doc_id).sort("block_index")
    others = tables["documents"].filter(pl.col("doc_id") != doc_id)
    other_blocks = tables["blocks"].join(others.select("doc_id"), on="doc_id", how="semi")
    after_documents, after_blocks = change(documents, blocks)
    if "extra" in after_documents.columns:
        others = others.with_columns(pl.lit(1).alias("extra"))
    from flows import release
    from flows.store import Chunk

    before = {"documents": pl.concat([documents, tables["documents"].filter(pl.col("doc_id") != doc_id)]),
              "blocks": pl.concat([blocks, other_blocks])}
    chunk = Chunk(None, None, pl.concat([after_documents, others]), pl.concat([after_blocks, other_blocks]))
    diffs = {name: release.diff_table(name, before[name], after)
             for name, after in (("documents", chunk.documents), ("blocks", chunk.blocks))}
    unchanged = unchanged_documents(chunk, before, diffs)
    assert (doc_id in set(unchanged)) is same
    if "extra" not in after_documents.columns:
        assert set(unchanged) >= set(others["doc_id"])


def test_the_rows_left_to_validate_are_gathered_across_chunks(tables, tmp_path, validated):
    """pandera's fixed cost per frame: the few changed documents of a run, one per chunk here, are
    validated as one frame per table, not one per chunk."""
    from flows.store import FrameDocuments

    write_release(tables, tmp_path, "test")
    ids = tables["documents"]["doc_id"].sort()
    after = _retitled(_retitled(tables, ids[-1], "Tin mới"), ids[0], "Tin khác")
    for seen in validated.values():
        seen.clear()
    write_release(after, tmp_path, "test-2", documents=FrameDocuments(after["documents"], after["blocks"], 1,
                                                                       mentions=after["mentions"]))
    assert validated["documents"] == validated["mentions"] == validated["statements"] == {ids[0], ids[-1]}
    assert sorted(validated["frames"]) == ["blocks", "documents", "mentions", "statements"]


def test_rows_kept_from_a_chunk_do_not_hold_the_chunk(tables):
    """The changed rows gathered across chunks are copied: polars' string views would otherwise keep
    the buffers of every chunk they were cut from alive until the gathered rows are validated."""
    from flows.stages.publish import owned_rows

    blocks = tables["blocks"]
    one = blocks.filter(pl.col("doc_id") == blocks["doc_id"][0]).head(1)
    size = lambda frame: frame.to_arrow(compat_level=pl.CompatLevel.newest()).column("text").get_total_buffer_size()
    kept = owned_rows(one)
    assert kept.equals(one) and kept.schema == one.schema
    assert size(one) > 10 * size(kept)
    documents = tables["documents"]
    assert owned_rows(documents).schema == documents.schema and owned_rows(documents).equals(documents)

    from flows.stages.publish import _DocumentChecks
    from flows.store import Chunk

    checks = _DocumentChecks(schema=True, cross=True)
    ids = documents["doc_id"].sort()
    checks.add(Chunk(None, None, documents, blocks), unchanged=ids[1:])  # one document left to validate
    [pending] = checks.pending
    pending_blocks = pending["blocks"]
    assert set(pending_blocks["doc_id"]) == {ids[0]}
    assert size(pending_blocks) < size(blocks) / 2


@pytest.mark.skipif(sys.platform == "win32", reason="pyarrow's Windows wheels have no jemalloc")
@pytest.mark.parametrize("preset, expected", [(None, "jemalloc"), ("system", "system")])
def test_pyarrow_allocates_with_jemalloc_unless_the_environment_says_otherwise(preset, expected):
    """Importing the package chooses pyarrow's allocator before pyarrow is imported (its default, mimalloc,
    kept the memory publishing's passes over the corpus had freed); a value in the environment wins."""
    environment = {name: value for name, value in os.environ.items() if name != "ARROW_DEFAULT_MEMORY_POOL"}
    if preset is not None:
        environment["ARROW_DEFAULT_MEMORY_POOL"] = preset
    script = "import flows, pyarrow; print(pyarrow.default_memory_pool().backend_name)"
    backend = subprocess.run([sys.executable, "-c", script], env=environment, cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.strip()
    assert backend == expected
