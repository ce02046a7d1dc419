"""Releases analysts can rely on: stable ids, versioning policy, up-to-date runs, the files beside
the tables (changelog, data package, checksums, data card), JSON Schema export, listing, diff, load()."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import polars as pl
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_ARTICLES, SEEDS, run_stages
from flows import __version__, release
from flows.release import (PublishLocked, bump, diff_table, diff_tables, input_files_of_tables, input_files_on_disk,
                           load, publish_lock, release_fingerprint, up_to_date)
from flows.stages.publish import release_failures, write_release

SIXTH_ARTICLE = "01_thu_tuong_hoi_dam_mishustin.txt"  # a fixture article about another contact


@pytest.fixture(scope="module")
def tables(seed_run, reference):
    return seed_run.tables(reference)


@pytest.fixture(scope="module")
def six_run(reference):
    from flows.stages.ingest import SourceFile, read_sources

    sixth = SourceFile(f"zz_{SIXTH_ARTICLE}", (FIXTURE_ARTICLES / SIXTH_ARTICLE).read_bytes())
    return run_stages(read_sources(SEEDS) + [sixth], reference)


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory, tables, six_run, reference):
    """1.0.0 from the five seeds, 1.1.0 with a sixth article added, as `vndiplo run` would publish them."""
    output = tmp_path_factory.mktemp("output")
    first = write_release(tables, output, __version__)
    second = write_release(six_run.tables(reference), output, __version__)
    return output, first, second


# ---------------------------------------------------------------- stable ids


@pytest.mark.parametrize("table, key", [("documents", "doc_id"), ("events", "event_id"),
                                        ("statements", "statement_id"), ("mentions", "doc_id")])
def test_adding_a_sixth_document_keeps_every_existing_id(seed_run, six_run, table, key):
    before, after = getattr(seed_run, table), getattr(six_run, table)
    assert set(before[key]) <= set(after[key])
    assert set(after[key]) - set(before[key])  # the sixth article did add rows


@pytest.mark.parametrize("table, key", [("documents", "doc_id"), ("statements", "statement_id"),
                                        ("blocks", ["doc_id", "block_index"])])
def test_rows_of_existing_ids_are_unchanged_by_a_sixth_document(seed_run, six_run, table, key):
    before = getattr(seed_run, table)
    keys = before.select(key)
    after = getattr(six_run, table).join(keys, on=key, how="semi")
    assert after.sort(key).equals(before.sort(key))


def test_statement_ids_do_not_depend_on_offsets(reference):
    """Words added to the title move every later offset, not the ids (the doc_id comes from the URL)."""
    from flows.stages.ingest import SourceFile, read_sources

    source = next(s for s in read_sources(SEEDS) if s.path.startswith("004"))  # has a URL line
    lines = source.content.decode("utf-8").split("\n")
    lines[1] += " (video)"
    before = run_stages([source], reference).statements
    after = run_stages([SourceFile(source.path, "\n".join(lines).encode("utf-8"))], reference).statements
    moved = after.join(before.select("statement_id", old_start="char_start"), on="statement_id")
    assert before.height > 0 and moved.height == before.height == after.height
    assert (moved["char_start"] == moved["old_start"] + len(" (video)")).all()


# ---------------------------------------------------------------- versioning policy


def _retype(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col("n_sources").cast(pl.Int64))


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda t: t, None),
        (lambda t: dict(t, events=t["events"].with_columns(trigger=pl.col("trigger") + "!")), "1.0.1"),
        (lambda t: dict(t, events=t["events"].head(t["events"].height - 1)), "1.1.0"),
        (lambda t: dict(t, events=t["events"].with_columns(note=pl.lit("x"))), "1.1.0"),
        (lambda t: dict(t, extra=pl.DataFrame({"k": [1]})), "1.1.0"),
        (lambda t: dict(t, events=t["events"].drop("trigger")), "2.0.0"),
        (lambda t: dict(t, events=t["events"].rename({"trigger": "trigger_word"})), "2.0.0"),
        (lambda t: dict(t, events=_retype(t["events"])), "2.0.0"),
        (lambda t: {k: v for k, v in t.items() if k != "rejects"}, "2.0.0"),
    ],
    ids=["nothing", "values only: patch", "rows removed: minor", "column added: minor", "table added: minor",
         "column removed: major", "column renamed: major", "type changed: major", "table removed: major"],
)
def test_the_next_version_follows_the_policy(tables, change, expected):
    assert bump("1.0.0", diff_tables(tables, change(tables))) == expected


def test_rows_added_is_minor_and_named_by_id(tables):
    events = tables["events"]
    diff = diff_table("events", events.head(events.height - 2), events)
    assert diff.added == sorted(events["event_id"].to_list()[-2:])
    assert bump("1.4.2", [diff]) == "1.5.0"
    assert bump(None, [diff]) == "1.0.0"


@pytest.mark.parametrize(
    "table, column, new_value",
    [
        ("statements", "act", pl.lit("deny")),
        ("events", "participants", pl.col("participants").list.reverse()),
        ("events", "date", pl.col("date") + pl.duration(days=1)),
    ],
    ids=["string", "list of structs", "date"],
)
def test_changed_values_are_named_by_id_and_column(tables, table, column, new_value):
    frame = release.sort_table(table, tables[table])
    key = release.TABLE_KEYS[table]  # a row is named by its key's values, joined by "/"
    first = frame.row(0, named=True)
    changed = frame.with_columns(pl.when(pl.all_horizontal(pl.col(c) == first[c] for c in key)).then(new_value)
                                 .otherwise(pl.col(column)).alias(column))
    diff = diff_table(table, frame, changed)
    target = "/".join(first[c] for c in key)
    assert (diff.changed, diff.changed_columns, diff.added, diff.removed) == ([target], {column: 1}, [], [])


@settings(max_examples=40, deadline=None)
@given(before=st.sets(st.integers(0, 30)), after=st.sets(st.integers(0, 30)), edited=st.sets(st.integers(0, 30)))
def test_diff_finds_exactly_the_added_removed_and_changed_rows(before, after, edited):
    def frame(ids, edited=frozenset()):
        ids = sorted(ids)
        return pl.DataFrame({"event_id": [f"evt_{i:02d}" for i in ids],
                             "trigger": ["new" if i in edited else "old" for i in ids],
                             "source_doc_ids": [[f"doc_{i}"] for i in ids]},
                            schema={"event_id": pl.String, "trigger": pl.String, "source_doc_ids": pl.List(pl.String)})
    diff = diff_table("events", frame(before), frame(after, edited))
    assert diff.added == [f"evt_{i:02d}" for i in sorted(after - before)]
    assert diff.removed == [f"evt_{i:02d}" for i in sorted(before - after)]
    assert diff.changed == [f"evt_{i:02d}" for i in sorted(before & after & edited)]
    assert bump("1.0.0", [diff]) == ("1.1.0" if before != after else "1.0.1" if diff.changed else None)


# ---------------------------------------------------------------- fingerprint and "up to date"


def test_the_fingerprint_from_the_tables_equals_the_one_from_the_files(tables):
    assert input_files_of_tables(tables) == input_files_on_disk(SEEDS)
    from_tables = release_fingerprint(input_files_of_tables(tables), "1")
    assert from_tables == release_fingerprint(input_files_on_disk(SEEDS), "1")
    assert from_tables != release_fingerprint(input_files_on_disk(SEEDS), "2")  # the vndiplo version counts


def test_a_file_not_read_stands_for_its_reject_reason_among_the_input_files(tmp_path):
    import hashlib

    from flows.stages.ingest import read_refs

    (tmp_path / "a.txt").write_bytes("Tiêu đề\n\nĐoạn một.\n".encode())
    (tmp_path / "b.txt").symlink_to("/etc/hostname")  # out of the input folder: never opened
    reason = read_refs(tmp_path)["reject_reason"][1]
    assert reason
    assert input_files_on_disk(tmp_path) == [("a.txt", hashlib.sha256((tmp_path / "a.txt").read_bytes()).hexdigest()),
                                             ("b.txt", f"rejected:{reason}")]


def test_a_run_on_the_same_inputs_is_up_to_date(tables, tmp_path):
    assert up_to_date(SEEDS, tmp_path) is None
    write_release(tables, tmp_path, __version__)
    assert up_to_date(SEEDS, tmp_path) == "1.0.0"
    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    assert up_to_date(inputs, tmp_path) == "1.0.0"  # content and relative paths, not the folder's place
    first = sorted(inputs.iterdir())[0]
    first.write_bytes(first.read_bytes() + b"\n")
    assert up_to_date(inputs, tmp_path) is None


def test_vndiplo_run_prints_up_to_date_without_starting_the_flow(tables, tmp_path, capsys, monkeypatch):
    from flows.cli import main

    write_release(tables, tmp_path, __version__)
    monkeypatch.setitem(sys.modules, "flows.pipeline", None)  # importing the flow would now fail
    assert main(["run", "--input", str(SEEDS), "--output", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "up to date: 1.0.0\n"
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == ["1.0.0", "LATEST"]


def test_the_up_to_date_check_imports_no_pandera():
    """`vndiplo run` fingerprints the publish stage's configuration before the flow, to tell whether the
    newest release is up to date: pandera (and pandas with it, half a second) is imported only to
    validate, so a run with nothing new ends without importing it."""
    check = "import sys; from flows.release import config_fingerprint; config_fingerprint(); print('pandera' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", check], capture_output=True, text=True).stdout.strip() == "False"


@pytest.mark.parametrize("runner", ["auto", "thread"])
def test_vndiplo_run_reads_the_inputs_once_before_the_flow(tables, tmp_path, capsys, monkeypatch, runner):
    import flows.pipeline
    from flows.cli import main
    from flows.prefect_server import TemporaryServer
    from flows.stages import ingest

    release = write_release(tables, tmp_path, __version__)
    inputs = tmp_path / "inputs"
    shutil.copytree(SEEDS, inputs)
    (inputs / "moi.txt").write_text("Tiêu đề mới\n\nĐoạn một.\n", encoding="utf-8")  # not up to date
    reads, counts = [], []
    real_read_refs = ingest.read_refs

    def counting_read_refs(input_dir, *args):
        reads.append(input_dir)
        return real_read_refs(input_dir, *args)

    def fake_run_build(input_dir, output_dir, runner="auto", n_inputs=None, **options):
        counts.append(n_inputs)  # the files to prepare, as the CLI counted them
        return release

    monkeypatch.setattr(ingest, "read_refs", counting_read_refs)
    monkeypatch.setattr(flows.pipeline, "run_build", fake_run_build)
    monkeypatch.setattr(TemporaryServer, "start_unless_configured", staticmethod(lambda: None))
    assert main(["run", "--input", str(inputs), "--output", str(tmp_path), "--runner", runner]) == 0
    assert reads == [inputs]  # for "up to date", and for the auto runner's count of files to prepare
    assert counts == [len(list(inputs.iterdir())) if runner == "auto" else 0]  # no prepare cache here
    assert capsys.readouterr().out.splitlines()[-1] == "up to date: 1.0.0"  # the fake flow gave the same release


def test_a_sixth_document_gives_1_1_0_with_a_changelog_naming_it(two_releases, six_run, seed_run):
    output, first, second = two_releases
    assert (first.name, second.name) == ("1.0.0", "1.1.0")
    assert (output / "releases" / "LATEST").read_text(encoding="utf-8") == "1.1.0\n"
    new_doc = six_run.doc_id("zz_")
    changelog = (second / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"`{new_doc}` (zz_{SIXTH_ARTICLE})" in changelog
    assert "Changes since 1.0.0 (minor release" in changelog
    assert "First release" in (first / "CHANGELOG.md").read_text(encoding="utf-8")
    for table, key in (("documents", "doc_id"), ("events", "event_id"), ("statements", "statement_id")):
        old, new = set(load(table, "1.0.0", output)[key]), set(load(table, "1.1.0", output)[key])
        assert old <= new, f"{table}: ids of 1.0.0 missing from 1.1.0"


# ---------------------------------------------------------------- release contents


def test_parquet_files_are_sorted_zstd_with_statistics_and_the_version(two_releases):
    _, _, second = two_releases
    manifest = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    for name, spec in manifest["tables"].items():
        parquet = pq.ParquetFile(second / spec["file"])
        meta = parquet.metadata
        assert meta.metadata[b"vndiplo.release_version"] == b"1.1.0"
        frame = pl.read_parquet(second / spec["file"])
        assert frame.equals(frame.sort(spec["sort_key"], nulls_last=False, maintain_order=True)), name
        if meta.num_rows:
            column = meta.row_group(0).column(0)
            assert column.compression == "ZSTD"
            assert column.statistics is not None and column.statistics.has_min_max


def test_sha256sum_verifies_the_folder(two_releases):
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum not installed")
    _, _, second = two_releases
    result = subprocess.run(["sha256sum", "--strict", "-c", "SHA256SUMS"], cwd=second, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = [line.split("  ", 1)[1] for line in (second / "SHA256SUMS").read_text(encoding="utf-8").splitlines()]
    assert sorted(listed) == sorted(p.name for p in second.iterdir() if p.name != "SHA256SUMS")


def test_frictionless_accepts_the_data_package(two_releases):
    frictionless = pytest.importorskip("frictionless")
    _, first, _ = two_releases
    report = frictionless.validate(str(first / "datapackage.json"))
    errors = [e.message for task in report.tasks for e in task.errors][:5]
    assert report.valid, errors
    package = json.loads((first / "datapackage.json").read_text(encoding="utf-8"))
    events = next(r for r in package["resources"] if r["path"] == "events.parquet")
    fields = {f["name"]: f for f in events["schema"]["fields"]}
    assert fields["event_type"]["constraints"]["enum"][0] == "phone_call"
    assert fields["event_id"]["description"].startswith("Stable id")
    keys = {r["path"].removesuffix(".parquet"): r["schema"].get("primaryKey") for r in package["resources"]}
    # the column unique alone, also where the sort key starts with doc_id (statements); none for composite keys
    assert keys == {"documents": ["doc_id"], "blocks": None, "events": ["event_id"], "statements": ["statement_id"],
                    "mentions": None, "event_mentions": None, "entities": ["entity_id"], "rejects": None}


def test_the_data_card_describes_every_table_and_field(two_releases):
    _, first, _ = two_releases
    card = (first / "DATACARD.md").read_text(encoding="utf-8")
    for heading in ("## Summary", "## Sources and outlets", "## Collection and processing", "## Known limitations",
                    "## Evaluation", "## Licence and rights", "## How to cite", "GPL-3.0-or-later"):
        assert heading in card
    for name, frame in release.read_tables(first).items():
        assert f"### {name}" in card
        assert all(f"| `{column}` |" in card for column in frame.columns)


@pytest.mark.parametrize(
    "damage, expected",
    [
        (lambda r: (r / "CHANGELOG.md").unlink(), "CHANGELOG.md missing"),
        (lambda r: (r / "DATACARD.md").write_text("# card\n", encoding="utf-8"), "DATACARD.md"),
        (lambda r: (r / "datapackage.json").write_text("{", encoding="utf-8"), "datapackage.json unreadable"),
        (lambda r: (r / "notes.txt").write_text("x", encoding="utf-8"), "SHA256SUMS does not list notes.txt"),
        (lambda r: (r / "SHA256SUMS").unlink(), "SHA256SUMS missing"),
    ],
    ids=["changelog missing", "data card altered", "data package broken", "unlisted file", "checksums missing"],
)
def test_validate_checks_the_new_files(two_releases, tmp_path, damage, expected):
    _, first, _ = two_releases
    copy = tmp_path / first.name
    shutil.copytree(first, copy)
    assert release_failures(copy) == []
    damage(copy)
    assert any(expected in failure for failure in release_failures(copy))


def test_identical_inputs_give_byte_identical_releases(tables, tmp_path, monkeypatch):
    one = write_release(tables, tmp_path / "a", "test")
    two = write_release(tables, tmp_path / "b", "test")
    differing = [p.name for p in sorted(one.iterdir()) if p.read_bytes() != (two / p.name).read_bytes()]
    assert set(differing) <= {"manifest.json", "SHA256SUMS"}  # created_at only
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    three = write_release(tables, tmp_path / "c", "test")
    four = write_release(tables, tmp_path / "d", "test")
    assert (three / "SHA256SUMS").read_bytes() == (four / "SHA256SUMS").read_bytes()
    assert json.loads((three / "manifest.json").read_text(encoding="utf-8"))["created_at"] == "2026-01-01T00:00:00+00:00"


# ---------------------------------------------------------------- JSON Schema export


def test_committed_json_schemas_are_up_to_date():
    from flows.schema_json import stale_files

    assert stale_files() == [], "schemas/json/ is stale: run `python -m flows.schema_json` and commit the diff"


def test_a_changed_model_makes_the_json_schemas_stale(tmp_path):
    from flows.schema_json import stale_files, write_schemas

    write_schemas(tmp_path / "json")
    assert stale_files(tmp_path / "json") == []
    path = tmp_path / "json" / "events.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    del schema["properties"]["trigger"]
    path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "json" / "lunches.schema.json").write_text("{}\n", encoding="utf-8")
    assert stale_files(tmp_path / "json") == ["events.schema.json", "lunches.schema.json"]


def _json_rows(frame: pl.DataFrame) -> list[dict]:
    return json.loads(frame.write_json())


@pytest.mark.parametrize("table", ["documents", "events", "statements", "entities", "blocks"])
def test_released_rows_validate_against_their_json_schema(tables, table):
    jsonschema = pytest.importorskip("jsonschema")
    from flows.schema_json import JSON_DIR

    schema = json.loads((JSON_DIR / f"{table}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    rows = _json_rows(release.sort_table(table, tables[table]))
    assert rows
    for row in rows:
        errors = [e.message for e in validator.iter_errors(row)]
        assert not errors, errors[:3]


@pytest.mark.parametrize(
    "table, column, value",
    [("events", "event_type", "lunch"), ("events", "date", "24/2/2026"), ("events", "participants", [{"name": 1}]),
     ("documents", "doc_id", None), ("statements", "topics", "energy")],
    ids=["enum", "date format", "struct field type", "not nullable", "list"],
)
def test_the_json_schema_rejects_a_bad_value(tables, table, column, value):
    jsonschema = pytest.importorskip("jsonschema")
    from flows.schema_json import JSON_DIR

    schema = json.loads((JSON_DIR / f"{table}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    row = dict(_json_rows(tables[table].head(1))[0], **{column: value})
    assert list(validator.iter_errors(row))


# ---------------------------------------------------------------- listing, diff, load


def test_load_reads_a_table_of_a_release(two_releases):
    output, first, second = two_releases
    assert load("events", root=output).equals(pl.read_parquet(second / "events.parquet"))
    assert load("events", "1.0.0", output).equals(pl.read_parquet(first / "events.parquet"))
    assert load("events", "latest", output / "releases").height == pl.read_parquet(second / "events.parquet").height
    with pytest.raises(FileNotFoundError, match="no release 9.9.9"):
        load("events", "9.9.9", output)
    with pytest.raises(KeyError, match="no table 'lunches'"):
        load("lunches", root=output)


def test_vndiplo_releases_lists_versions_dates_and_row_counts(two_releases, capsys):
    from flows.cli import main

    output, first, second = two_releases
    assert main(["releases", "--output", str(output)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["version", "created_at", "documents"]
    assert lines[1].split()[0] == "1.0.0" and lines[2].startswith("1.1.0 (LATEST)")
    assert lines[1].split()[2] == "5" and lines[2].split()[3] == "6"


def test_vndiplo_diff_names_the_added_document(two_releases, six_run, capsys):
    from flows.cli import main

    output, _, _ = two_releases
    assert main(["diff", "1.0.0", "1.1.0", "--output", str(output)]) == 0
    out = capsys.readouterr().out
    assert "### documents: 5 → 6 rows (+1 added, -0 removed, ~0 changed" in out
    assert six_run.doc_id("zz_") in out


def test_hidden_staging_folders_are_not_releases_and_are_cleaned(tables, tmp_path):
    releases = tmp_path / "releases"
    (releases / ".1.0.0-leftover").mkdir(parents=True)
    (releases / ".1.0.0-leftover" / "events.parquet").write_bytes(b"partial")
    (releases / ".LATEST-123.tmp").write_text("9.9.9\n", encoding="utf-8")
    assert release.list_releases(tmp_path) == []
    write_release(tables, tmp_path, "test")
    assert sorted(p.name for p in releases.iterdir()) == ["1.0.0", "LATEST"]


# ---------------------------------------------------------------- lock


def test_a_second_publisher_fails_with_a_clear_message(tables, tmp_path):
    with publish_lock(tmp_path / "releases"):
        with pytest.raises(PublishLocked, match=rf"another vndiplo run \(pid {os.getpid()}\) is publishing"):
            write_release(tables, tmp_path, "test")
    assert write_release(tables, tmp_path, "test").name == "1.0.0"
    assert not (tmp_path / "releases" / ".lock").exists()


def test_a_lock_left_by_a_dead_process_is_taken_over(tables, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / ".lock").write_text(dead.stdout, encoding="utf-8")
    assert write_release(tables, tmp_path, "test").name == "1.0.0"
    assert not (releases / ".lock").exists()


def test_an_empty_lock_is_left_alone_while_new_and_taken_over_when_old(tables, tmp_path):
    """A run killed between creating the lock and writing its pid leaves an empty lock file."""
    releases = tmp_path / "releases"
    releases.mkdir()
    lock = releases / ".lock"
    lock.write_text("", encoding="utf-8")
    with pytest.raises(PublishLocked, match="is starting to publish"):
        write_release(tables, tmp_path, "test")
    old = lock.stat().st_mtime - 2 * release.EMPTY_LOCK_GRACE_SECONDS
    os.utime(lock, (old, old))
    assert write_release(tables, tmp_path, "test").name == "1.0.0"


def _rewrite_events(release_dir, frame: pl.DataFrame) -> None:
    frame.write_parquet(release_dir / "events.parquet")


@pytest.mark.parametrize(
    "damage, expected",
    [
        (lambda r: _rewrite_events(r, pl.read_parquet(r / "events.parquet").head(1)), "events: 1 rows"),
        (lambda r: _rewrite_events(r, pl.read_parquet(r / "events.parquet").with_columns(pl.col("confidence").cast(pl.Float32))),
         "events: columns differ"),
        (lambda r: (r / "events.parquet").write_bytes(b"PAR1 not really"), "events: sha256"),
    ],
    ids=["rows dropped", "column type changed", "file damaged"],
)
def test_the_publisher_s_shallow_check_reads_metadata_only_but_catches_damaged_tables(two_releases, tmp_path, damage,
                                                                                      expected):
    _, first, _ = two_releases
    copy = tmp_path / first.name
    shutil.copytree(first, copy)
    assert release_failures(copy, deep=False) == []
    damage(copy)
    for deep in (True, False):
        assert any(expected in failure for failure in release_failures(copy, deep=deep)), deep
