"""Publish: validate the release tables and write them as a new, immutable release version.

What it guarantees:
- nothing is written unless every table passes its pandera schema (validated eagerly with
  `lazy=True`, so every failing check is reported at once; blocks in key order in steps of whole
  documents, which find the same failures) and the cross-table checks below. A document whose
  document and block rows equal those of the previous release is not validated again when that
  release was validated by the same code and pandera (`validation_fingerprint` in its manifest)
  and its files are the ones its manifest lists: every check of those two tables is per row or per
  document (the uniqueness of a column across documents is checked over all of them), so its rows
  would pass again. Validation and the comparison with the previous release share one pass over
  the documents' chunks;
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
  version, previous version, fingerprints (`validation_fingerprint`: the code, schemas and pandera
  that validated it), and per table the row count, sha256, sort key and
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

import pyarrow.parquet
import polars as pl

from flows import release
from flows.fingerprint import bytes_sha256, code_fingerprint, combine, file_sha256
from flows.release import FIRST_VERSION, VERSION_RE
from flows.stages.dedup import SEPARATOR
from flows.store import (CHUNK_DOCUMENTS, ROW_TABLES, Chunk, FrameDocuments, StoredDocuments, WithHeldRows,
                         doc_range)

DocumentTables = FrameDocuments | StoredDocuments | WithHeldRows


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


# The two tables a release holds per document, validated, compared and written in chunks of whole
# documents (`flows.store`): pandera's checks of a whole blocks table (its sorts, per-document
# shifts) took about 170 MiB on the 31,806-article corpus (measured), as much as the table's own
# text. The mentions and statements are cut into the same chunks (`DocumentTables.names`,
# `document_tables`). Every check of `Blocks`, `Documents`, `Mentions` and `Statements` is per row or
# per document, and their keys start with doc_id, so chunks cut between doc_id ranges find exactly the
# failures of one whole-table validation, except a repeated value of another unique column
# (documents.source_file, statements.statement_id) in two chunks: that check runs once over the column
# of every row (`_unique_failure_cases`). So do the statements' offsets, checked against the texts of
# their chunk's documents, and their event ids, gathered across chunks and checked against the events.
DOCUMENT_TABLES = ("documents", "blocks")


def document_tables(tables: dict[str, pl.DataFrame], documents: DocumentTables | None = None
                    ) -> DocumentTables | None:
    """`documents`, with the per-document tables of `tables` it does not have (`ROW_TABLES`: mentions,
    statements) cut into the same chunks; or, without `documents`, the documents, blocks, mentions and
    statements of `tables` held in memory (None when the documents or the blocks are missing): every
    per-document table is checked, compared and written in chunks of documents."""
    if documents is None:
        if not all(name in tables for name in DOCUMENT_TABLES):
            return None
        return FrameDocuments(tables["documents"], tables["blocks"], mentions=tables.get("mentions"),
                              statements=tables.get("statements"))
    held = {name: tables[name] for name in ROW_TABLES if name in tables and name not in documents.names}
    return WithHeldRows(documents, held) if held else documents


class _FailureCases:
    """pandera's failure cases of one table validated chunk by chunk (`add` each chunk in key order)."""

    def __init__(self, model):
        self.model, self.found, self.errors, self.offset, self.chunks = model, [], [], 0, 0

    def add(self, frame: pl.DataFrame) -> None:
        # Imported here, not with the module: pandera (and pandas with it) takes half a second to import,
        # and `vndiplo run` imports this module before the flow only for `PublishConfig`, to tell whether
        # the newest release is up to date.
        import pandera.errors

        self.chunks += 1
        try:
            self.model.validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as err:
            self.found.append(err.failure_cases.with_columns(pl.col("index") + self.offset))
        except pandera.errors.SchemaError as err:
            self.errors.append(str(err).splitlines()[0])
        self.offset += frame.height

    @property
    def failed(self) -> bool:
        return bool(self.found or self.errors)

    def result(self) -> tuple[pl.DataFrame | None, list[str]]:
        """(the failure cases, None when every check passes; the first lines of non-lazy schema errors)."""
        errors = list(dict.fromkeys(self.errors))
        if not self.found:
            return None, errors
        cases = pl.concat(self.found, how="vertical_relaxed")
        if self.chunks > 1:
            # A failure of the table's structure (missing column, wrong type, a check that cannot run)
            # has no row index and is found again in every chunk: count it once, as a whole table would.
            structural = cases.filter(pl.col("index").is_null())
            cases = pl.concat([structural.unique(maintain_order=True), cases.filter(pl.col("index").is_not_null())])
        return cases, errors


def _unique_failure_cases(model, index: pl.DataFrame, cases: pl.DataFrame | None) -> pl.DataFrame | None:
    """`cases` with the uniqueness failures of the model's unique columns other than doc_id replaced by
    those of the whole table (`index`: those columns of every row, in key order; a value repeated in two
    chunks fails too)."""
    columns = [name for name in _unique_columns(model) if name in index.columns]
    for name in columns:
        repeated = (index.select(pl.col(name).cast(pl.String).alias("failure_case")).with_row_index("index")
                    .filter(pl.col("failure_case").is_duplicated() & pl.col("failure_case").is_not_null()))
        if cases is not None:
            cases = cases.filter(~((pl.col("column") == name) & (pl.col("check") == "field_uniqueness")))
        if repeated.height:
            found = repeated.select(pl.col("failure_case"), column=pl.lit(name), check=pl.lit("field_uniqueness"),
                                    index=pl.col("index").cast(pl.Int32))
            cases = found if cases is None else pl.concat([cases, found], how="diagonal_relaxed")
    return cases if cases is not None and cases.height else None


class _DocumentChecks:
    """The checks of the tables cut into chunks of documents (`names`), fed one chunk at a time in key
    order (`add`, then `close`): pandera's schemas (`schema`) and the cross-table checks of each
    document (`cross`: its kept blocks rebuild its text, all its blocks the raw file, and its statements'
    offsets locate their sentence in its text). The cross-table checks assume valid tables, so they stop
    at the first rows that fail a schema (whose failures are reported)."""

    def __init__(self, schema: bool, cross: bool, names: tuple[str, ...] = DOCUMENT_TABLES):
        models = release_schemas()
        self.cases = {name: _FailureCases(models[name]) for name in names} if schema else {}
        self.cross = cross
        # Across the whole table, for the checks that span chunks: the values of each chunked table's
        # unique columns other than doc_id (`_unique_failure_cases`), and the event ids statements name.
        self.unique_columns = {name: columns for name in self.cases if name != "documents"
                               and (columns := _unique_columns(models[name]))}
        self.unique_values: dict[str, list[pl.DataFrame]] = {name: [] for name in self.unique_columns}
        self.statement_event_ids: set[str] = set()
        self.cross_failures: list[str] = []
        self.pending: list[dict[str, pl.DataFrame]] = []  # each chunk's rows not checked yet, by table

    def add(self, chunk: Chunk, unchanged: pl.Series | None = None) -> None:
        """Check one chunk; the rows of the documents in `unchanged` were validated before (by this
        code, in a release whose rows they equal) and are not checked again. The rows to check are
        gathered across chunks up to `CHUNK_DOCUMENTS` documents: pandera's fixed cost per validated
        frame (about 35 ms, measured) would otherwise dominate a run that adds a few documents."""
        tables = chunk.tables()
        for name, columns in self.unique_columns.items():  # of every row, validated again or not
            self.unique_values[name].append(tables[name].select(columns))
        if unchanged is not None and unchanged.len():
            tables = {name: owned_rows(frame.filter(~pl.col("doc_id").is_in(unchanged.implode())))
                      for name, frame in tables.items()}
        if chunk.statements is not None:
            self.statement_event_ids.update(chunk.statements["event_id"].drop_nulls().unique().to_list())
        if any(frame.height for frame in tables.values()) or not self.pending:
            self.pending.append(tables)
        if sum(tables["documents"].height for tables in self.pending) >= CHUNK_DOCUMENTS:
            self._check_pending()

    def close(self) -> None:
        """Check the rows still gathered; call after the last chunk."""
        if self.pending:
            self._check_pending()

    def _check_pending(self) -> None:
        gathered = {name: pl.concat([tables[name] for tables in self.pending], how="vertical")
                    for name in self.pending[0]}
        self.pending = []
        for name, frame in gathered.items():
            if name in self.cases:
                self.cases[name].add(frame)
        documents, blocks = gathered["documents"], gathered["blocks"]
        if not self.cross or any(cases.failed for cases in self.cases.values()):
            return
        # Vectorised per chunk (a Python loop over the groups cost seconds per 10,000 documents): the
        # rebuilt texts of a whole corpus are hundreds of megabytes.
        rebuilt = (blocks.group_by("doc_id", maintain_order=True)
                   .agg(text=pl.col("clean_text").filter(pl.col("kept")).str.join(SEPARATOR),
                        raw=pl.concat_str("raw_prefix", "text", "raw_suffix", ignore_nulls=True).str.join(""))
                   .join(documents.select("doc_id", document_text="text", document_sha256="sha256"),
                         on="doc_id", how="left"))
        for doc_id, text, raw, document_text, document_sha256 in rebuilt.iter_rows():
            if text != document_text:
                self.cross_failures.append(f"blocks: kept blocks of {doc_id} do not rebuild documents.text")
            if bytes_sha256(raw.encode("utf-8")) != document_sha256:
                self.cross_failures.append(f"blocks: blocks of {doc_id} do not rebuild the raw file (sha256 differs)")
        if "statements" in gathered:
            self.cross_failures += _misplaced_statements(gathered["statements"], documents)

    def schema_failures(self, index: pl.DataFrame) -> dict[str, tuple[pl.DataFrame | None, list[str]]]:
        """{table: (failure cases, non-lazy errors)}, with the uniqueness of the unique columns other than
        doc_id checked over the whole table (the documents' over the whole `index`)."""
        found = {name: cases.result() for name, cases in self.cases.items()}
        models = release_schemas()
        whole = {name: pl.concat(values, how="vertical") for name, values in self.unique_values.items() if values}
        if "documents" in found:
            whole["documents"] = index
        for name, values in whole.items():
            cases, errors = found[name]
            found[name] = (_unique_failure_cases(models[name], values, cases), errors)
        return found


def _misplaced_statements(statements: pl.DataFrame, documents: pl.DataFrame) -> list[str]:
    """A line for each statement whose offsets do not locate its sentence in its document's text (one of
    `documents`, the documents of the statements' doc_id range)."""
    span = pl.col("text").str.slice(pl.col("char_start"), (pl.col("char_end") - pl.col("char_start")).clip(0))
    located = (statements.select("statement_id", "doc_id", "char_start", "char_end", "sentence")
               .join(documents.select("doc_id", "text"), on="doc_id", how="left", maintain_order="left")
               .filter(span.ne_missing(pl.col("sentence"))))
    return [f"statements: {statement_id} offsets do not locate its sentence"
            for statement_id in located["statement_id"]]


def _unique_columns(model) -> list[str]:
    """The model's unique columns other than doc_id (those a chunk of documents cannot check alone)."""
    return [name for name, column in model.to_schema().columns.items() if column.unique and name != "doc_id"]


def owned_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` copied into buffers of its own. A filtered frame's strings are views into the buffers
    of the frame it was cut from, which stay alive with it: the few changed documents gathered from
    each chunk held every chunk's text until they were validated (an incremental run on 31,806
    articles peaked at 1,246 MiB, against 1,032 MiB before the rows were gathered; measured)."""
    return pl.from_arrow(frame.to_arrow(compat_level=pl.CompatLevel.oldest()))


def _whole_table_failures(name: str, frame: pl.DataFrame) -> tuple[pl.DataFrame | None, list[str]]:
    whole = _FailureCases(release_schemas()[name])
    whole.add(frame)
    return whole.result()


def _schema_lines(found: dict[str, tuple[pl.DataFrame | None, list[str]]], tables: dict[str, pl.DataFrame]) -> list[str]:
    """One line per failing pandera check, in the order of the release's tables (`found` holds the
    chunked tables' results; the other tables are validated whole here)."""
    failures = []
    for name in release_schemas():
        if name not in found and name not in tables:
            failures.append(f"{name}: table missing")
            continue
        cases, errors = found[name] if name in found else _whole_table_failures(name, tables[name])
        if cases is not None:
            for row in cases.unique(["column", "check"], maintain_order=True).iter_rows(named=True):
                count = cases.filter((pl.col("check") == row["check"]) & (pl.col("column").eq_missing(row["column"]))).height
                failures.append(f"{name}: {row['column'] or 'table'}: {row['check']} failed "
                                f"({count} case(s), e.g. {str(row['failure_case'])[:80]!r})")
        failures += [f"{name}: {line}" for line in errors]
    return failures


def _reference_failures(tables: dict[str, pl.DataFrame], index: pl.DataFrame,
                        statement_event_ids: set[str]) -> list[str]:
    """Every reference between tables resolves (`statement_event_ids`: the event ids the statements name)."""
    failures = []
    known_docs = set(index["doc_id"])
    for row in tables["events"].iter_rows(named=True):
        missing = set(row["source_doc_ids"]) - known_docs
        if missing:
            failures.append(f"events: {row['event_id']} names unknown documents {sorted(missing)}")
    event_ids = set(tables["events"]["event_id"])
    dangling = statement_event_ids - event_ids
    dangling |= set(tables["event_mentions"]["event_id"]) - event_ids
    if dangling:
        failures.append(f"statements/event_mentions: unknown event ids {sorted(dangling)[:5]}")
    return failures


def _checked(checks: _DocumentChecks, stored: DocumentTables | None) -> _DocumentChecks:
    """`checks` fed every chunk of `stored` (none when there are no document tables), then closed."""
    for chunk in stored.chunks() if stored is not None else ():
        checks.add(chunk)
    checks.close()
    return checks


def schema_failures(tables: dict[str, pl.DataFrame], documents: DocumentTables | None = None) -> list[str]:
    """One line per failing pandera check, over every table (`documents` and `blocks` from
    `documents` when given, else from `tables`; both validated in one pass over their chunks)."""
    stored = document_tables(tables, documents)
    if stored is None:
        return _schema_lines({}, tables)
    checks = _checked(_DocumentChecks(schema=True, cross=False, names=stored.names), stored)
    return _schema_lines(checks.schema_failures(stored.index), tables)


def cross_table_failures(tables: dict[str, pl.DataFrame], documents: DocumentTables | None = None) -> list[str]:
    """Checks that span tables: cleaned text and raw files are recoverable from blocks, offsets
    point at the right text, and every reference between tables resolves."""
    stored = document_tables(tables, documents)
    checks = _checked(_DocumentChecks(schema=False, cross=True, names=stored.names), stored)
    return checks.cross_failures + _reference_failures(tables, stored.index, checks.statement_event_ids)


def table_failures(tables: dict[str, pl.DataFrame], documents: DocumentTables | None = None) -> list[str]:
    """Every failing check, in one pass over the documents' chunks: the schemas' failures or, when
    there are none, the cross-table ones (which assume valid tables); empty when all hold."""
    stored = document_tables(tables, documents)
    checks = _checked(_DocumentChecks(schema=True, cross=True,
                                      names=stored.names if stored is not None else DOCUMENT_TABLES), stored)
    return _failure_lines(checks, tables, stored)


def _failure_lines(checks: _DocumentChecks, tables: dict[str, pl.DataFrame], stored: DocumentTables | None) -> list[str]:
    """The schema failures of `checks` and `tables`, or else the cross-table ones."""
    failures = _schema_lines(checks.schema_failures(stored.index) if stored is not None else {}, tables)
    return failures or checks.cross_failures + _reference_failures(tables, stored.index, checks.statement_event_ids)


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


class _TableWriter:
    """Writes one table's chunks (in key order) into one Parquet file, in row groups of
    `config.row_group_size` rows whatever the chunks' sizes (None: one group per chunk), so the
    file does not depend on how the table was cut."""

    def __init__(self, path: Path, table: str, schema: pl.Schema, version: str, config: PublishConfig):
        metadata = {"vndiplo.release_version": version, "vndiplo.table": table,
                    "vndiplo.sort_key": ",".join(release.table_key(table, release.TableShape(schema, 0)))}
        self.arrow_schema = pl.DataFrame(schema=schema).to_arrow().schema.with_metadata(metadata)
        self.group_rows = config.row_group_size
        self.pending: list[pl.DataFrame] = []
        self.writer = pyarrow.parquet.ParquetWriter(
            path, self.arrow_schema, compression=config.compression, compression_level=config.compression_level,
            write_statistics=True)

    def write(self, chunk: pl.DataFrame) -> None:
        if self.group_rows is None:
            self._write(chunk)
            return
        self.pending.append(chunk)
        pending = sum(frame.height for frame in self.pending)
        if pending >= self.group_rows:
            rows = pl.concat(self.pending, how="vertical")
            whole = pending - pending % self.group_rows
            self._write(rows.slice(0, whole))
            self.pending = [rows.slice(whole)] if whole < pending else []

    def close(self) -> None:
        rows = [frame for frame in self.pending if frame.height]
        if rows:
            self._write(pl.concat(rows, how="vertical"))
        self.writer.close()

    def _write(self, rows: pl.DataFrame) -> None:
        if rows.height:
            self.writer.write_table(rows.to_arrow().cast(self.arrow_schema), row_group_size=self.group_rows)


def _write_text(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _fsync_files(folder: Path) -> None:
    for path in folder.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    release.fsync_dir(folder)


def write_release(tables: dict[str, pl.DataFrame], output_dir: Path, vndiplo_version: str,
                  config: PublishConfig = PublishConfig(), fingerprint: str | None = None,
                  documents: DocumentTables | None = None) -> Path:
    """Validate, compare with the previous release, and publish the next version atomically.

    `documents` holds the documents and blocks tables (a run's `flows.store.StoredDocuments`); by
    default they are `tables`' own. Returns the path of the new release, or of the newest existing
    one when nothing is new (same fingerprint, or tables identical to it): then nothing is written.
    `fingerprint` defaults to the one computed from the documents and rejects tables (see
    `release.release_fingerprint`). Raises ReleaseInvalid when a check fails and
    release.PublishLocked when another run publishes."""
    documents = document_tables(tables, documents)
    others = {name: frame for name, frame in tables.items() if name not in documents.names}
    releases = Path(output_dir) / "releases"
    fingerprint = fingerprint or release.release_fingerprint(
        release.input_files_of_tables({"documents": documents.index, "rejects": tables["rejects"]}), vndiplo_version)
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
        earlier = _EarlierRelease(releases / previous, documents.names) if previous else None
        compared = _check_and_compare(others, documents, earlier)
        ordered = {name: release.sort_table(name, others[name]) for name in release_schemas()
                   if name not in documents.names}
        diffs = _diffs(earlier, ordered, compared) if earlier is not None else None
        version = release.bump(previous, diffs or [])
        if version is None:  # same tables as the newest release: nothing to publish
            return releases / previous
        staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=releases))
        try:
            staging.chmod(0o755)  # mkdtemp makes it private; a release is for every reader
            _write_staging(staging, ordered, documents, version, vndiplo_version, fingerprint, previous, diffs,
                           config)
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


def validation_fingerprint() -> str:
    """What decides whether a row passes validation: our code and schemas, and pandera's version."""
    return combine([code_fingerprint(), f"pandera={_pandera_version()}"])


def _pandera_version() -> str:
    from importlib.metadata import version

    return version("pandera")


class _EarlierRelease:
    """The newest release, its tables `names` (those cut into chunks of documents) read one doc_id range
    at a time for the comparison with the next one.

    `trusted`: those tables' files are the ones its manifest lists and were validated by the code that
    validates now (`validation_fingerprint`), so a document whose rows equal its rows there passes every
    per-document check again and need not be validated again."""

    def __init__(self, directory: Path, names: tuple[str, ...] = DOCUMENT_TABLES):
        self.manifest = release.read_manifest(directory)
        specs = self.manifest["tables"]
        self.files = {name: directory / spec["file"] for name, spec in specs.items()}
        self.scans = {name: pl.scan_parquet(self.files[name]) if name in self.files else None for name in names}
        self.trusted = (self.manifest.get("validation_fingerprint") == validation_fingerprint()
                        and all(name in specs and file_sha256(self.files[name]) == specs[name]["sha256"]
                                for name in names))

    def rows(self, name: str, lower: str | None, upper: str | None) -> pl.DataFrame | None:
        scan = self.scans[name]
        return scan.filter(doc_range(lower, upper)).collect(engine="streaming") if scan is not None else None


def unchanged_documents(chunk: Chunk, before: dict[str, pl.DataFrame | None],
                        diffs: dict[str, release.TableDiff]) -> pl.Series:
    """The doc_ids of `chunk` whose rows in each of its tables (document, blocks, mentions, statements) are
    those of the earlier release: none the comparison of the chunk with the earlier rows of its range
    (`release.diff_table`, rows named by their key, doc_id first) finds added, removed or changed, and
    none at all when a table's columns, their order or their types differ."""
    after = chunk.tables()
    if any(before.get(name) is None or before[name].schema != frame.schema for name, frame in after.items()):
        return pl.Series("doc_id", [], pl.String)
    touched = {key.split("/", 1)[0] for diff in diffs.values() for key in (*diff.added, *diff.removed, *diff.changed)}
    doc_ids = chunk.documents["doc_id"]
    return doc_ids.filter(~doc_ids.is_in(sorted(touched)))


def _check_and_compare(others: dict[str, pl.DataFrame], documents: DocumentTables, earlier: _EarlierRelease | None
                       ) -> dict[str, release.TableDiff]:
    """Validate every table and compare the documents and blocks with the `earlier` release in one pass
    over their chunks, each against the earlier rows of the same doc_id range: raises ReleaseInvalid
    listing every failure, else returns the two tables' diffs (none without an earlier release). The
    documents whose rows equal those of a `trusted` earlier release are not validated again."""
    checks = _DocumentChecks(schema=True, cross=True, names=documents.names)
    parts: dict[str, list[release.TableDiff]] = {name: [] for name in documents.names}
    for chunk in documents.chunks():
        unchanged = None
        if earlier is not None:
            after = chunk.tables()
            before = {name: earlier.rows(name, chunk.lower, chunk.upper) for name in after}
            diffs = {name: release.diff_table(name, before[name], frame) for name, frame in after.items()}
            for name, diff in diffs.items():
                parts[name].append(diff)
            if earlier.trusted:
                unchanged = unchanged_documents(chunk, before, diffs)
        checks.add(chunk, unchanged)
    checks.close()
    failures = _failure_lines(checks, others, documents)
    if failures:
        raise ReleaseInvalid(f"{len(failures)} check(s) failed: " + "; ".join(failures))
    if earlier is None:
        return {}
    schemas = documents.schemas()
    return {name: release.merge_diffs(parts[name], list(schemas[name])) for name in documents.names}


def _diffs(earlier: _EarlierRelease, ordered: dict[str, pl.DataFrame], documents: dict[str, release.TableDiff]
           ) -> list[release.TableDiff]:
    """What changed since the `earlier` release (`release.diff_tables`), with the diffs of the tables cut
    into chunks (`documents`) from `_check_and_compare`."""
    files = earlier.files
    diffs = [documents[name] if name in documents
             else release.diff_table(name, pl.read_parquet(files[name]) if name in files else None, ordered[name])
             for name in release_schemas()]
    diffs += [release.diff_table(name, pl.read_parquet(path), None) for name, path in files.items()
              if name not in release_schemas()]
    return diffs


def _write_staging(staging: Path, tables: dict[str, pl.DataFrame], documents: DocumentTables, version: str,
                   vndiplo_version: str, fingerprint: str, previous: str | None, diffs, config: PublishConfig) -> None:
    shapes = {name: release.TableShape(frame.schema, frame.height) for name, frame in tables.items()}
    heights = documents.heights()
    shapes |= {name: release.TableShape(schema, heights[name]) for name, schema in documents.schemas().items()}
    shapes = {name: shapes[name] for name in release_schemas()}
    manifest = {
        "version": version,
        "created_at": release.created_at(),
        "vndiplo_version": vndiplo_version,
        "previous_version": previous,
        "fingerprint": fingerprint,
        "inputs_fingerprint": inputs_fingerprint(documents.index, tables["rejects"]),
        "code_fingerprint": code_fingerprint(),
        "validation_fingerprint": validation_fingerprint(),
        "tables": {},
    }
    writers = {name: _TableWriter(staging / f"{name}.parquet", name, shapes[name].schema, version, config)
               for name in documents.names}
    for chunk in documents.chunks():
        for name, frame in chunk.tables().items():
            writers[name].write(frame)
    files = {}
    for name, shape in shapes.items():
        path = staging / f"{name}.parquet"
        if name in writers:
            writers[name].close()
        else:
            writer = _TableWriter(path, name, shape.schema, version, config)
            writer.write(tables[name])
            writer.close()
        _pause_point(f"wrote {name}")
        files[name] = {"file": path.name, "sha256": file_sha256(path), "bytes": path.stat().st_size}
        manifest["tables"][name] = {
            "file": path.name,
            "rows": shape.height,
            "sha256": files[name]["sha256"],
            "sort_key": list(release.table_key(name, shape)),
            "columns": [{"name": c, "type": str(t)} for c, t in shape.schema.items()],
        }
    _write_text(staging / "CHANGELOG.md", release.changelog_text(version, previous, diffs))
    package = release.datapackage(version, shapes, files)
    _write_text(staging / "datapackage.json", json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    card = {name: tables.get(name, shape) for name, shape in shapes.items()}
    _write_text(staging / "DATACARD.md", release.datacard_text(version, card, previous, documents.index))
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
    return table_failures(tables)
