"""The whole flow, for real: `build-release` under prefect_test_harness on the seeds.

Also the golden files: whole-document behaviour on the seeds as readable JSONL under tests/golden/.
After an intended change, regenerate them with `VNDIPLO_UPDATE_GOLDEN=1 python -m pytest
tests/test_flow.py` and review the diff like code.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest

from conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"
GOLDEN_COLUMNS = {
    "documents": ["source_file", "doc_id", "title", "title_source", "outlet", "author", "published_at",
                  "published_at_source", "duplicate_of", "n_blocks", "n_kept_blocks"],
    "blocks": ["doc_id", "block_index", "kind", "kept", "reason", "duplicate_of_block", "clean_text"],
    "events": ["event_id", "event_type", "cameo_code", "date", "end_date", "date_precision", "date_source",
               "date_text", "time_of_day", "location", "location_country", "geo_precision", "participants",
               "historical", "trigger", "source_doc_ids"],
    "statements": ["doc_id", "sentence_index", "speaker_name", "speaker_method", "joint", "act", "verb",
                   "quote_type", "content", "topics", "event_id", "statement_id"],
}


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    from prefect.testing.utilities import prefect_test_harness

    from flows.pipeline import build_release

    output = tmp_path_factory.mktemp("output")
    with prefect_test_harness(server_startup_timeout=90):
        path = build_release(input_dir=str(SEEDS), output_dir=str(output))
    return Path(path)


def test_the_flow_writes_release_1_0_0_and_latest(release):
    assert release.name == "1.0.0"
    assert (release.parent / "LATEST").read_text(encoding="utf-8").strip() == "1.0.0"
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) >= {"version", "created_at", "vndiplo_version", "inputs_fingerprint", "tables"}
    assert set(manifest["tables"]) >= {"documents", "events", "statements", "blocks"}
    assert not [p for p in release.parent.iterdir() if p.name.startswith(".")]  # no staging folder left


def test_the_release_validates(release):
    from flows.stages.publish import release_failures

    assert release_failures(release) == []


@pytest.mark.parametrize("table", ["documents", "events", "statements"])
def test_tables_load_with_polars_pandas_and_duckdb_alike(release, table):
    path = release / f"{table}.parquet"
    rows = pl.read_parquet(path).height
    assert rows > 0
    assert len(pd.read_parquet(path)) == rows
    assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()[0][0] == rows


def _jsonable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _lines(frame: pl.DataFrame, columns: list[str]) -> list[str]:
    rows = [json.dumps(_jsonable(row), ensure_ascii=False, sort_keys=False) for row in frame.select(columns).to_dicts()]
    return sorted(rows)


@pytest.mark.parametrize("table", sorted(GOLDEN_COLUMNS))
def test_golden_files(release, table):
    actual = _lines(pl.read_parquet(release / f"{table}.parquet"), GOLDEN_COLUMNS[table])
    golden = GOLDEN / f"seeds_{table}.jsonl"
    if os.environ.get("VNDIPLO_UPDATE_GOLDEN") == "1":
        golden.write_text("\n".join(actual) + "\n", encoding="utf-8")
    expected = golden.read_text(encoding="utf-8").splitlines()
    assert actual == expected
