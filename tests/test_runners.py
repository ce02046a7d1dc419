"""Runners: the release is the same whichever task runner made it; `--runner auto` picks by corpus size."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from conftest import SEEDS

RELEASE_TABLES = ("documents", "blocks", "events", "statements", "mentions", "event_mentions", "entities", "rejects")


@pytest.mark.parametrize(
    "name, address, n_inputs, expected",
    [
        ("auto", None, 5, "ThreadPoolTaskRunner"),
        ("auto", None, 1_999, "ThreadPoolTaskRunner"),
        ("auto", None, 2_000, "DaskTaskRunner"),
        ("auto", "tcp://127.0.0.1:8786", 5, "DaskTaskRunner"),
        ("thread", None, 10_000, "ThreadPoolTaskRunner"),
        ("process", None, 5, "ProcessPoolTaskRunner"),
        ("dask", None, 5, "DaskTaskRunner"),
    ],
)
def test_runner_choice(name, address, n_inputs, expected):
    from flows.pipeline import RunConfig, task_runner

    assert RunConfig().dask_threshold == 2_000  # the table above is written for this threshold
    assert type(task_runner(name, address, n_inputs)).__name__ == expected


@pytest.mark.parametrize("name, address", [("magic", None), ("thread", "tcp://127.0.0.1:8786")])
def test_runner_misuse_is_refused(name, address):
    from flows.pipeline import task_runner

    with pytest.raises(ValueError):
        task_runner(name, address)


def test_the_cli_offers_the_pipeline_runners():
    from flows import cli, pipeline

    assert cli.RUNNERS == pipeline.RUNNERS
    assert cli.DASK_THRESHOLD == pipeline.RunConfig().dask_threshold


@pytest.fixture(scope="module")
def releases_by_runner(tmp_path_factory) -> dict[str, Path]:
    """The seeds built by the thread runner and by a local Dask cluster of 2 workers, small batches
    so that the documents are spread over both workers, no cache so every document is computed."""
    from prefect.testing.utilities import prefect_test_harness

    from flows.pipeline import build_release, task_runner

    releases = {}
    with prefect_test_harness(server_startup_timeout=90):
        for name in ("thread", "dask"):
            runner = task_runner(name, workers=2)
            output = tmp_path_factory.mktemp(f"runner-{name}")
            flow = build_release.with_options(task_runner=runner)
            releases[name] = Path(flow(input_dir=str(SEEDS), output_dir=str(output), use_cache=False, batch_size=2,
                                       stage_batch_size=2))
    return releases


@pytest.mark.parametrize("table", RELEASE_TABLES)
def test_dask_and_thread_runners_give_identical_tables(releases_by_runner, table):
    thread = pl.read_parquet(releases_by_runner["thread"] / f"{table}.parquet")
    dask = pl.read_parquet(releases_by_runner["dask"] / f"{table}.parquet")
    assert thread.height > 0 or table == "rejects"
    assert thread.equals(dask)
