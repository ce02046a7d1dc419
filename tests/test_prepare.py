"""Prepare in batches: any split of the files into batches, linked, equals one batch of all files;
the cache of prepared files (PreparedCache) serves exactly what was stored."""

from __future__ import annotations

import random

import polars as pl
import pytest

from flows.cache import PreparedCache
from flows.stages import prepare
from flows.stages.ingest import SourceFile, refs_of


@pytest.fixture(scope="module")
def whole(corpus, reference) -> prepare.Prepared:
    return prepare.prepare(corpus, reference)


def _assert_same(left: prepare.Prepared, right: prepare.Prepared) -> None:
    for name in ("documents", "blocks", "rejects"):
        assert getattr(left, name).equals(getattr(right, name)), name


def test_the_corpus_has_every_kind_of_row(whole):
    reasons = whole.rejects["reason"].to_list()
    assert any(r.startswith("duplicate: same bytes") for r in reasons)
    assert any(r.startswith("duplicate: same text") for r in reasons)
    assert any(r.startswith("empty") for r in reasons) and any(r.startswith("binary") for r in reasons)
    assert whole.documents.height > 5 and "relevance" in whole.documents.columns
    assert "source_file" not in whole.blocks.columns and whole.repeats.height == 0


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("batch_size", [1, 3, 7])
def test_any_split_into_batches_gives_the_same_tables(corpus, reference, whole, seed, batch_size):
    shuffled = list(corpus)
    random.Random(seed).shuffle(shuffled)
    parts = [prepare.prepare_batch(shuffled[i : i + batch_size], reference)
             for i in range(0, len(shuffled), batch_size)]
    _assert_same(prepare.link_batches(prepare.combine(parts)), whole)


def test_a_batch_carries_each_documents_signature_and_linking_removes_it(corpus, reference, whole):
    from flows.stages import dedup

    batch = prepare.prepare_batch(corpus[:3], reference)
    alone = prepare.prepare_batch(corpus[:1], reference)
    assert set(dedup.SIGNATURE_COLUMNS) <= set(batch.documents.columns)
    first = alone.documents.select("doc_id", *dedup.SIGNATURE_COLUMNS)
    assert batch.documents.join(first, on="doc_id", how="semi").select(first.columns).equals(first)
    assert not set(dedup.SIGNATURE_COLUMNS) & set(whole.documents.columns)


def test_cached_rows_equal_fresh_ones_and_a_changed_file_misses(corpus, reference, tmp_path, whole):
    cache = PreparedCache(tmp_path, "context")
    keys = cache.keys(refs_of(corpus))
    assert cache.load(keys) == (None, set())
    cache.store(prepare.prepare_batch(corpus[:4], reference), keys)
    cache.store(prepare.prepare_batch(corpus[4:], reference), keys)
    hits, found = cache.load(keys)
    # zz_same_text repeats zz_byte_copy in the second batch: listed in `repeats`, not stored.
    assert found == set(keys) - {"zz_same_text.txt"}
    missing = [s for s in corpus if s.path not in found]
    _assert_same(prepare.link_batches(prepare.combine([hits, prepare.prepare_batch(missing, reference)])), whole)
    edited = SourceFile(corpus[0].path, corpus[0].content + b"\nMot dong them.")
    renamed = SourceFile("renamed.txt", corpus[0].content)
    assert cache.keys(refs_of([edited]))[edited.path] != keys[corpus[0].path]
    assert cache.keys(refs_of([renamed]))["renamed.txt"] != keys[corpus[0].path]
    assert PreparedCache(tmp_path, "other context").load(keys) == (None, set())


def test_files_repeated_within_a_batch_are_listed_not_prepared(corpus, reference):
    batch = prepare.prepare_batch(corpus, reference)
    assert sorted(batch.repeats["source_file"]) == ["zz_byte_copy.txt", "zz_same_text.txt"]
    assert not batch.rejects.filter(pl.col("reason").str.starts_with("duplicate")).height
    assert not set(batch.documents["source_file"]) & {"zz_byte_copy.txt", "zz_same_text.txt"}


def test_a_damaged_segment_is_a_miss_and_compaction_keeps_the_current_files(corpus, reference, tmp_path):
    cache = PreparedCache(tmp_path, "context", max_segments=2)
    keys = cache.keys(refs_of(corpus))
    for i in range(0, 9, 3):  # three segments, one more than max_segments
        cache.store(prepare.prepare_batch(corpus[i : i + 3], reference), keys)
        cache.compact(keys)
        assert len(list(cache.folder.glob("*.documents.parquet"))) == (1 if i == 6 else i // 3 + 1)
    segments = sorted(cache.folder.glob("*.documents.parquet"))
    assert len(segments) == 1
    hits, found = cache.load(keys)
    assert found == {s.path for s in corpus[:9]}
    assert not [p for p in cache.folder.iterdir() if p.name.endswith(".tmp")]
    segments[0].write_bytes(b"not parquet")
    assert cache.load(keys) == (None, set())
