"""Publishing: validation gates the write, releases appear atomically, versions advance."""

from __future__ import annotations

import json

import polars as pl
import pytest

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
    ],
    ids=["cleaned text", "raw text", "statement offsets", "event sources"],
)
@pytest.mark.parametrize("documents_per_step", [2_000, 2, 1])
def test_cross_table_checks(tables, change, expected, documents_per_step, monkeypatch):
    from flows.stages import publish

    monkeypatch.setattr(publish, "CHECK_DOCUMENTS", documents_per_step)
    assert cross_table_failures(tables) == []
    failures = cross_table_failures(change(tables))
    assert any(expected in f for f in failures)
    # every damaged document is reported once, whichever step it falls in
    assert len(failures) == len(set(failures))


def test_validate_reports_a_missing_file_and_a_wrong_row_count(tables, tmp_path):
    release = write_release(tables, tmp_path, "test")
    (release / "rejects.parquet").unlink()
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    manifest["tables"]["events"]["rows"] += 1
    (release / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    failures = release_failures(release)
    assert any("rejects: file rejects.parquet missing" in f for f in failures)
    assert any("events:" in f and "rows, manifest says" in f for f in failures)
