"""Publish: validate the release tables and write them as a new, immutable release version.

What it guarantees:
- nothing is written unless every table passes its pandera schema (validated eagerly with
  `lazy=True`, so every failing check is reported at once) and the cross-table checks below;
- a release is written into a temporary folder beside its final place, re-read and checked, and
  only then renamed into `<output>/releases/<version>/`; `LATEST` is replaced atomically after
  that, so a reader never sees half a release;
- `manifest.json` records the version, creation time, vndiplo version, a fingerprint of the
  inputs, and per table the row count, sha256 of the file and column names and types;
- versions are semantic: the first is 1.0.0 and each new release bumps the minor version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandera.errors
import polars as pl

from flows.stages.dedup import SEPARATOR

FIRST_VERSION = "1.0.0"
VERSION_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


class ReleaseInvalid(Exception):
    """Raised when tables fail validation; the message lists every failing check."""


@dataclass(frozen=True)
class PublishConfig:
    """Options of the publish stage.

    compression: Parquet codec; zstd is read by polars, pandas/pyarrow and DuckDB alike.
    """

    compression: str = "zstd"


def release_schemas():
    from schemas import RELEASE_TABLES

    return RELEASE_TABLES


def schema_failures(tables: dict[str, pl.DataFrame]) -> list[str]:
    """One line per failing pandera check, over every table."""
    failures = []
    for name, model in release_schemas().items():
        if name not in tables:
            failures.append(f"{name}: table missing")
            continue
        try:
            model.validate(tables[name], lazy=True)
        except pandera.errors.SchemaErrors as err:
            cases = err.failure_cases
            for row in cases.unique(["column", "check"], maintain_order=True).iter_rows(named=True):
                count = cases.filter((pl.col("check") == row["check"]) & (pl.col("column").eq_missing(row["column"]))).height
                failures.append(f"{name}: {row['column'] or 'table'}: {row['check']} failed "
                                f"({count} case(s), e.g. {str(row['failure_case'])[:80]!r})")
        except pandera.errors.SchemaError as err:
            failures.append(f"{name}: {str(err).splitlines()[0]}")
    return failures


def cross_table_failures(tables: dict[str, pl.DataFrame]) -> list[str]:
    """Checks that span tables: cleaned text and raw files are recoverable from blocks, offsets
    point at the right text, and every reference between tables resolves."""
    failures = []
    documents, blocks = tables["documents"], tables["blocks"]
    texts = dict(zip(documents["doc_id"], documents["text"]))
    digests = dict(zip(documents["doc_id"], documents["sha256"]))
    for (doc_id,), group in blocks.sort("doc_id", "block_index").group_by(["doc_id"], maintain_order=True):
        kept = group.filter(pl.col("kept"))["clean_text"].to_list()
        if SEPARATOR.join(kept) != texts.get(doc_id):
            failures.append(f"blocks: kept blocks of {doc_id} do not rebuild documents.text")
        raw = "".join(p + t + s for p, t, s in zip(group["raw_prefix"], group["text"], group["raw_suffix"]))
        if hashlib.sha256(raw.encode("utf-8")).hexdigest() != digests.get(doc_id):
            failures.append(f"blocks: blocks of {doc_id} do not rebuild the raw file (sha256 differs)")
    for row in tables["statements"].iter_rows(named=True):
        text = texts.get(row["doc_id"])
        if text is None or text[row["char_start"] : row["char_end"]] != row["sentence"]:
            failures.append(f"statements: {row['statement_id']} offsets do not locate its sentence")
    known_docs = set(texts)
    for row in tables["events"].iter_rows(named=True):
        missing = set(row["source_doc_ids"]) - known_docs
        if missing:
            failures.append(f"events: {row['event_id']} names unknown documents {sorted(missing)}")
    event_ids = set(tables["events"]["event_id"])
    dangling = set(tables["statements"]["event_id"].drop_nulls()) - event_ids
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


def _versions(releases: Path) -> list[tuple[int, int, int]]:
    if not releases.is_dir():
        return []
    return sorted(tuple(int(x) for x in m.groups()) for p in releases.iterdir()
                  if p.is_dir() and (m := VERSION_RE.match(p.name)))


def next_version(releases: Path) -> str:
    versions = _versions(releases)
    if not versions:
        return FIRST_VERSION
    major, minor, _ = versions[-1]
    return f"{major}.{minor + 1}.0"


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _created_at() -> str:
    # SOURCE_DATE_EPOCH (reproducible-builds convention) pins the timestamp for byte-identical runs.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat()


def inputs_fingerprint(documents: pl.DataFrame, rejects: pl.DataFrame) -> str:
    pairs = sorted(zip(documents["source_file"], documents["sha256"])) + sorted(
        zip(rejects["source_file"], rejects["sha256"].fill_null("")))
    return hashlib.sha256("\n".join(f"{a}\t{b}" for a, b in pairs).encode("utf-8")).hexdigest()


def write_release(tables: dict[str, pl.DataFrame], output_dir: Path, vndiplo_version: str,
                  config: PublishConfig = PublishConfig()) -> Path:
    """Validate, write into a temporary folder, verify, then rename into place; returns the path."""
    check_tables(tables)
    releases = output_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    version = next_version(releases)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=releases))
    try:
        manifest = {
            "version": version,
            "created_at": _created_at(),
            "vndiplo_version": vndiplo_version,
            "inputs_fingerprint": inputs_fingerprint(tables["documents"], tables["rejects"]),
            "tables": {},
        }
        for name in release_schemas():
            path = staging / f"{name}.parquet"
            tables[name].write_parquet(path, compression=config.compression)
            manifest["tables"][name] = {
                "file": path.name,
                "rows": tables[name].height,
                "sha256": _file_sha256(path),
                "columns": [{"name": c, "type": str(t)} for c, t in tables[name].schema.items()],
            }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
        problems = release_failures(staging)
        if problems:
            raise ReleaseInvalid("written release does not verify: " + "; ".join(problems))
        final = releases / version
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    latest_tmp = releases / ".LATEST.tmp"
    latest_tmp.write_text(version + "\n", encoding="utf-8")
    os.replace(latest_tmp, releases / "LATEST")
    return final


def read_release(release_dir: Path) -> tuple[dict, dict[str, pl.DataFrame]]:
    manifest_path = release_dir / "manifest.json"
    if not manifest_path.is_file():
        raise FileNotFoundError(f"no manifest.json in {release_dir}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    tables = {name: pl.read_parquet(release_dir / spec["file"]) for name, spec in manifest["tables"].items()}
    return manifest, tables


def release_failures(release_dir: Path) -> list[str]:
    """Every problem of a written release: checksums, row counts, columns, schemas, cross-table checks."""
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
        if _file_sha256(path) != spec.get("sha256"):
            failures.append(f"{name}: sha256 of {path.name} differs from the manifest")
        try:
            frame = pl.read_parquet(path)
        except Exception as err:  # noqa: BLE001 - any unreadable file is a failure to report, not a crash
            failures.append(f"{name}: {path.name} is not readable Parquet ({' '.join(str(err).split())[:120]})")
            continue
        if frame.height != spec.get("rows"):
            failures.append(f"{name}: {frame.height} rows, manifest says {spec.get('rows')}")
        columns = [{"name": c, "type": str(t)} for c, t in frame.schema.items()]
        if columns != spec.get("columns"):
            failures.append(f"{name}: columns differ from the manifest")
        tables[name] = frame
    if failures or missing:
        return failures
    failures += schema_failures(tables)
    if not failures:
        failures += cross_table_failures(tables)
    return failures
