"""Operations: the per-document annotation cache (incremental runs), the run summary artifacts, --strict.

The flow runs share one `prefect_test_harness` (module fixture): each run then costs a few seconds
instead of an ephemeral server start.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polars as pl
import pytest

from conftest import FIXTURE_ARTICLES, ROOT, SEEDS
from flows import fingerprint
from flows.cache import AnnotationCache, annotation_inputs, document_of, reference_digest, stage_context

RELEASE_TABLES = ("documents", "blocks", "events", "statements", "mentions", "event_mentions", "entities", "rejects")


# --- the cache, without Prefect ----------------------------------------------------------------

def _blocks(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"doc_id": pl.String, "block_index": pl.Int32, "kind": pl.String,
                                      "kept": pl.Boolean, "clean_text": pl.String, "char_start": pl.Int32},
                        orient="row")


BASE_BLOCKS = [
    ("doc_a", 0, "title", True, "Thủ tướng hội đàm", 0),
    ("doc_a", 1, "body", True, "Hai bên nhất trí.", 19),
    ("doc_a", 2, "site_chrome", False, None, None),
    ("doc_b", 0, "title", True, "Điện mừng", 0),
    ("doc_b", 1, "caption", False, "Ảnh: TTXVN", None),
]


@pytest.mark.parametrize(
    "edit, changed",
    [
        (lambda rows: rows, set()),
        (lambda rows: [r if r[:2] != ("doc_a", 1) else (*r[:4], "Hai bên đồng ý.", 19) for r in rows], {"doc_a"}),
        (lambda rows: [r if r[:2] != ("doc_a", 1) else (*r[:5], 20) for r in rows], {"doc_a"}),
        (lambda rows: [r if r[:2] != ("doc_b", 1) else (*r[:4], "Ảnh: VNA", None) for r in rows], {"doc_b"}),
        (lambda rows: [r if r[:2] != ("doc_a", 2) else (*r[:4], "Xem thêm", None) for r in rows], set()),
        (lambda rows: [r if r[:2] != ("doc_a", 1) else (*r[:3], False, *r[4:]) for r in rows], {"doc_a"}),
    ],
    ids=["unchanged", "kept text edited", "offset moved", "caption edited", "dropped block edited", "block dropped"],
)
def test_annotation_input_hash_changes_exactly_for_the_edited_document(edit, changed):
    before = annotation_inputs(_blocks(BASE_BLOCKS), ["doc_a", "doc_b"])
    after = annotation_inputs(_blocks(edit(list(BASE_BLOCKS))), ["doc_a", "doc_b"])
    assert {doc for doc in before if before[doc] != after[doc]} == changed


def test_each_documents_row_carries_its_annotation_input_digest_and_none_when_it_is_never_annotated(corpus,
                                                                                                      reference):
    from flows.cache import ANNOTATION_DIGEST, with_annotation_digests
    from flows.stages import prepare, relevance

    from flows.stages.ingest import SourceFile

    weather = SourceFile("zz_weather.txt", "Thời tiết Hà Nội hôm nay\n\nHà Nội hôm nay trời nắng, nhiệt độ cao "
                                           "nhất 35 độ C. Chiều tối có mưa rào.\n".encode("utf-8"))
    batch = prepare.prepare_batch([*corpus, weather], reference)
    documents = with_annotation_digests(batch.documents, batch.blocks)
    candidates = relevance.may_be_annotated(batch.documents)["doc_id"].to_list()
    assert 0 < len(candidates) < documents.height  # both kinds in the corpus
    expected = annotation_inputs(batch.blocks, candidates)
    assert dict(documents.select("doc_id", ANNOTATION_DIGEST).iter_rows()) == {
        doc_id: expected.get(doc_id) for doc_id in documents["doc_id"]}


def test_a_document_without_annotated_blocks_still_gets_a_key_and_an_entry(tmp_path):
    blocks = _blocks([("doc_c", 0, "site_chrome", False, None, None)])
    assert set(annotation_inputs(blocks, ["doc_c"])) == {"doc_c"}
    cache = AnnotationCache(tmp_path, "context")
    keys = {"doc_a": cache.key("input a"), "doc_c": cache.key("input c")}
    cache.store(_entry(), keys)
    hits, found = cache.load(keys)
    assert found == {"doc_a", "doc_c"}
    assert hits["sentences"]["doc_id"].to_list() == ["doc_a"]


def _entry() -> dict[str, pl.DataFrame]:
    return {"sentences": pl.DataFrame({"doc_id": ["doc_a"], "text": ["Câu một."]}),
            "mentions": pl.DataFrame({"doc_id": ["doc_a"], "surface": ["Nga"]})}


def test_cache_round_trip_writes_one_segment_and_no_temporary_files(tmp_path):
    cache = AnnotationCache(tmp_path / "annotate", "context")
    keys = {"doc_a": cache.key("input")}
    assert cache.load(keys) == (None, set())
    cache.store(_entry(), keys)
    loaded, found = cache.load(keys)
    assert found == {"doc_a"} and all(loaded[name].equals(frame) for name, frame in _entry().items())
    assert sorted(p.name.split(".", 1)[1] for p in (tmp_path / "annotate").rglob("*") if p.is_file()) == [
        "documents.parquet", "mentions.parquet", "sentences.parquet"]
    assert cache.load({"doc_a": cache.key("edited input")})[1] == set()  # an edited document misses


@pytest.mark.parametrize("damage", [None, "truncate"])
def test_cached_extraction_rows_are_streamed_into_the_run_folder_or_extracted_again(tmp_path, damage):
    """The cache look-up leaves the rows of the documents found in the run folder (never returned to the
    flow); an unreadable entry found there is a miss, with nothing half written left behind."""
    from flows.cache import ExtractionCache
    from flows.pipeline import CACHED_RESULTS, EXTRACTED, look_up_cached
    from flows.store import DocumentStore

    annotation_cache = AnnotationCache(tmp_path / "annotate", "context")
    extraction_cache = ExtractionCache(tmp_path / "extract", "context")
    annotation_keys = {"doc_a": annotation_cache.key("input a"), "doc_b": annotation_cache.key("input b")}
    extraction_keys = {"doc_a": "extraction key a", "doc_b": "extraction key b"}
    annotation_cache.store(_entry(), {"doc_a": annotation_keys["doc_a"]})
    rows = {name: pl.DataFrame({"doc_id": ["doc_a", "doc_a"], "value": [name, "second"]})
            for name in ExtractionCache.row_tables() if name != "events"}
    rows["events"] = pl.DataFrame({"source_doc_ids": [["doc_a"]], "value": ["event"]})
    extraction_cache.store(rows, {"doc_a": extraction_keys["doc_a"]})
    if damage == "truncate":
        path = next((tmp_path / "extract").rglob("*.statements.parquet"))
        path.write_bytes(path.read_bytes()[:20])
    store = DocumentStore(tmp_path / "run")
    found, annotated = look_up_cached.fn(annotation_cache, extraction_cache, annotation_keys, extraction_keys, store)
    assert annotated == {"doc_a"}  # doc_b's annotation is not cached: not looked up in the extraction cache
    left = {name: store.result_files(EXTRACTED, name) for name in ExtractionCache.row_tables()}
    if damage is None:
        assert found == {"doc_a"}
        for name, frame in rows.items():
            assert [path.name for path in left[name]] == [f"{CACHED_RESULTS}.{name}.parquet"]
            assert pl.read_parquet(left[name]).equals(frame), name
    else:
        assert found == set() and not any(left.values())
        assert not list((tmp_path / "run").rglob("*.tmp"))


@pytest.mark.parametrize("damage", ["truncate", "delete one table"])
def test_a_damaged_entry_is_a_miss_not_an_error(tmp_path, damage):
    cache = AnnotationCache(tmp_path, "context")
    keys = {"doc_a": cache.key("input")}
    cache.store(_entry(), keys)
    path = next(tmp_path.rglob("*.mentions.parquet"))
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:20])
    else:
        path.unlink()
    assert cache.load(keys) == (None, set())


def test_past_max_segments_the_current_entries_are_compacted_into_one(tmp_path):
    cache = AnnotationCache(tmp_path, "context", max_segments=2)
    keys = {}
    for doc_id in ("doc_a", "doc_b", "doc_c"):
        keys[doc_id] = cache.key(f"input {doc_id}")
        cache.store({name: frame.with_columns(doc_id=pl.lit(doc_id)) for name, frame in _entry().items()},
                    {doc_id: keys[doc_id]})
    assert len(cache.segments.names()) == 3
    cache.compact({doc_id: keys[doc_id] for doc_id in ("doc_a", "doc_c")})
    assert len(cache.segments.names()) == 1
    hits, found = cache.load(keys)
    assert found == {"doc_a", "doc_c"} and sorted(hits["sentences"]["doc_id"]) == ["doc_a", "doc_c"]


def test_editing_a_reference_file_invalidates_every_entry(tmp_path):
    from flows.reference import load_reference

    folder = tmp_path / "reference"
    shutil.copytree(fingerprint.REFERENCE_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    loaded = load_reference(folder)
    contexts = [stage_context("annotate", reference_digest(loaded), "analyser")]
    contexts.append(stage_context("annotate", reference_digest(load_reference(folder)), "analyser"))
    places = folder / "places.tsv"
    text = places.read_text(encoding="utf-8")
    places.write_text(text.replace("\tcapital of Türkiye", "\tthe capital of Türkiye", 1), encoding="utf-8")
    assert places.read_text(encoding="utf-8") != text
    load_reference.cache_clear()  # a new process, or a reload, reads the edited file
    contexts.append(stage_context("annotate", reference_digest(load_reference(folder)), "analyser"))
    contexts.append(stage_context("annotate", reference_digest(load_reference(folder)), "another analyser"))
    assert contexts[0] == contexts[1]  # deterministic
    assert len(set(contexts[1:])) == 3
    cache_before, cache_after = (AnnotationCache(tmp_path / "c", c) for c in contexts[1:3])
    cache_before.store(_entry(), {"doc_a": cache_before.key("doc")})
    assert cache_after.load({"doc_a": cache_after.key("doc")}) == (None, set())


# --- the flow: incremental runs, summary artifacts, --strict -----------------------------------

@pytest.fixture(scope="module")
def harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


def _artifact(key: str):
    from prefect.artifacts import Artifact

    artifact = Artifact.get(key)
    assert artifact is not None, key
    return artifact


def _rejects_artifact_rows() -> list[dict]:
    import json

    data = _artifact("build-release-rejects").data
    return json.loads(data) if isinstance(data, str) else data


def _counts(what: str, markdown: str) -> tuple[int, int]:
    found = re.search(rf"{what}: (\d+) computed, (\d+) reused", markdown)
    assert found, markdown
    return int(found[1]), int(found[2])


def _annotation_counts(markdown: str) -> tuple[int, int]:
    return _counts("documents annotated", markdown)


def _prepare_counts(markdown: str) -> tuple[int, int]:
    return _counts("input files prepared", markdown)


def _extraction_counts(markdown: str) -> tuple[int, int]:
    return _counts("documents extracted", markdown)


def _tables(release: Path) -> dict[str, pl.DataFrame]:
    return {name: pl.read_parquet(release / f"{name}.parquet") for name in RELEASE_TABLES}


@pytest.fixture(scope="module")
def incremental_runs(harness, tmp_path_factory):
    """Three runs into one output folder: the seeds, the same seeds again, the seeds plus one article."""
    from flows.pipeline import build_release

    input_dir = tmp_path_factory.mktemp("input")
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, input_dir / path.name)
    output = tmp_path_factory.mktemp("incremental")
    runs = []
    for step in ("first", "unchanged", "one added"):
        if step == "one added":
            shutil.copy(FIXTURE_ARTICLES / "01_thu_tuong_hoi_dam_mishustin.txt", input_dir / "zz_added.txt")
        release = Path(build_release(input_dir=str(input_dir), output_dir=str(output)))
        runs.append((release, _artifact("build-release-summary").data))
    return output, runs


def test_an_unchanged_corpus_reuses_every_document(incremental_runs):
    _, [(first, first_summary), (second, second_summary), _] = incremental_runs
    assert _annotation_counts(first_summary) == (5, 0)
    assert _annotation_counts(second_summary) == (0, 5)
    assert _prepare_counts(first_summary) == (5, 0)
    assert _prepare_counts(second_summary) == (0, 5)
    assert _extraction_counts(first_summary) == (5, 0)
    assert _extraction_counts(second_summary) == (0, 5)
    first_tables, second_tables = _tables(first), _tables(second)
    for name in RELEASE_TABLES:
        assert first_tables[name].equals(second_tables[name]), name


def test_adding_one_document_annotates_only_that_one(incremental_runs):
    _, [_, _, (third, third_summary)] = incremental_runs
    assert _annotation_counts(third_summary) == (1, 5)
    assert _prepare_counts(third_summary) == (1, 5)
    assert _extraction_counts(third_summary) == (1, 5)
    assert "documents added since the previous release: 1 (and 0 no longer present)" in third_summary
    assert _tables(third)["documents"].filter(pl.col("source_file") == "zz_added.txt").height == 1


def test_a_release_built_from_the_caches_equals_one_built_without_them(incremental_runs, tmp_path):
    from flows.pipeline import build_release

    _, [_, _, (third, _)] = incremental_runs
    input_dir = tmp_path / "input"
    input_dir.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, input_dir / path.name)
    shutil.copy(FIXTURE_ARTICLES / "01_thu_tuong_hoi_dam_mishustin.txt", input_dir / "zz_added.txt")
    fresh = Path(build_release(input_dir=str(input_dir), output_dir=str(tmp_path / "fresh"), use_cache=False))
    assert not (tmp_path / "fresh" / "cache").exists()
    cached_tables, fresh_tables = _tables(third), _tables(fresh)
    for name in RELEASE_TABLES:
        assert cached_tables[name].equals(fresh_tables[name]), name


def test_the_auto_runner_counts_only_the_files_to_prepare(incremental_runs, tmp_path):
    from flows.runners import files_to_prepare

    output, _ = incremental_runs
    input_dir = tmp_path / "input"
    input_dir.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, input_dir / path.name)
    shutil.copy(FIXTURE_ARTICLES / "01_thu_tuong_hoi_dam_mishustin.txt", input_dir / "zz_added.txt")
    assert files_to_prepare(input_dir, output) == 0
    shutil.copy(FIXTURE_ARTICLES / "02_dien_mung_ngay_nuoc_nga.txt", input_dir / "zz_new.txt")
    assert files_to_prepare(input_dir, output) == 1
    assert files_to_prepare(input_dir, tmp_path / "empty output") == 7


def test_the_cache_lives_under_the_output_folder_and_holds_whole_entries(incremental_runs):
    output, _ = incremental_runs
    files = [p for p in (output / "cache" / "annotate").rglob("*") if p.is_file()]
    # one segment (sentences, mentions, documents) per annotation batch: the first run's 5 documents,
    # the third run's added one
    assert len(files) == 2 * 3
    assert not [p for p in files if not p.name.endswith(".parquet")]
    segments = sorted(p.name.split(".", 1)[1] for p in (output / "cache" / "prepare").rglob("*") if p.is_file())
    # the first run stored the 5 seeds, the third the added file; the second prepared nothing
    assert segments == ["blocks.parquet"] * 2 + ["documents.parquet"] * 2 + ["rejects.parquet"] * 2
    # extraction: one segment per batch, as annotation: the first run's 5 documents, the third run's added one
    extract_files = sorted(p.name.split(".", 1)[1] for p in (output / "cache" / "extract").rglob("*") if p.is_file())
    assert extract_files == sorted(2 * [f"{table}.parquet" for table in
                                        ("events", "statements", "event_mentions", "mentions", "dropped_events",
                                         "documents")])


def test_the_extraction_cache_serves_what_it_stored_and_misses_a_changed_document(seed_run, reference, tmp_path):
    from flows.cache import ExtractionCache
    from flows.stages import extract

    documents = seed_run.documents.sort("doc_id")
    each = extract.extract_each(documents, seed_run.sentences, seed_run.mentions, reference)
    annotation_keys = {doc_id: f"annotation-{doc_id}" for doc_id in documents["doc_id"]}
    cache = ExtractionCache(tmp_path, "context")
    keys = cache.keys(documents, annotation_keys, 2026)
    assert cache.load(keys) == (None, set())
    tables = {name: getattr(each, name) for name in ExtractionCache.TABLES[:-1]}
    cache.store(tables, keys)
    hits, found = cache.load(keys)
    assert found == set(documents["doc_id"])
    for name, frame in tables.items():
        assert hits[name].equals(frame), name
    first = documents["doc_id"][0]
    edited = documents.with_columns(pl.when(pl.col("doc_id") == first).then(pl.lit("Tiêu đề khác"))
                                    .otherwise(pl.col("title")).alias("title"))
    assert set(cache.load(cache.keys(edited, annotation_keys, 2026))[1]) == set(documents["doc_id"]) - {first}
    assert cache.load(cache.keys(documents, annotation_keys, 2027))[1] == set()  # another date horizon
    assert cache.load(cache.keys(documents, {**annotation_keys, first: "other"}, 2026))[1] == set(found) - {first}
    cache.store({name: frame.clear() for name, frame in tables.items()}, {first: keys[first]})
    assert len(cache.segments.names()) == 2  # a segment per stored batch


def test_past_max_segments_the_extraction_cache_keeps_only_the_current_documents(seed_run, reference, tmp_path):
    from flows.cache import ExtractionCache
    from flows.stages import extract

    documents = seed_run.documents.sort("doc_id")
    each = extract.extract_each(documents, seed_run.sentences, seed_run.mentions, reference)
    cache = ExtractionCache(tmp_path, "context", max_segments=2)
    keys = cache.keys(documents, {doc_id: f"annotation-{doc_id}" for doc_id in documents["doc_id"]}, 2026)
    for doc_id in documents["doc_id"]:  # one segment per document, as batches of one would store them
        cache.store({name: getattr(each, name).filter(document_of(getattr(each, name)) == doc_id)
                     for name in ExtractionCache.row_tables()}, {doc_id: keys[doc_id]})
    assert len(cache.segments.names()) == documents.height
    kept = documents["doc_id"][1:3].to_list()
    cache.compact({doc_id: keys[doc_id] for doc_id in kept})
    assert len(cache.segments.names()) == 1
    hits, found = cache.load(keys)
    assert found == set(kept)
    for name in ExtractionCache.row_tables():
        frame = getattr(each, name)
        expected = frame.filter(document_of(frame).is_in(kept))
        assert hits[name].sort(document_of(hits[name]), maintain_order=True).equals(expected), name


def test_the_summary_counts_tables_and_removed_blocks(incremental_runs):
    _, [(first, summary), _, _] = incremental_runs
    tables = _tables(first)
    assert summary.startswith(f"# vndiplo release {first.name}\n")
    for name, frame in tables.items():
        assert f"| {name} | {frame.height} |" in summary
    removed = tables["blocks"].filter(~pl.col("kept")).group_by("reason").len()
    assert removed.height > 0
    for reason, count in removed.iter_rows():
        assert f"| {reason} | {count} |" in summary
    assert "- rejected input files: 0" in summary
    assert "documents added since the previous release: 5 (first release in this output folder)" in summary


@pytest.fixture(scope="module")
def input_with_a_bad_file(tmp_path_factory) -> Path:
    input_dir = tmp_path_factory.mktemp("with-bad-file")
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, input_dir / path.name)
    (input_dir / "empty.txt").write_bytes(b"")
    return input_dir


def test_strict_fails_before_publishing_anything(harness, input_with_a_bad_file, tmp_path):
    from flows.pipeline import build_release
    from flows.stages.ingest import InputRejected

    with pytest.raises(InputRejected, match=r"strict: 1 input file rejected \(empty 1\), nothing published \(first: empty.txt: empty: "):
        build_release(input_dir=str(input_with_a_bad_file), output_dir=str(tmp_path), strict=True)
    assert not (tmp_path / "releases").exists()
    assert [row["source_file"] for row in _rejects_artifact_rows()] == ["empty.txt"]


def test_a_rejected_file_is_published_in_the_summary_and_the_rejects_artifact(harness, input_with_a_bad_file, tmp_path):
    from flows.pipeline import build_release

    release = Path(build_release(input_dir=str(input_with_a_bad_file), output_dir=str(tmp_path)))
    rejects = pl.read_parquet(release / "rejects.parquet")
    assert rejects["source_file"].to_list() == ["empty.txt"]
    summary = _artifact("build-release-summary").data
    assert "- rejected input files: 1" in summary
    assert re.search(r"\| empty\.txt \| ingest \| .+ \|", summary)
    rows = _rejects_artifact_rows()
    assert [row["source_file"] for row in rows] == ["empty.txt"]
    assert rows[0]["reason"] == rejects["reason"][0]


def test_the_summary_does_not_depend_on_paths_or_the_clock():
    from flows.pipeline import summary_markdown

    from flows.store import FrameDocuments

    documents = FrameDocuments(pl.DataFrame({"doc_id": ["doc_a", "doc_b"]}),
                               pl.DataFrame({"doc_id": ["doc_a", "doc_a", "doc_b", "doc_b"],
                                             "block_index": [0, 1, 0, 1], "kept": [True, False, False, False],
                                             "reason": [None, "caption", "sidebar", "caption"]}), 1)
    tables = {"rejects": pl.DataFrame({"source_file": ["b.txt", "a.txt"], "stage": ["ingest", "ingest"],
                                       "reason": ["empty file", "not UTF-8 | binary"]})}
    counts = {"computed": 1, "reused": 1}
    text = summary_markdown("1.2.0", tables, documents, {"doc_a", "doc_z"}, counts, counts, counts)
    assert text == summary_markdown("1.2.0", tables, documents, {"doc_z", "doc_a"}, counts, counts, counts)
    assert "| blocks | 4 |\n| documents | 2 |" in text
    assert "documents added since the previous release: 1 (and 1 no longer present)" in text
    assert "| caption | 2 |\n| sidebar | 1 |" in text
    assert "| a.txt | ingest | not UTF-8 \\| binary |\n| b.txt | ingest | empty file |" in text
    assert str(ROOT) not in text


@pytest.mark.parametrize("table", RELEASE_TABLES)
def test_batched_and_cached_annotation_gives_the_tables_of_one_stage_call(incremental_runs, seed_run, reference, table):
    """The flow (annotation mapped in batches, the second run read from the cache) against the
    stages called once in-process (tests/conftest.py): the same rows (publish sets the row order).
    The flow's documents also carry the relevance stage's columns, which conftest's stages do not
    compute."""
    _, [(first, _), (second, _), _] = incremental_runs
    expected = seed_run.tables(reference)[table]
    for release in (first, second):
        actual = pl.read_parquet(release / f"{table}.parquet")
        extra = set(actual.columns) - set(expected.columns)
        assert extra <= ({"relevance", "relevance_reason"} if table == "documents" else set())
        assert actual.schema == pl.Schema({**expected.schema, **{c: actual.schema[c] for c in extra}})
        assert sorted(map(repr, actual.select(expected.columns).rows())) == sorted(map(repr, expected.rows())), \
            (release.name, table)


@pytest.mark.parametrize("interactive, total, expected", [(True, 5, "Progress"), (False, 5, None), (True, 0, None)])
def test_a_progress_bar_only_on_an_interactive_terminal(monkeypatch, interactive, total, expected):
    from flows import pipeline

    monkeypatch.setattr(pipeline.sys.stderr, "isatty", lambda: interactive, raising=False)
    progress = pipeline._progress(total)
    assert (type(progress).__name__ if progress is not None else None) == expected


@pytest.mark.parametrize("chunk_documents", [1, 2, 4])
def test_extraction_in_chunks_of_documents_gives_the_rows_of_one_pass(seed_run, reference, monkeypatch, chunk_documents):
    from flows.stages import extract

    documents = seed_run.documents.sort("doc_id")
    whole = extract.extract_each(documents, seed_run.sentences, seed_run.mentions, reference)
    assert whole.events.height and whole.statements.height
    monkeypatch.setattr(extract, "EXTRACT_CHUNK_DOCUMENTS", chunk_documents)
    # shuffled input rows: each chunk must still find its own documents' sentences and mentions
    chunked = extract.extract_each(documents.reverse(), seed_run.sentences.reverse(), seed_run.mentions.reverse(),
                                   reference)
    for name in ("events", "statements", "event_mentions", "mentions", "dropped_events"):
        assert getattr(chunked, name).equals(getattr(whole, name)), name


# --- heartbeats: sent by the flow itself on a lasting server (flows.pipeline.flow_run_heartbeats) ---------

def _heartbeats_recorded_at(monkeypatch, module) -> list[dict]:
    """The heartbeat events `module` emits from now on, recorded instead of sent."""
    sent = []

    def record(**event):
        if event["event"] == "prefect.flow-run.heartbeat":
            sent.append(event)

    monkeypatch.setattr(module, "emit_event", record)
    return sent


def test_on_a_lasting_server_the_flow_sends_prefects_heartbeat_and_prefects_engine_none(harness, monkeypatch,
                                                                                        tmp_path):
    import prefect.flow_engine
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from flows import pipeline

    ours, prefects = (_heartbeats_recorded_at(monkeypatch, module) for module in (pipeline, prefect.flow_engine))
    input_dir = tmp_path / "input"
    input_dir.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], input_dir)
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 30}):
        # Prefect's own, as a deployment's run sends them: what ours must look like
        by_prefect = pipeline.build_release(input_dir=str(input_dir), output_dir=str(tmp_path / "a"),
                                            return_state=True)
        with pipeline.heartbeats_sent_by_the_flow():
            by_flow = pipeline.build_release(input_dir=str(input_dir), output_dir=str(tmp_path / "b"),
                                             return_state=True)
    assert by_prefect.is_completed() and by_flow.is_completed()
    # one each: the first heartbeat goes out as the run starts, the next 30 s later
    assert [event["resource"]["prefect.resource.id"] for event in prefects] == [
        f"prefect.flow-run.{by_prefect.state_details.flow_run_id}"]
    assert [event["resource"]["prefect.resource.id"] for event in ours] == [
        f"prefect.flow-run.{by_flow.state_details.flow_run_id}"]
    [prefect_event], [our_event] = prefects, ours
    assert set(our_event["resource"]) == set(prefect_event["resource"])
    assert our_event["resource"]["prefect.version"] == prefect_event["resource"]["prefect.version"]
    assert our_event["related"] == [dict(related.root) for related in prefect_event["related"]]
    assert [related["prefect.resource.role"] for related in our_event["related"]] == ["flow"]


def test_the_flows_heartbeats_repeat_every_interval_and_their_thread_ends_with_the_block(harness, monkeypatch):
    import time

    from prefect import flow

    from flows import pipeline

    sent = _heartbeats_recorded_at(monkeypatch, pipeline)

    @flow
    def beating(seconds: float, beats: int):
        token = pipeline._HEARTBEAT_SECONDS.set(seconds)  # as heartbeats_sent_by_the_flow sets it
        try:
            with pipeline.flow_run_heartbeats() as thread:
                deadline = time.monotonic() + 30
                while len(sent) < beats and time.monotonic() < deadline:
                    time.sleep(0.01)
        finally:
            pipeline._HEARTBEAT_SECONDS.reset(token)
        thread.join(timeout=5)  # nothing joins it in the flow; here to see that it has ended
        return not thread.is_alive()

    assert beating(0.02, 3) and len(sent) >= 3
    sent.clear()
    # An interval of 10 minutes: the thread waits on an Event, not for the interval to pass.
    assert beating(600, 1) and len(sent) == 1


def test_outside_a_run_started_for_them_the_flow_sends_no_heartbeats(harness, monkeypatch):
    from prefect import flow

    from flows import pipeline

    sent = _heartbeats_recorded_at(monkeypatch, pipeline)

    @flow
    def not_set():
        with pipeline.flow_run_heartbeats() as thread:
            return thread

    assert not_set() is None and sent == []
    token = pipeline._HEARTBEAT_SECONDS.set(30)
    try:
        with pipeline.flow_run_heartbeats() as thread:  # no flow run
            assert thread is None
    finally:
        pipeline._HEARTBEAT_SECONDS.reset(token)
    assert sent == []


def test_blocks_texts_and_annotations_are_read_and_made_only_inside_task_runs(harness, monkeypatch, tmp_path):
    """The flow's own code reads no stored rows and annotates nothing: each annotation and extraction
    task reads its batch's blocks and texts from the one part of the run folder they are in, annotates
    and extracts them (on whichever worker runs it) and leaves the extracted rows there, so on a Dask
    cluster no block, text, sentence or mention passes through the flow's process; publishing is given
    the mentions as the files the tasks left, not as a table."""
    import gc
    import weakref

    from prefect.context import TaskRunContext

    from flows import pipeline
    from flows.cache import ANNOTATION_INPUT_COLUMNS
    from flows.stages import annotate
    from flows.store import DocumentStore

    reads, annotations, alive_when_publishing, published = [], [], [], []
    rows, annotate_documents, publish_release = DocumentStore.rows, annotate.annotate, pipeline.publish_release

    def recording_rows(store, table, kept, columns=None):
        reads.append((table, columns, store.only, TaskRunContext.get() is not None))
        return rows(store, table, kept, columns)

    def recording_annotation(*args, **kwargs):
        sentences, mentions = annotate_documents(*args, **kwargs)
        annotations.append((TaskRunContext.get() is not None, weakref.ref(sentences), weakref.ref(mentions)))
        return sentences, mentions

    def checking_publish(tables, documents, *args, **kwargs):
        gc.collect()
        alive_when_publishing.extend(ref() is not None for _, *refs in annotations for ref in refs)
        published.append((sorted(tables), documents.mentions.files, documents.heights()["mentions"]))
        return publish_release(tables, documents, *args, **kwargs)

    monkeypatch.setattr(DocumentStore, "rows", recording_rows)
    monkeypatch.setattr(annotate, "annotate", recording_annotation)
    monkeypatch.setattr(pipeline, "publish_release", checking_publish)
    input_dir = tmp_path / "input"
    input_dir.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, input_dir)
    assert Path(pipeline.build_release(input_dir=str(input_dir), output_dir=str(tmp_path / "out"))).is_dir()
    assert ("blocks", tuple(ANNOTATION_INPUT_COLUMNS)) in {(table, columns) for table, columns, *_ in reads}
    assert {table for table, *_ in reads} == {"blocks", "documents"}
    assert all(inside for *_, inside in reads), reads
    assert all(only is not None and len(only) == 1 for _, _, only, _ in reads), reads  # its part (one here)
    assert annotations and all(inside for inside, *_ in annotations)
    assert alive_when_publishing and not any(alive_when_publishing)  # the tasks returned extracted rows only
    [(tables, mention_files, mention_rows)] = published
    assert "mentions" not in tables and mention_files and mention_rows > 0
    assert all(path.parent.name == pipeline.EXTRACTED for path in mention_files)


def test_a_failed_prepare_batch_fails_the_run_with_its_own_error(harness, monkeypatch, tmp_path):
    """Linking is given the prepare tasks' futures; when one of them failed, the run ends with that
    task's one-line error, not with Prefect's "upstream task did not reach a COMPLETED state"."""
    from flows import pipeline
    from flows.stages import ingest

    def changed(_input_dir, sources):
        raise ingest.InputChanged(f"input file {sources['path'][0]} changed while the run was reading it; run again")

    monkeypatch.setattr(ingest, "read_paths", changed)
    input_dir = tmp_path / "input"
    input_dir.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], input_dir)
    with pytest.raises(ingest.InputChanged, match=r"^input file .+ changed while the run was reading it; run again$"):
        pipeline.build_release(input_dir=str(input_dir), output_dir=str(tmp_path / "out"))
    assert not (tmp_path / "out" / "releases").exists()


def test_batches_of_one_document_give_the_release_of_the_default_batches(incremental_runs, tmp_path):
    """A prepare task and an annotation and extraction task per document: each reads its part of the run
    folder and leaves its rows there, and the release is the one of the default batches."""
    from flows.pipeline import build_release

    _, [(first, _), *_] = incremental_runs
    input_dir = tmp_path / "input"
    input_dir.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, input_dir / path.name)
    release = Path(build_release(input_dir=str(input_dir), output_dir=str(tmp_path / "out"), use_cache=False,
                                 batch_size=1, stage_batch_size=1))
    expected, tables = _tables(first), _tables(release)
    for name in RELEASE_TABLES:
        assert tables[name].equals(expected[name]), name


def test_extracted_rows_come_back_in_document_order_whatever_the_order_they_were_left_in(seed_run, reference,
                                                                                        tmp_path):
    """The tables the flow holds are read back in document order; the mentions and statements stay in the
    files they were left in, and publishing reads them in chunks (`tests/test_store.py`)."""
    from flows import release
    from flows.cache import ExtractionCache
    from flows.pipeline import CACHED_RESULTS, EXTRACTED, HELD_TABLES, extracted_row_files, extracted_rows
    from flows.stages import extract
    from flows.store import DocumentStore

    each = extract.extract_each(seed_run.documents.sort("doc_id"), seed_run.sentences, seed_run.mentions, reference)
    tables = {name: getattr(each, name) for name in ExtractionCache.row_tables()}
    doc_ids = sorted(seed_run.documents["doc_id"])

    def rows_of(ids: list[str]) -> dict[str, pl.DataFrame]:
        return {name: frame.filter(document_of(frame).is_in(ids)) for name, frame in tables.items()}

    store = DocumentStore(tmp_path)
    # the last two documents from the cache, the others left by tasks under names in reverse document order
    for number, doc_id in enumerate(reversed(doc_ids[:-2])):
        store.write_results(EXTRACTED, f"{number:02d}", rows_of([doc_id]))
    store.write_results(EXTRACTED, CACHED_RESULTS, {name: frame.lazy() for name, frame in rows_of(doc_ids[-2:]).items()})
    rows = extracted_rows(store)
    assert all(tables[name]["source_doc_ids" if name == "events" else "doc_id"].n_unique() > 1
               for name in ("events", "statements", "mentions"))
    assert set(rows) == set(HELD_TABLES) and not {"mentions", "statements"} & set(rows)
    for name in HELD_TABLES:
        assert rows[name].equals(tables[name]), name
    row_files = extracted_row_files(store)
    assert set(row_files) == {"mentions", "statements"}
    for name, files in row_files.items():
        assert len(files.files) == len(doc_ids) - 1 and files.schema == tables[name].schema
        assert release.sort_table(name, pl.read_parquet(list(files.files))).equals(release.sort_table(name, tables[name]))


@pytest.mark.parametrize("deleted, annotated, extracted", [
    ("extract", (0, 5), (5, 0)),  # extracted again from the cached sentences and mentions, not annotated again
    ("annotate", (5, 0), (5, 0)),  # annotated again, so that the annotation cache holds every document again
])
def test_a_deleted_cache_is_rebuilt_from_what_the_other_holds(harness, tmp_path, deleted, annotated, extracted):
    """A document is read from the extraction cache only when its annotation is cached too; the tables are
    the same whichever cache was deleted."""
    from flows.pipeline import build_release

    input_dir = tmp_path / "input"
    input_dir.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, input_dir / path.name)
    output = tmp_path / "out"
    first = Path(build_release(input_dir=str(input_dir), output_dir=str(output)))
    shutil.rmtree(output / "cache" / deleted)
    again = Path(build_release(input_dir=str(input_dir), output_dir=str(output)))
    summary = _artifact("build-release-summary").data
    assert (_annotation_counts(summary), _extraction_counts(summary)) == (annotated, extracted)
    first_tables, again_tables = _tables(first), _tables(again)
    for name in RELEASE_TABLES:
        assert again_tables[name].equals(first_tables[name]), name
