"""Publish: validate the release tables and write them as a new, immutable release version.

What it guarantees:
- nothing is written unless every table passes its pandera schema (validated eagerly with
  `lazy=True`, so every failing check is reported at once; blocks in key order in steps of whole
  documents, which find the same failures) and the cross-table checks below;
- one publisher at a time per output folder (`release.publish_lock`); leftovers of killed runs
  are removed under the lock before anything else;
- the next version follows the policy in `flows.release` (MAJOR/MINOR/PATCH from the diff with
  the previous release); when the fingerprint (inputs, vndiplo version, code, configuration)
  equals the previous release's, or the tables are identical to it, nothing is written and the
  existing release is returned;
- a release is written into a hidden folder (`releases/.<version>-XXXX`) beside its final place:
  the sorted tables (zstd, statistics, version in the key-value metadata), CHANGELOG.md,
  datapackage.json, DATACARD.md, manifest.json and SHA256SUMS; every file is fsynced, the
  written folder is verified (`release_failures(deep=False)`: checksums, row counts and column
  types from the Parquet metadata; the data itself was validated in memory just before), and
  only then renamed into
  `<output>/releases/<version>/`; `LATEST` is replaced atomically after that, so a reader never
  sees half a release and a run killed at any moment leaves the previous release and LATEST intact;
- `manifest.json` records the version, creation time (`SOURCE_DATE_EPOCH` pins it), vndiplo
  version, previous version, fingerprints, and per table the row count, sha256, sort key and
  column names and types.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandera.errors
import polars as pl

from flows import release
from flows.fingerprint import bytes_sha256, code_fingerprint, combine, file_sha256
from flows.release import FIRST_VERSION, VERSION_RE
from flows.stages.dedup import SEPARATOR


class ReleaseInvalid(Exception):
    """Raised when tables fail validation; the message lists every failing check."""


@dataclass(frozen=True)
class PublishConfig:
    """Options of the publish stage.

    compression: Parquet codec; zstd is read by polars, pandas/pyarrow and DuckDB alike.
    compression_level: zstd level; 3 is zstd's own default (fast, and the files are small).
    row_group_size: rows per row group (None lets polars choose: one group for tables this size).
        The writer holds a whole row group in memory before it writes it: one group of the blocks
        of 31,806 articles took about 320 MiB, at the publisher's peak, and groups of 4,096 rows
        about 35 MiB (the documents, with their whole texts, 170 and 80 MiB; files within 1% of
        the size; measured). Column statistics are written per row group, and as the rows are
        sorted by the table's key, the groups' min/max let readers skip groups of a key range.
    """

    compression: str = "zstd"
    compression_level: int = 3
    row_group_size: int | None = 4_096


def release_schemas():
    from schemas import RELEASE_TABLES

    return RELEASE_TABLES


# Tables validated in steps of whole groups of rows, {table: grouping column}, and rows per step:
# pandera's checks of a whole blocks table (its sorts, per-document shifts) took about 170 MiB on
# the 31,806-article corpus (measured), as much as the table's own text. Every check of `Blocks` is
# per row or per document, and its uniqueness key starts with doc_id, so steps cut between documents
# of the table in key order find exactly the failures of one whole-table validation.
VALIDATE_IN_STEPS = {"blocks": "doc_id"}
VALIDATE_ROWS = 16_384


def _row_steps(frame: pl.DataFrame, column: str, rows: int) -> list[tuple[int, int]]:
    """(offset, length) of consecutive slices of about `rows` rows, cut only where `column` changes."""
    starts = frame.select(pl.col(column).ne_missing(pl.col(column).shift(1)).fill_null(True).arg_true())
    starts = starts.to_series().to_list() + [frame.height]
    steps, offset, i = [], 0, 0
    while offset < frame.height:
        while starts[i] < offset + rows and starts[i] < frame.height:
            i += 1
        steps.append((offset, starts[i] - offset))
        offset = starts[i]
    return steps or [(0, 0)]


def _failure_cases(model, frame: pl.DataFrame, step_by: str | None) -> tuple[pl.DataFrame | None, list[str]]:
    """pandera's failure cases of `frame` (None when every check passes) and the first lines of
    non-lazy schema errors; with `step_by`, validated in steps of VALIDATE_ROWS rows of whole groups."""
    steps = _row_steps(frame, step_by, VALIDATE_ROWS) if step_by else [(0, frame.height)]
    found, errors = [], []
    for offset, length in steps:
        try:
            model.validate(frame if len(steps) == 1 else frame.slice(offset, length), lazy=True)
        except pandera.errors.SchemaErrors as err:
            found.append(err.failure_cases.with_columns(pl.col("index") + offset))
        except pandera.errors.SchemaError as err:
            errors.append(str(err).splitlines()[0])
    if not found:
        return None, list(dict.fromkeys(errors))
    cases = pl.concat(found, how="vertical_relaxed")
    if len(found) > 1:
        # A failure of the table's structure (missing column, wrong type, a check that cannot run)
        # has no row index and is found again in every step: count it once, as a whole table would.
        structural = cases.filter(pl.col("index").is_null())
        cases = pl.concat([structural.unique(maintain_order=True), cases.filter(pl.col("index").is_not_null())])
    return cases, list(dict.fromkeys(errors))


def schema_failures(tables: dict[str, pl.DataFrame]) -> list[str]:
    """One line per failing pandera check, over every table."""
    failures = []
    for name, model in release_schemas().items():
        if name not in tables:
            failures.append(f"{name}: table missing")
            continue
        frame = tables[name]
        step_by = VALIDATE_IN_STEPS.get(name)
        # Steps need each group's rows together, and give the failures in the order of one
        # validation of the whole table only when its rows are in key order (the pipeline's are);
        # any other frame is validated whole.
        if step_by is not None and not (frame.height > VALIDATE_ROWS and step_by in frame.columns
                                        and release.in_key_order(name, frame)):
            step_by = None
        cases, errors = _failure_cases(model, frame, step_by)
        if cases is not None:
            for row in cases.unique(["column", "check"], maintain_order=True).iter_rows(named=True):
                count = cases.filter((pl.col("check") == row["check"]) & (pl.col("column").eq_missing(row["column"]))).height
                failures.append(f"{name}: {row['column'] or 'table'}: {row['check']} failed "
                                f"({count} case(s), e.g. {str(row['failure_case'])[:80]!r})")
        failures += [f"{name}: {line}" for line in errors]
    return failures


CHECK_DOCUMENTS = 2_000  # documents per step of the blocks-rebuild-the-texts check


def cross_table_failures(tables: dict[str, pl.DataFrame]) -> list[str]:
    """Checks that span tables: cleaned text and raw files are recoverable from blocks, offsets
    point at the right text, and every reference between tables resolves."""
    failures = []
    documents, blocks, statements = tables["documents"], tables["blocks"], tables["statements"]
    # Python strings of only the texts that statements point into: all of a corpus' texts as str
    # took about 200 MiB (measured on 31,806 articles), at the publisher's peak.
    texts = dict(documents.filter(pl.col("doc_id").is_in(statements["doc_id"].unique().implode()))
                 .select("doc_id", "text").iter_rows())
    known_docs = set(documents["doc_id"])
    # Vectorised (a Python loop over the groups cost seconds per 10,000 documents), over ranges of
    # CHECK_DOCUMENTS documents at a time: the rebuilt texts of a whole corpus are hundreds of
    # megabytes, and the publisher already holds the tables themselves.
    doc_ids = blocks["doc_id"].unique().sort()
    for start in range(0, doc_ids.len(), CHECK_DOCUMENTS):
        first, last = doc_ids[start], doc_ids[min(start + CHECK_DOCUMENTS, doc_ids.len()) - 1]
        rebuilt = (blocks.filter(pl.col("doc_id").is_between(pl.lit(first), pl.lit(last)))
                   .sort("doc_id", "block_index")
                   .group_by("doc_id", maintain_order=True)
                   .agg(text=pl.col("clean_text").filter(pl.col("kept")).str.join(SEPARATOR),
                        raw=pl.concat_str("raw_prefix", "text", "raw_suffix", ignore_nulls=True).str.join(""))
                   .join(documents.select("doc_id", document_text="text", document_sha256="sha256"),
                         on="doc_id", how="left"))
        for doc_id, text, raw, document_text, document_sha256 in rebuilt.iter_rows():
            if text != document_text:
                failures.append(f"blocks: kept blocks of {doc_id} do not rebuild documents.text")
            if bytes_sha256(raw.encode("utf-8")) != document_sha256:
                failures.append(f"blocks: blocks of {doc_id} do not rebuild the raw file (sha256 differs)")
    for row in statements.iter_rows(named=True):
        text = texts.get(row["doc_id"])
        if text is None or text[row["char_start"] : row["char_end"]] != row["sentence"]:
            failures.append(f"statements: {row['statement_id']} offsets do not locate its sentence")
    for row in tables["events"].iter_rows(named=True):
        missing = set(row["source_doc_ids"]) - known_docs
        if missing:
            failures.append(f"events: {row['event_id']} names unknown documents {sorted(missing)}")
    event_ids = set(tables["events"]["event_id"])
    dangling = set(statements["event_id"].drop_nulls()) - event_ids
    dangling |= set(tables["event_mentions"]["event_id"]) - event_ids
    if dangling:
        failures.append(f"statements/event_mentions: unknown event ids {sorted(dangling)[:5]}")
    return failures


def check_tables(tables: dict[str, pl.DataFrame]) -> None:
    """Raise ReleaseInvalid listing every failure; return quietly when all checks hold."""
    failures = schema_failures(tables)
    if not failures:
        failures = cross_table_failures(tables)
    if failures:
        raise ReleaseInvalid(f"{len(failures)} check(s) failed: " + "; ".join(failures))


def next_version(releases: Path) -> str:
    """The newest version folder with its minor part advanced (none yet: 1.0.0).

    Only a lower bound for callers that need no diff: the version actually published is decided by
    `release.bump` from the comparison with the previous release."""
    versions = [release.parse_version(p.name) for p in releases.iterdir()
                if p.is_dir() and VERSION_RE.match(p.name)] if releases.is_dir() else []
    if not versions:
        return FIRST_VERSION
    major, minor, _ = max(versions)
    return f"{major}.{minor + 1}.0"


def inputs_fingerprint(documents: pl.DataFrame, rejects: pl.DataFrame) -> str:
    """Digest of the input files alone (path and sha256 of every document and reject)."""
    pairs = release.input_files_of_tables({"documents": documents, "rejects": rejects})
    return combine(f"{path}\t{digest}" for path, digest in pairs)


def _pause_point(name: str) -> None:
    """Crash-test hook: with VNDIPLO_PUBLISH_PAUSE_AT=<name> the run announces the point on stderr
    and sleeps there, so tests/test_release_kill.py can SIGKILL it at a known moment. No effect otherwise."""
    if os.environ.get("VNDIPLO_PUBLISH_PAUSE_AT") == name:
        print(f"vndiplo: paused at {name}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("VNDIPLO_PUBLISH_PAUSE_SECONDS", "60")))


def _write_table(frame: pl.DataFrame, path: Path, table: str, version: str, config: PublishConfig) -> None:
    frame.write_parquet(
        path, compression=config.compression, compression_level=config.compression_level, statistics=True,
        row_group_size=config.row_group_size,
        metadata={"vndiplo.release_version": version, "vndiplo.table": table,
                  "vndiplo.sort_key": ",".join(release.table_key(table, frame))})


def _write_text(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _fsync_files(folder: Path) -> None:
    for path in folder.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    release.fsync_dir(folder)


def write_release(tables: dict[str, pl.DataFrame], output_dir: Path, vndiplo_version: str,
                  config: PublishConfig = PublishConfig(), fingerprint: str | None = None) -> Path:
    """Validate, compare with the previous release, and publish the next version atomically.

    Returns the path of the new release, or of the newest existing one when nothing is new (same
    fingerprint, or tables identical to it): then nothing is written. `fingerprint` defaults to
    the one computed from the documents and rejects tables (see `release.release_fingerprint`).
    Raises ReleaseInvalid when a check fails and release.PublishLocked when another run publishes."""
    check_tables(tables)
    releases = Path(output_dir) / "releases"
    fingerprint = fingerprint or release.release_fingerprint(release.input_files_of_tables(tables), vndiplo_version)
    with release.publish_lock(releases):
        _pause_point("locked")
        release.clean_leftovers(releases)
        previous = release.newest_version(releases)
        latest_file = releases / "LATEST"
        if previous is not None and (not latest_file.is_file()
                                     or latest_file.read_text(encoding="utf-8").strip() != previous):
            release.write_latest(releases, previous)  # a run killed after its rename, before LATEST
        previous_manifest = release.read_manifest(releases / previous) if previous else None
        if previous_manifest is not None and previous_manifest.get("fingerprint") == fingerprint:
            return releases / previous
        ordered = {name: release.sort_table(name, tables[name]) for name in release_schemas()}
        diffs = release.diff_tables(release.read_tables(releases / previous), ordered) if previous else None
        version = release.bump(previous, diffs or [])
        if version is None:  # same tables as the newest release: nothing to publish
            return releases / previous
        staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=releases))
        try:
            staging.chmod(0o755)  # mkdtemp makes it private; a release is for every reader
            _write_staging(staging, ordered, version, vndiplo_version, fingerprint, previous, diffs, config)
            _pause_point("staged")
            final = releases / version
            staging.rename(final)
            release.fsync_dir(releases)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _pause_point("renamed")
        release.write_latest(releases, version)
        _pause_point("latest")
        return final


def _write_staging(staging: Path, tables: dict[str, pl.DataFrame], version: str, vndiplo_version: str,
                   fingerprint: str, previous: str | None, diffs, config: PublishConfig) -> None:
    manifest = {
        "version": version,
        "created_at": release.created_at(),
        "vndiplo_version": vndiplo_version,
        "previous_version": previous,
        "fingerprint": fingerprint,
        "inputs_fingerprint": inputs_fingerprint(tables["documents"], tables["rejects"]),
        "code_fingerprint": code_fingerprint(),
        "tables": {},
    }
    files = {}
    for name, frame in tables.items():
        path = staging / f"{name}.parquet"
        _write_table(frame, path, name, version, config)
        _pause_point(f"wrote {name}")
        files[name] = {"file": path.name, "sha256": file_sha256(path), "bytes": path.stat().st_size}
        manifest["tables"][name] = {
            "file": path.name,
            "rows": frame.height,
            "sha256": files[name]["sha256"],
            "sort_key": list(release.table_key(name, frame)),
            "columns": [{"name": c, "type": str(t)} for c, t in frame.schema.items()],
        }
    _write_text(staging / "CHANGELOG.md", release.changelog_text(version, previous, diffs))
    package = release.datapackage(version, tables, files)
    _write_text(staging / "datapackage.json", json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    _write_text(staging / "DATACARD.md", release.datacard_text(version, tables, previous))
    _write_text(staging / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    _write_text(staging / "SHA256SUMS", release.sha256sums_text(staging))
    _fsync_files(staging)
    problems = release_failures(staging, deep=False)
    if problems:
        raise ReleaseInvalid("written release does not verify: " + "; ".join(problems))


def read_release(release_dir: Path) -> tuple[dict, dict[str, pl.DataFrame]]:
    manifest_path = release_dir / "manifest.json"
    if not manifest_path.is_file():
        raise FileNotFoundError(f"no manifest.json in {release_dir}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    tables = {name: pl.read_parquet(release_dir / spec["file"]) for name, spec in manifest["tables"].items()}
    return manifest, tables


def release_failures(release_dir: Path, deep: bool = True) -> list[str]:
    """Every problem of a written release: checksums, row counts, columns, schemas, cross-table checks.

    deep=False reads only the Parquet metadata (row counts, column types), not the data, and skips
    the schema and cross-table checks: for the publisher, which validated the same tables in
    memory just before writing them and should not hold a second copy of a large release."""
    try:
        manifest = json.loads((release_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [f"manifest.json unreadable: {err}"]
    failures = []
    for key in ("version", "created_at", "vndiplo_version", "inputs_fingerprint", "tables"):
        if key not in manifest:
            failures.append(f"manifest.json: missing '{key}'")
    missing = set(release_schemas()) - set(manifest.get("tables", {}))
    failures += [f"manifest.json: table {name} not listed" for name in sorted(missing)]
    tables = {}
    for name, spec in manifest.get("tables", {}).items():
        path = release_dir / spec.get("file", f"{name}.parquet")
        if not path.is_file():
            failures.append(f"{name}: file {path.name} missing")
            continue
        if file_sha256(path) != spec.get("sha256"):
            failures.append(f"{name}: sha256 of {path.name} differs from the manifest")
        try:
            if deep:
                frame = pl.read_parquet(path)
                rows, schema = frame.height, frame.schema
            else:
                lazy = pl.scan_parquet(path)
                rows, schema = lazy.select(pl.len()).collect().item(), lazy.collect_schema()
        except Exception as err:  # noqa: BLE001 - any unreadable file is a failure to report, not a crash
            failures.append(f"{name}: {path.name} is not readable Parquet ({' '.join(str(err).split())[:120]})")
            continue
        if rows != spec.get("rows"):
            failures.append(f"{name}: {rows} rows, manifest says {spec.get('rows')}")
        columns = [{"name": c, "type": str(t)} for c, t in schema.items()]
        if columns != spec.get("columns"):
            failures.append(f"{name}: columns differ from the manifest")
        if deep:
            tables[name] = frame
    failures += release.sha256sums_failures(release_dir) + release.package_failures(release_dir, manifest)
    if failures or missing or not deep:
        return failures
    failures += schema_failures(tables)
    if not failures:
        failures += cross_table_failures(tables)
    return failures
