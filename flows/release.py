"""Releases as analysts see them: versions, fingerprints, diffs, and the files beside the tables.

What it guarantees:
- **Versioning** (`bump`): the next version is computed by comparing the new tables with the
  previous release. MAJOR when a table's schema changes incompatibly (a table or column removed,
  a column renamed (= removed + added) or its type changed, nested struct fields included);
  MINOR when tables, columns or rows are added, or rows removed (a removed row is an extraction
  fix, which analysts see in the changelog by id; making every fix a MAJOR would make the major
  number meaningless); PATCH when only values of existing rows change. No difference at all:
  nothing is published.
- **Fingerprint** (`release_fingerprint`): combine(the input files' relative paths and sha256,
  the vndiplo version, `fingerprint.code_fingerprint()` (our code, schemas, reference data,
  underthesea and polars versions), the stage configurations). Equal to the previous release's:
  the run is up to date and nothing is written. `up_to_date` computes it from the files on disk
  (the same files ingest reads), so the CLI can answer before the flow starts.
- **Order and bytes**: rows are sorted by a documented key per table (`TABLE_KEYS`), Parquet is
  written with zstd and column statistics and carries the release version in its key-value
  metadata; nothing but `manifest.json` (its `created_at`, pinned by `SOURCE_DATE_EPOCH`) and
  `SHA256SUMS` (which lists the manifest's hash) depends on the clock, so identical inputs give
  byte-identical tables, changelog, data package and data card.
- **Locking** (`publish_lock`): one publisher per output folder, via a lock file created with
  O_CREAT|O_EXCL holding the pid; a lock left by a dead process is taken over; a second live run
  fails with one line naming the pid and the lock file.
- **Reading** (`load`, `list_releases`, `diff_releases`): only folders named like a version and
  holding a `manifest.json` are releases (staging folders are hidden: their names start with a
  dot). `LATEST` names the newest one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from flows import fingerprint

FIRST_VERSION = "1.0.0"
VERSION_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
STAGING_RE = re.compile(r"^\.(\d+\.\d+\.\d+)-")
LOCK_NAME = ".lock"
# A lock file is created empty and gets its pid a moment later; an empty one older than this
# was left by a run killed in between.
EMPTY_LOCK_GRACE_SECONDS = 10.0

# Sort order of every table, which is also its row identity in diffs and changelogs. The first
# four, `entities` and `rejects` are unique by schema (statements by statement_id alone: their key
# starts with doc_id so that publishing cuts them into chunks of documents, `flows.store`); blocks and
# the mention tables are unique by construction (one row per block, per mention span, per event and
# sentence).
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "blocks": ("doc_id", "block_index"),
    "events": ("event_id",),
    "statements": ("doc_id", "statement_id"),
    "mentions": ("doc_id", "sentence_index", "sentence_start", "sentence_end", "entity_type", "entity_id"),
    "event_mentions": ("event_id", "doc_id", "sentence_index"),
    "entities": ("entity_id",),
    "rejects": ("source_file", "stage"),
}
# Columns shown beside an id in changelogs, so a reader recognises the row.
LABEL_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("source_file",),
    "events": ("date", "event_type"),
    "statements": ("speaker_name", "act"),
    "entities": ("name",),
    "rejects": ("reason",),
}
CHANGELOG_MAX_IDS = 50  # ids listed per table and kind of change; the counts are always complete


class PublishLocked(Exception):
    """Another live run holds the publish lock of this output folder."""


# ---------------------------------------------------------------- versions and listing


def parse_version(text: str) -> tuple[int, int, int]:
    match = VERSION_RE.match(text.strip())
    if not match:
        raise ValueError(f"not a release version (MAJOR.MINOR.PATCH): {text!r}")
    return tuple(int(x) for x in match.groups())  # type: ignore[return-value]


def releases_dir(root: Path | str) -> Path:
    """`root` may be the output folder or its `releases/` folder."""
    root = Path(root)
    if (root / "releases").is_dir() or root.name != "releases":
        return root / "releases"
    return root


def release_versions(releases: Path) -> list[str]:
    """Published versions under `releases/`, oldest first (staging and foreign folders ignored)."""
    if not releases.is_dir():
        return []
    found = [p.name for p in releases.iterdir()
             if p.is_dir() and VERSION_RE.match(p.name) and (p / "manifest.json").is_file()]
    return sorted(found, key=parse_version)


def newest_version(releases: Path) -> str | None:
    versions = release_versions(releases)
    return versions[-1] if versions else None


def latest_version(releases: Path) -> str | None:
    """The version `LATEST` names (falling back to the newest folder when LATEST is missing)."""
    latest = releases / "LATEST"
    if latest.is_file():
        name = latest.read_text(encoding="utf-8").strip()
        if VERSION_RE.match(name) and (releases / name / "manifest.json").is_file():
            return name
    return newest_version(releases)


def read_manifest(release_dir: Path) -> dict:
    return json.loads((release_dir / "manifest.json").read_text(encoding="utf-8"))


def list_releases(root: Path | str = "output") -> list[dict]:
    """One dict per release, oldest first: version, created_at, rows per table, latest flag."""
    releases = releases_dir(root)
    latest = latest_version(releases)
    out = []
    for version in release_versions(releases):
        manifest = read_manifest(releases / version)
        out.append({"version": version, "created_at": manifest.get("created_at"),
                    "previous_version": manifest.get("previous_version"),
                    "rows": {name: spec.get("rows") for name, spec in manifest.get("tables", {}).items()},
                    "latest": version == latest})
    return out


def format_releases(entries: list[dict]) -> str:
    if not entries:
        return "no releases"
    tables = list(dict.fromkeys(name for entry in entries for name in entry["rows"]))
    header = ["version", "created_at", *tables]
    rows = [[e["version"] + (" (LATEST)" if e["latest"] else ""), str(e["created_at"]),
             *[str(e["rows"].get(t, "-")) for t in tables]] for e in entries]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *rows])


def resolve_release(version: str, root: Path | str = "output") -> Path:
    releases = releases_dir(root)
    if version == "latest":
        name = latest_version(releases)
        if name is None:
            raise FileNotFoundError(f"no release under {releases}")
        version = name
    parse_version(version)
    path = releases / version
    if not (path / "manifest.json").is_file():
        raise FileNotFoundError(f"no release {version} under {releases}")
    return path


def load(table: str, version: str = "latest", root: Path | str = "output") -> pl.DataFrame:
    """One table of a release as a polars DataFrame: `load("events")`, `load("statements", "1.0.0")`."""
    release = resolve_release(version, root)
    spec = read_manifest(release)["tables"].get(table)
    if spec is None:
        raise KeyError(f"release {release.name} has no table {table!r}")
    return pl.read_parquet(release / spec["file"])


# ---------------------------------------------------------------- fingerprints


def config_fingerprint() -> str:
    """The stage configurations that shape a release (the pipeline runs them with their defaults)."""
    from flows.stages.ingest import IngestConfig
    from flows.stages.publish import PublishConfig

    return fingerprint.combine([repr(IngestConfig()), repr(PublishConfig())])


def release_fingerprint(input_files: Iterable[tuple[str, str]], vndiplo_version: str) -> str:
    """What a release depends on: input files (relative path, sha256), version, code, configuration."""
    files = sorted(dict(input_files).items())
    return fingerprint.combine([
        fingerprint.combine(f"{path}\t{digest}" for path, digest in files),
        f"vndiplo={vndiplo_version}",
        fingerprint.code_fingerprint(),
        config_fingerprint(),
    ])


def input_files_on_disk(input_dir: Path) -> list[tuple[str, str]]:
    """(relative path, digest) of the files ingest reads, in path order, read the way ingest reads
    them: a symlink out of the folder, an oversized or unreadable file is never opened, and stands
    for its reject reason instead of a content hash."""
    from flows.stages.ingest import read_refs

    return input_files_of_refs(read_refs(Path(input_dir)))


def input_files_of_refs(refs: pl.DataFrame) -> list[tuple[str, str]]:
    """(relative path, digest) of files already read by `ingest.read_refs` (or `ingest.refs_of`)."""
    rejected = pl.col("reject_reason").is_not_null()
    return refs.select("path", pl.when(rejected).then(pl.lit("rejected:") + pl.col("reject_reason"))
                       .otherwise(pl.col("digest"))).rows()


def input_files_of_tables(tables: dict[str, pl.DataFrame]) -> list[tuple[str, str]]:
    """(source_file, sha256) of every input file, from the documents and rejects tables.

    Every file ingest read is either a document or a reject (with its raw sha256), so this is the
    same list `input_files_on_disk` gives before the run."""
    pairs: dict[str, str] = {}
    for name in ("documents", "rejects"):
        frame = tables.get(name)
        if frame is None or "sha256" not in frame.columns:
            continue
        for path, digest in frame.select("source_file", "sha256").iter_rows():
            if digest is not None:
                pairs.setdefault(path, digest)
    return sorted(pairs.items())


def up_to_date(input_dir: Path | str, output_dir: Path | str, refs: pl.DataFrame | None = None) -> str | None:
    """The newest release's version when it was built from exactly these inputs, code and config; else None.

    Cheap (hashes the input files only), so the CLI calls it before starting the flow.
    refs: the files of `input_dir` as `ingest.read_refs` gives them, when the caller has them."""
    from flows import __version__

    releases = Path(output_dir) / "releases"
    newest = newest_version(releases)
    if newest is None or not Path(input_dir).is_dir():
        return None
    try:
        recorded = read_manifest(releases / newest).get("fingerprint")
    except (OSError, ValueError):
        return None
    files = input_files_of_refs(refs) if refs is not None else input_files_on_disk(Path(input_dir))
    current = release_fingerprint(files, __version__)
    return newest if recorded == current else None


# ---------------------------------------------------------------- diffs and version bumps


@dataclass(frozen=True)
class TableShape:
    """The columns and row count of a table not held in memory (the files beside the tables need no more)."""

    schema: pl.Schema
    height: int

    @property
    def columns(self) -> list[str]:
        return list(self.schema)


def table_key(table: str, frame: pl.DataFrame | TableShape) -> tuple[str, ...]:
    key = tuple(c for c in TABLE_KEYS.get(table, ()) if c in frame.columns)
    return key or (frame.columns[0],)


def _key_order(table: str, frame: pl.DataFrame) -> tuple[pl.Series, bool]:
    """The row order of the documented key, and whether the frame is in it already."""
    key = list(table_key(table, frame))
    order = frame.select(pl.arg_sort_by(key, nulls_last=False, maintain_order=True)).to_series()
    return order, order.equals(pl.int_range(frame.height, eager=True, dtype=order.dtype))


def in_key_order(table: str, frame: pl.DataFrame) -> bool:
    """True when `sort_table` would return the frame as it is (without copying it)."""
    return _key_order(table, frame)[1]


def sort_table(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Rows in the documented key order (nulls first, so the order is total and stable). A frame
    already in that order is returned as it is: sorting copies every column."""
    order, ordered = _key_order(table, frame)
    return frame if ordered else frame[order]


@dataclass(frozen=True)
class TableDiff:
    """How one table changed between two releases; rows are named by their key (`TABLE_KEYS`)."""

    table: str
    key: tuple[str, ...]
    rows_before: int = 0
    rows_after: int = 0
    table_added: bool = False
    table_removed: bool = False
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    columns_retyped: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    changed_columns: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def incompatible(self) -> bool:
        return self.table_removed or bool(self.columns_removed or self.columns_retyped)

    @property
    def additive(self) -> bool:
        return self.table_added or bool(self.columns_added or self.added or self.removed)

    @property
    def empty(self) -> bool:
        return not (self.incompatible or self.additive or self.changed)


def _key_strings(frame: pl.DataFrame, key: tuple[str, ...]) -> pl.Series:
    return frame.select(pl.concat_str([pl.col(c).cast(pl.String).fill_null("∅") for c in key],
                                      separator="/").alias("_key"))["_key"]


def _labels(table: str, frame: pl.DataFrame, keys: pl.Series, wanted: set[str]) -> dict[str, str]:
    columns = [c for c in LABEL_COLUMNS.get(table, ()) if c in frame.columns]
    if not columns or not wanted:
        return {}
    values = frame.select([pl.col(c).cast(pl.String) for c in columns]).with_columns(_key=keys)
    values = values.filter(pl.col("_key").is_in(sorted(wanted)))
    return {row["_key"]: ", ".join(str(row[c]) for c in columns if row[c] is not None)
            for row in values.iter_rows(named=True)}


def diff_table(table: str, before: pl.DataFrame | None, after: pl.DataFrame | None) -> TableDiff:
    """Rows added, removed and changed by key, and columns added, removed and retyped."""
    if before is None and after is None:
        raise ValueError(f"{table}: nothing to compare")
    if before is None:
        key = table_key(table, after)
        keys = _key_strings(sort_table(table, after), key)
        return TableDiff(table, key, rows_after=after.height, table_added=True, added=keys.to_list())
    if after is None:
        key = table_key(table, before)
        return TableDiff(table, key, rows_before=before.height, table_removed=True,
                         removed=_key_strings(sort_table(table, before), key).to_list())
    key = tuple(c for c in table_key(table, after) if c in before.columns)
    # Ids are listed in key order (block 2 before block 10), not in string order.
    before = before.sort(list(key), nulls_last=False, maintain_order=True)
    after = after.sort(list(key), nulls_last=False, maintain_order=True)
    old_types, new_types = before.schema, after.schema
    columns_removed = [c for c in before.columns if c not in new_types]
    columns_added = [c for c in after.columns if c not in old_types]
    columns_retyped = [c for c in before.columns if c in new_types and old_types[c] != new_types[c]]
    values = [c for c in after.columns if c in old_types and c not in columns_retyped and c not in key]
    old_keys, new_keys = _key_strings(before, key), _key_strings(after, key)
    if old_keys.n_unique() != before.height or new_keys.n_unique() != after.height:
        # Key not unique: compare whole rows as multisets (added/removed only).
        old_rows = before.select(sorted(set(before.columns) & set(after.columns))).with_columns(_key=old_keys)
        new_rows = after.select(sorted(set(before.columns) & set(after.columns))).with_columns(_key=new_keys)
        old_hash = old_rows.select("_key", _h=pl.struct(pl.exclude("_key")).hash(0))
        new_hash = new_rows.select("_key", _h=pl.struct(pl.exclude("_key")).hash(0))
        removed = old_hash.join(new_hash, on=["_key", "_h"], how="anti", maintain_order="left")["_key"].to_list()
        added = new_hash.join(old_hash, on=["_key", "_h"], how="anti", maintain_order="left")["_key"].to_list()
        return TableDiff(table, key, before.height, after.height, columns_added=columns_added,
                         columns_removed=columns_removed, columns_retyped=columns_retyped,
                         added=added, removed=removed,
                         labels=_labels(table, after, new_keys, set(added)))
    hashed = [pl.col(c).hash(0).alias(c) for c in values]
    old = before.select(hashed).with_columns(_key=old_keys)
    new = after.select(hashed).with_columns(_key=new_keys)
    old_set, new_set = set(old_keys.to_list()), set(new_keys.to_list())
    added = [k for k in new_keys.to_list() if k not in old_set]
    removed = [k for k in old_keys.to_list() if k not in new_set]
    joined = old.join(new, on="_key", how="inner", suffix="_new", maintain_order="right")
    changed_columns = {}
    changed_mask = pl.lit(False)
    for column in values:
        differs = pl.col(column) != pl.col(f"{column}_new")
        count = joined.select(differs.sum()).item()
        if count:
            changed_columns[column] = count
        changed_mask = changed_mask | differs
    changed = joined.filter(changed_mask)["_key"].to_list() if values else []
    labels = _labels(table, after, new_keys, set(added) | set(changed))
    labels.update(_labels(table, before, old_keys, set(removed)))
    return TableDiff(table, key, before.height, after.height, columns_added=columns_added,
                     columns_removed=columns_removed, columns_retyped=columns_retyped, added=added,
                     removed=removed, changed=changed, changed_columns=changed_columns, labels=labels)


def merge_diffs(parts: list[TableDiff], columns: list[str]) -> TableDiff:
    """One table's diff from the diffs of consecutive key ranges of it (in key order), as `diff_table`
    of the whole table gives it; `columns`: the new table's columns (the order of `changed_columns`)."""
    first = parts[0]
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for part in parts:
        for column, count in part.changed_columns.items():
            counts[column] = counts.get(column, 0) + count
        labels.update(part.labels)
    position = {name: i for i, name in enumerate(columns)}
    return TableDiff(
        first.table, first.key, rows_before=sum(p.rows_before for p in parts), rows_after=sum(p.rows_after for p in parts),
        table_added=first.table_added, table_removed=first.table_removed, columns_added=first.columns_added,
        columns_removed=first.columns_removed, columns_retyped=first.columns_retyped,
        added=[k for p in parts for k in p.added], removed=[k for p in parts for k in p.removed],
        changed=[k for p in parts for k in p.changed],
        changed_columns=dict(sorted(counts.items(), key=lambda item: position.get(item[0], len(position)))),
        labels=labels)


def diff_tables(before: dict[str, pl.DataFrame], after: dict[str, pl.DataFrame]) -> list[TableDiff]:
    names = list(after) + [n for n in before if n not in after]
    return [diff_table(n, before.get(n), after.get(n)) for n in names]


def bump(previous: str | None, diffs: list[TableDiff]) -> str | None:
    """The next version under the policy in the module docstring; None when nothing changed."""
    if previous is None:
        return FIRST_VERSION
    major, minor, patch = parse_version(previous)
    if any(d.incompatible for d in diffs):
        return f"{major + 1}.0.0"
    if any(d.additive for d in diffs):
        return f"{major}.{minor + 1}.0"
    if any(d.changed for d in diffs):
        return f"{major}.{minor}.{patch + 1}"
    return None


def read_tables(release_dir: Path) -> dict[str, pl.DataFrame]:
    manifest = read_manifest(release_dir)
    return {name: pl.read_parquet(release_dir / spec["file"]) for name, spec in manifest["tables"].items()}


def diff_releases(a: str, b: str, root: Path | str = "output") -> list[TableDiff]:
    """What changed from release `a` to release `b` (versions, or "latest")."""
    return diff_tables(read_tables(resolve_release(a, root)), read_tables(resolve_release(b, root)))


def _id_list(diff: TableDiff, ids: list[str], limit: int | None) -> list[str]:
    shown = ids if limit is None else ids[:limit]
    lines = [f"  - `{i}`" + (f" ({diff.labels[i]})" if diff.labels.get(i) else "") for i in shown]
    if len(ids) > len(shown):
        lines.append(f"  - … and {len(ids) - len(shown)} more")
    return lines


def format_diff(diffs: list[TableDiff], limit: int | None = CHANGELOG_MAX_IDS) -> str:
    """Markdown: per table, schema changes, then row ids added, removed and changed."""
    lines = []
    for d in diffs:
        if d.table_added:
            lines.append(f"### {d.table}: new table ({d.rows_after} rows)")
            continue
        if d.table_removed:
            lines.append(f"### {d.table}: table removed ({d.rows_before} rows)")
            continue
        if d.empty:
            lines.append(f"### {d.table}: unchanged ({d.rows_after} rows)")
            continue
        lines.append(f"### {d.table}: {d.rows_before} → {d.rows_after} rows "
                     f"(+{len(d.added)} added, -{len(d.removed)} removed, ~{len(d.changed)} changed; "
                     f"rows named by {', '.join(d.key)})")
        for label, columns in (("columns added", d.columns_added), ("columns removed", d.columns_removed),
                               ("columns with a new type", d.columns_retyped)):
            if columns:
                lines.append(f"- {label}: {', '.join(columns)}")
        for label, ids in (("added", d.added), ("removed", d.removed), ("changed", d.changed)):
            if ids:
                lines.append(f"- {label}:")
                lines += _id_list(d, ids, limit)
        if d.changed_columns:
            lines.append("- changed values per column: "
                         + ", ".join(f"{c} ({n})" for c, n in d.changed_columns.items()))
    return "\n".join(lines)


# ---------------------------------------------------------------- the files beside the tables


def changelog_text(version: str, previous: str | None, diffs: list[TableDiff] | None) -> str:
    head = [f"# Changelog of vndiplo release {version}", ""]
    if previous is None or diffs is None:
        return "\n".join(head + ["First release: there is no previous version to compare with; every row is new.",
                                 ""])
    kind = _bump_kind(previous, version)
    return "\n".join(head + [
        f"Changes since {previous} ({kind} release; see the versioning policy in DATACARD.md). "
        "Rows are named by their key; tables key on their id column, or the columns listed.",
        "", format_diff(diffs), ""])


def _bump_kind(previous: str, version: str) -> str:
    old, new = parse_version(previous), parse_version(version)
    return "major" if new[0] != old[0] else "minor" if new[1] != old[1] else "patch"


_FRICTIONLESS_TYPES = {pl.String: "string", pl.Boolean: "boolean", pl.Date: "date"}


def _table_schema_type(dtype: pl.DataType) -> str:
    if dtype in _FRICTIONLESS_TYPES:
        return _FRICTIONLESS_TYPES[dtype]
    if dtype.is_integer():
        return "integer"
    if dtype.is_float():
        return "number"
    if isinstance(dtype, pl.Datetime):
        return "datetime"
    # Lists and structs are "any": frictionless reads Parquet through pandas, which hands nested
    # values over as numpy arrays and dicts that its "array"/"object" types reject; the exact
    # nested type is kept in `x-polars-type` (and in schemas/json/ as a full JSON Schema).
    return "any"


def table_schema(table: str, model, frame: pl.DataFrame | TableShape) -> dict:
    """Frictionless Table Schema of one Parquet file: types, constraints and descriptions from the model."""
    from flows.schema_json import column_specs

    specs = {s.name: s for s in column_specs(model)}
    fields = []
    for name, dtype in frame.schema.items():
        spec = specs.get(name)
        entry: dict = {"name": name, "type": _table_schema_type(dtype)}
        nullable = spec is None or spec.nullable
        if entry["type"] == "integer" and nullable:
            # pandas (through which frictionless reads Parquet) turns a null integer into a float NaN
            # that no "integer" accepts; the exact type stays in x-polars-type.
            entry["type"] = "number"
            entry["x-polars-type"] = str(dtype)
        if spec and spec.description:
            entry["description"] = spec.description
        constraints: dict = {}
        if spec is not None:
            if not spec.nullable:
                constraints["required"] = True
            if spec.unique:
                constraints["unique"] = True
            checks = spec.checks
            if "isin" in checks and entry["type"] == "string":
                constraints["enum"] = list(checks["isin"]["allowed_values"])
            if "str_matches" in checks and entry["type"] == "string":
                constraints["pattern"] = checks["str_matches"]["pattern"].removeprefix("^").removesuffix("$")
            if entry["type"] in ("integer", "number") and not nullable:  # NaN fails every bound
                if "greater_than_or_equal_to" in checks:
                    constraints["minimum"] = checks["greater_than_or_equal_to"]["min_value"]
                if "less_than_or_equal_to" in checks:
                    constraints["maximum"] = checks["less_than_or_equal_to"]["max_value"]
        if constraints:
            entry["constraints"] = constraints
        if isinstance(dtype, (pl.List, pl.Array, pl.Struct)):
            entry["x-polars-type"] = str(dtype)
        fields.append(entry)
    # Nulls are real nulls in Parquet; an empty string is a value (e.g. blocks.raw_prefix), not "missing".
    schema: dict = {"fields": fields, "missingValues": []}
    # The key's column that is unique alone (statements are sorted by doc_id, then by their unique id).
    unique = [c for c in TABLE_KEYS.get(table, ()) if c in frame.columns and specs.get(c) is not None
              and specs[c].unique]
    if unique:
        schema["primaryKey"] = unique[:1]
    return schema


def datapackage(version: str, tables: dict[str, pl.DataFrame | TableShape], files: dict[str, dict]) -> dict:
    """Frictionless Data Package (v1 spec) describing every Parquet file of the release."""
    from flows.schema_json import model_description
    from flows.stages.publish import release_schemas

    models = release_schemas()
    resources = []
    for name, frame in tables.items():
        model = models.get(name)
        resource = {
            "name": name,
            "path": files[name]["file"],
            "profile": "tabular-data-resource",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "encoding": "utf-8",
            # Not "hash"/"bytes": frictionless cannot count the bytes of a Parquet source and reports
            # them as mismatches; the sha256 is in manifest.json and SHA256SUMS.
            "x-sha256": files[name]["sha256"],
            "description": (model_description(model) if model else name)
            + f" Rows sorted by {', '.join(table_key(name, frame))}.",
            "schema": table_schema(name, model, frame) if model else {"fields": []},
        }
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": "vndiplo",
        "title": "vndiplo: Vietnam's diplomatic contacts and statements from Vietnamese news",
        "description": "Events (who met or called whom, when and where) and statements (who said what) "
                       "extracted from Vietnamese news articles, with the documents, blocks and mentions "
                       "that trace every row to its source text. See DATACARD.md.",
        "version": version,
        "keywords": ["Vietnam", "diplomacy", "event data", "CAMEO", "PLOVER", "news"],
        "resources": resources,
    }


def sha256sums_text(release_dir: Path, exclude: Iterable[str] = ("SHA256SUMS",)) -> str:
    """`sha256sum` format (two spaces, text mode) for every file of the folder, sorted by name."""
    excluded = set(exclude)
    names = sorted(p.name for p in release_dir.iterdir() if p.is_file() and p.name not in excluded)
    return "".join(f"{fingerprint.file_sha256(release_dir / n)}  {n}\n" for n in names)


def sha256sums_failures(release_dir: Path) -> list[str]:
    path = release_dir / "SHA256SUMS"
    if not path.is_file():
        return ["SHA256SUMS missing"]
    failures = []
    listed = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = re.match(r"^([0-9a-f]{64}) [ *](.+)$", line)
        if not match:
            failures.append(f"SHA256SUMS line {number} is malformed")
            continue
        digest, name = match.groups()
        listed.add(name)
        target = release_dir / name
        if "/" in name or not target.is_file():
            failures.append(f"SHA256SUMS: {name} missing")
        elif fingerprint.file_sha256(target) != digest:
            failures.append(f"SHA256SUMS: {name} checksum differs")
    unlisted = sorted(p.name for p in release_dir.iterdir() if p.is_file() and p.name != "SHA256SUMS"
                      and p.name not in listed)
    failures += [f"SHA256SUMS does not list {name}" for name in unlisted]
    return failures


def package_failures(release_dir: Path, manifest: dict) -> list[str]:
    """The data package, changelog and data card are present and agree with the manifest."""
    failures = []
    try:
        package = json.loads((release_dir / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [f"datapackage.json unreadable: {' '.join(str(err).split())[:120]}"]
    resources = {r.get("path"): r for r in package.get("resources", [])}
    if package.get("version") != manifest.get("version"):
        failures.append("datapackage.json: version differs from the manifest")
    for name, spec in manifest.get("tables", {}).items():
        resource = resources.get(spec.get("file"))
        if resource is None:
            failures.append(f"datapackage.json: no resource for {spec.get('file')}")
            continue
        if resource.get("x-sha256") != spec.get("sha256"):
            failures.append(f"datapackage.json: hash of {name} differs from the manifest")
        fields = [f.get("name") for f in resource.get("schema", {}).get("fields", [])]
        if fields != [c["name"] for c in spec.get("columns", [])]:
            failures.append(f"datapackage.json: fields of {name} differ from the manifest columns")
    version = manifest.get("version", "")
    for name, needle in (("CHANGELOG.md", f"release {version}"), ("DATACARD.md", f"{version}")):
        path = release_dir / name
        if not path.is_file():
            failures.append(f"{name} missing")
        elif needle not in path.read_text(encoding="utf-8"):
            failures.append(f"{name} does not name version {version}")
    return failures


# ---------------------------------------------------------------- data card


def _quality_section() -> str | None:
    """The README's Quality section (evaluation figures), when the source tree is at hand."""
    readme = fingerprint.PROJECT_ROOT / "README.md"
    if not readme.is_file():
        return None
    match = re.search(r"^## Quality\n(.*?)(?=^## )", readme.read_text(encoding="utf-8"), re.S | re.M)
    return match.group(1).strip() if match else None


def _field_lines(model, frame: pl.DataFrame | TableShape) -> list[str]:
    from flows.schema_json import column_specs

    specs = {s.name: s for s in column_specs(model)} if model else {}
    lines = ["| column | type | null | description |", "| --- | --- | --- | --- |"]
    for name, dtype in frame.schema.items():
        spec = specs.get(name)
        description = (spec.description or "") if spec else ""
        nullable = "yes" if spec is None or spec.nullable else "no"
        lines.append(f"| `{name}` | `{dtype}` | {nullable} | {description.replace('|', '/')} |")
    return lines


def datacard_text(version: str, tables: dict[str, pl.DataFrame | TableShape], previous: str | None,
                  documents: pl.DataFrame | None = None) -> str:
    """DATACARD.md: what the release is, where it comes from, what each field means, its limits.

    `tables` may give a table's shape only; `documents` (default: `tables["documents"]`) holds the
    document columns the card summarises (`duplicate_of`, `published_at`, `outlet`), its text not needed."""
    from flows.schema_json import model_description
    from flows.stages.publish import release_schemas

    models = release_schemas()
    documents = tables.get("documents") if documents is None else documents
    events = tables.get("events")
    lines = [f"# vndiplo dataset card, release {version}", "",
             "## Summary", "",
             "Vietnam's diplomatic contacts (`events`: who met, called or wrote to whom, when and where) and "
             "what was said (`statements`: speaker, speech act, content), extracted by rules and gazetteers "
             "from Vietnamese news articles, with `documents`, `blocks`, `mentions` and `event_mentions` "
             "tracing every row to its source text. Built by the vndiplo pipeline "
             "(ingest → clean → deduplicate → annotate with underthesea → extract → validate with pandera "
             "→ publish).", "",
             "| table | rows | sorted by |", "| --- | --- | --- |"]
    lines += [f"| {name} | {frame.height} | {', '.join(table_key(name, frame))} |" for name, frame in tables.items()]
    lines += ["", "## Sources and outlets", ""]
    if documents is not None and documents.height:
        canonical = documents["duplicate_of"].null_count() if "duplicate_of" in documents.columns else documents.height
        lines.append(f"{documents.height} article files ({canonical} canonical, "
                     f"{documents.height - canonical} near-copies or excerpts of another), "
                     f"{tables['rejects'].height if 'rejects' in tables else 0} rejected input files "
                     "(see `rejects`).")
        if "published_at" in documents.columns:
            dated = documents["published_at"].drop_nulls()
            if dated.len():
                lines.append(f"Publication dates from {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d} "
                             f"({documents.height - dated.len()} files state none).")
        if "outlet" in documents.columns:
            counts = (documents.group_by(pl.col("outlet").fill_null("(not stated)")).len()
                      .sort(["len", "outlet"], descending=[True, False]))
            lines += ["", "| outlet | articles |", "| --- | --- |"]
            lines += [f"| {row['outlet']} | {row['len']} |" for row in counts.iter_rows(named=True)]
    if events is not None and events.height and "date" in events.columns:
        dates = events["date"].drop_nulls()
        if dates.len():
            lines += ["", f"Events dated from {dates.min()} to {dates.max()} "
                          f"({events.height - dates.len()} undated)."]
    lines += ["", "## Collection and processing", "",
              "Articles are plain-text files of scraped news pages (header lines with date, title or URL, then "
              "paragraphs). Cleaning labels every block (captions, sidebars, bylines, site chrome are kept in "
              "`blocks` with the reason they were dropped) and normalises the kept text (NFC, old-style tone "
              "marks). Near-copies across articles are linked to a canonical article (word 5-gram MinHash + "
              "exact resemblance or containment ≥ 0.8); events and statements come from canonical articles "
              "only. Sentences and named entities come from underthesea's bundled CRF models; people, offices "
              "with tenures, countries, places and organisations come from the reference tables in "
              "`flows/reference/` (the `entities` table). Dates are resolved against the publication date; "
              "ids are derived from content (`doc_id` from the normalised URL or text, `event_id` from date, "
              "type and participants, `statement_id` from document, speaker, act, sentence, verb and content, "
              "never from row order or character offsets), so they stay the same from one release to the next.", "",
              "## Versioning", "",
              "MAJOR: a table or column removed, renamed or given a new type. MINOR: tables, columns or rows "
              "added, or rows removed (listed by id in CHANGELOG.md). PATCH: only values of existing rows "
              "changed. A run on the same inputs, code and configuration (same fingerprint in manifest.json) "
              "or giving identical tables publishes nothing. "
              + (f"Previous release: {previous}." if previous else "This is the first release."), "",
              "## Tables and fields", ""]
    for name, frame in tables.items():
        model = models.get(name)
        description = model_description(model).split("\n\n")[0].replace("\n", " ") if model else ""
        lines += [f"### {name}", "", description, ""] + _field_lines(model, frame) + [""]
    lines += ["## Known limitations", "",
              "- Rule-based extraction: precision below 1 (unlisted or optional events and statements, see "
              "the evaluation below); acts of the same verb are labelled inconsistently by annotators.",
              "- People missing from the reference data are kept by name (`link_method = unlinked_name`) but "
              "have no `entity_id`; offices are resolved with the tenures in the reference data.",
              "- Dates without a publication date are inferred (anniversaries, year mentions, office tenures); "
              "`date_source` says how. Undated events have `date_precision = none`.",
              "- Coverage is what the input corpus contains: outlets and periods are not a sample of all news.",
              "", "## Evaluation", ""]
    quality = _quality_section()
    if quality:
        lines += ["Copied from the Quality section of the project README when this release was built (figures of "
                  "the pipeline on hand-annotated gold sets, not a measurement of every row of this release):", "",
                  quality, ""]
    else:
        lines += ["**Not included here**: see the Quality section of the project README "
                  "(`vndiplo evaluate GOLD_DIR --release DIR` measures a release against gold files).", ""]
    lines += ["## Licence and rights", "",
              "The vndiplo code is licensed GPL-3.0-or-later. The tables quote news text (`documents.text`, "
              "`blocks`, `statements.sentence`/`content`, `event_mentions.sentence`): the rights to that text "
              "stay with the publishing outlets; it is included for research (text and data analysis, "
              "quotation with attribution to the outlet in `documents.outlet`/`url`), and no licence to "
              "republish it is granted. Redistribute derived facts (ids, dates, types, participants, acts) "
              "freely; check the outlets' terms before republishing quoted text.", "",
              "## How to cite", "",
              f"vndiplo contributors. *vndiplo: Vietnam's diplomatic contacts and statements from Vietnamese "
              f"news*, dataset release {version}. Cite the version and the sha256 of `manifest.json` (in "
              "`SHA256SUMS`) so others can check they have the same data.", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- locking


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process not yet reaped by its parent is a zombie: dead for our purpose
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except (OSError, IndexError):
        return True


def _lock_owner(path: Path) -> tuple[int | None, float]:
    try:
        text = path.read_text(encoding="utf-8").strip()
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return None, 0.0
    return (int(text) if text.isdigit() else None), age


def _take_over(path: Path, seen_pid: int | None) -> None:
    """Move a dead run's lock aside; if the lock changed hands meanwhile, put it back untouched."""
    aside = path.with_name(f"{LOCK_NAME}.stale-{os.getpid()}")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return
    owner, _ = _lock_owner(aside)
    if owner != seen_pid:  # another run took the lock between our read and our rename
        with contextlib.suppress(FileExistsError):
            os.link(aside, path)
    aside.unlink(missing_ok=True)


@contextlib.contextmanager
def publish_lock(releases: Path) -> Iterator[Path]:
    """Hold `releases/.lock` (O_CREAT|O_EXCL, our pid inside) for the duration of a publish."""
    releases.mkdir(parents=True, exist_ok=True)
    path = releases / LOCK_NAME
    for _ in range(3):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            owner, age = _lock_owner(path)
            if owner is not None and pid_alive(owner):
                raise PublishLocked(f"another vndiplo run (pid {owner}) is publishing to {releases}; "
                                    f"wait for it to finish (or delete {path} if that process is not vndiplo)") from None
            if owner is None and age < EMPTY_LOCK_GRACE_SECONDS:
                raise PublishLocked(f"another vndiplo run is starting to publish to {releases} ({path} is new); "
                                    "try again in a few seconds") from None
            _take_over(path, owner)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            os.fsync(handle.fileno())
        break
    else:
        raise PublishLocked(f"could not take the publish lock {path}; another run keeps taking it")
    try:
        yield path
    finally:
        owner, _ = _lock_owner(path)
        if owner == os.getpid():
            path.unlink(missing_ok=True)


def clean_leftovers(releases: Path) -> list[str]:
    """Remove what killed runs left behind (hidden staging folders, temporary LATEST files).

    Call it only while holding the publish lock: then no other run is writing them."""
    import shutil

    removed = []
    if not releases.is_dir():
        return removed
    for entry in sorted(releases.iterdir()):
        if entry.is_dir() and STAGING_RE.match(entry.name):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
        elif entry.is_file() and (entry.name.startswith(".LATEST") or entry.name.startswith(f"{LOCK_NAME}.stale-")):
            entry.unlink(missing_ok=True)
            removed.append(entry.name)
    return removed


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_latest(releases: Path, version: str) -> None:
    """Replace `LATEST` atomically (write a temporary file, fsync, rename over)."""
    tmp = releases / f".LATEST-{os.getpid()}.tmp"
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(version + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, releases / "LATEST")
    fsync_dir(releases)


def created_at() -> str:
    # SOURCE_DATE_EPOCH (reproducible-builds.org convention) pins the timestamp for byte-identical runs.
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and not epoch.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, got {epoch!r}")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat()
