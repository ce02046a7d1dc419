"""JSON Schema of every released table, generated from its pandera model into `schemas/json/`.

Regenerate after changing a model in `schemas/` with:

    python -m flows.schema_json

and commit the diff (`tests/test_release.py` fails while the committed files are stale, so a
schema change is always visible in review). `python -m flows.schema_json --check` exits 1 when
the files are stale, without writing.

Why not pandera's own `to_json_schema()`: it is lossy (dates become a non-standard "datetime",
list item types and nullability are lost). Here each row of a table is described as a JSON
object, generically from the model's fields, so columns other modules add are picked up without
changes to this file:

- polars types map to JSON types (`String` → string, integers → integer, floats → number,
  `Boolean` → boolean, `Date` → string with `"format": "date"`, a `Datetime` with a time zone →
  `"format": "date-time"`, a naive `Datetime` → a string with an ISO 8601 pattern and no
  offset, `List(T)` → array of T, `Struct` → object with every field, each nullable);
- a nullable column also accepts `null`; every column is required (the models are strict);
- checks become keywords: `isin` → `enum`, `str_matches` → `pattern`, `ge`/`le`/`gt`/`lt` →
  `minimum`/`maximum`/`exclusiveMinimum`/`exclusiveMaximum`, `str_length` → `minLength`/`maxLength`;
  `unique` and the table-level checks, which JSON Schema cannot express per row, are recorded as
  `x-unique` and `x-table-checks` so they still show up in a diff.

Guarantees: the output depends only on the models (no clock, no dict order beyond the models'
column order); files end with a newline and are UTF-8 without escapes.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from flows.fingerprint import PROJECT_ROOT

JSON_DIR = PROJECT_ROOT / "schemas" / "json"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A naive Datetime is local time as the source states it (documents.published_at: Vietnam time).
LOCAL_DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"

_INTEGER_TYPES = (pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64)
_FLOAT_TYPES = (pl.Float32, pl.Float64)


@dataclass(frozen=True)
class ColumnSpec:
    """What the model says about one column, independent of any output format."""

    name: str
    dtype: pl.DataType
    nullable: bool
    unique: bool
    description: str | None
    checks: dict[str, dict] = field(default_factory=dict)


def model_description(model) -> str:
    """The model's docstring, else its module's docstring (the schemas document themselves there)."""
    own = model.__dict__.get("__doc__")
    if own:
        return inspect.cleandoc(own)
    module = sys.modules.get(model.__module__)
    return inspect.cleandoc(module.__doc__ or "") if module else ""


def table_checks(model) -> list[str]:
    """Names of the model's table-level (dataframe) checks, in definition order."""
    schema = model.to_schema()
    return [check.name for check in schema.checks]


def column_specs(model) -> list[ColumnSpec]:
    """Every column of a pandera model, in the model's order."""
    schema = model.to_schema()
    specs = []
    for name, column in schema.columns.items():
        checks = {}
        for check in column.checks:
            checks[check.name] = dict(check.statistics or {})
        specs.append(ColumnSpec(name=name, dtype=column.dtype.type, nullable=bool(column.nullable),
                                unique=bool(column.unique), description=column.description, checks=checks))
    return specs


def _plain(value):
    """JSON-able form of a check statistic (dates become ISO strings)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def dtype_json_schema(dtype: pl.DataType) -> dict:
    """JSON Schema of one value of a polars type (nullability is added by the caller)."""
    if dtype == pl.String:
        return {"type": "string"}
    if isinstance(dtype, _INTEGER_TYPES) or dtype in _INTEGER_TYPES:
        return {"type": "integer"}
    if isinstance(dtype, _FLOAT_TYPES) or dtype in _FLOAT_TYPES:
        return {"type": "number"}
    if dtype == pl.Boolean:
        return {"type": "boolean"}
    if dtype == pl.Date:
        return {"type": "string", "format": "date"}
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone:
            return {"type": "string", "format": "date-time"}
        return {"type": "string", "pattern": LOCAL_DATETIME_PATTERN,
                "$comment": "local date and time without a UTC offset (ISO 8601)"}
    if isinstance(dtype, (pl.List, pl.Array)):
        return {"type": "array", "items": dtype_json_schema(dtype.inner)}
    if isinstance(dtype, pl.Struct):
        return {
            "type": "object",
            "properties": {f.name: _nullable(dtype_json_schema(f.dtype)) for f in dtype.fields},
            "required": [f.name for f in dtype.fields],
            "additionalProperties": False,
        }
    raise TypeError(f"no JSON Schema mapping for polars type {dtype}")


def _nullable(schema: dict) -> dict:
    out = dict(schema)
    kind = out["type"]
    out["type"] = [kind, "null"] if isinstance(kind, str) else [*kind, "null"]
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


def _check_keywords(checks: dict[str, dict]) -> dict:
    keywords: dict = {}
    for name, stats in checks.items():
        if name == "isin":
            keywords["enum"] = [_plain(v) for v in stats["allowed_values"]]
        elif name == "str_matches":
            keywords["pattern"] = stats["pattern"]
        elif name == "greater_than_or_equal_to":
            keywords["minimum"] = _plain(stats["min_value"])
        elif name == "less_than_or_equal_to":
            keywords["maximum"] = _plain(stats["max_value"])
        elif name == "greater_than":
            keywords["exclusiveMinimum"] = _plain(stats["min_value"])
        elif name == "less_than":
            keywords["exclusiveMaximum"] = _plain(stats["max_value"])
        elif name == "in_range":
            keywords["minimum"], keywords["maximum"] = _plain(stats["min_value"]), _plain(stats["max_value"])
        elif name == "str_length":
            if stats.get("min_value") is not None:
                keywords["minLength"] = stats["min_value"]
            if stats.get("max_value") is not None:
                keywords["maxLength"] = stats["max_value"]
        else:  # a check JSON Schema cannot express: keep its name so a change still shows in review
            keywords.setdefault("x-checks", []).append(name)
    return keywords


def column_json_schema(spec: ColumnSpec) -> dict:
    schema = dtype_json_schema(spec.dtype)
    schema.update(_check_keywords(spec.checks))
    if spec.nullable:
        schema = _nullable(schema)
    out = {"description": spec.description} if spec.description else {}
    out.update(schema)
    if spec.unique:
        out["x-unique"] = True
    return out


def table_json_schema(table: str, model) -> dict:
    """JSON Schema of one row of `table` (a JSON object per row)."""
    specs = column_specs(model)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"https://vndiplo.invalid/schemas/json/{table}.schema.json",
        "title": f"vndiplo {table} row",
        "description": model_description(model),
        "type": "object",
        "properties": {spec.name: column_json_schema(spec) for spec in specs},
        "required": [spec.name for spec in specs],
        "additionalProperties": False,
        "x-table-checks": table_checks(model),
    }


def rendered_schemas() -> dict[str, str]:
    """File name → exact file content, for every released table."""
    from schemas import RELEASE_TABLES

    return {f"{table}.schema.json": json.dumps(table_json_schema(table, model), indent=2, ensure_ascii=False) + "\n"
            for table, model in RELEASE_TABLES.items()}


def stale_files(directory: Path = JSON_DIR) -> list[str]:
    """Names of files that are missing, differ from the models, or belong to no table."""
    expected = rendered_schemas()
    stale = [name for name, text in expected.items()
             if not (directory / name).is_file() or (directory / name).read_text(encoding="utf-8") != text]
    if directory.is_dir():
        stale += sorted(p.name for p in directory.glob("*.schema.json") if p.name not in expected)
    return sorted(stale)


def write_schemas(directory: Path = JSON_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    expected = rendered_schemas()
    for path in directory.glob("*.schema.json"):
        if path.name not in expected:
            path.unlink()
    written = []
    for name, text in expected.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.schema_json", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if schemas/json/ is stale; write nothing")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        if stale:
            print(f"schemas/json is stale: {', '.join(stale)}; run python -m flows.schema_json", file=sys.stderr)
            return 1
        print("schemas/json is up to date")
        return 0
    for path in write_schemas():
        print(path.relative_to(PROJECT_ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
