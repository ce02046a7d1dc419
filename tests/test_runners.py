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


def test_the_flow_starts_once_the_workers_run_not_once_they_have_imported_the_pipeline(monkeypatch):
    import threading

    import distributed

    from flows import dask_cluster
    from flows.dask_cluster import LocalDaskCluster

    release, imported = threading.Event(), threading.Event()

    class Cluster:
        scheduler_address = "tcp://127.0.0.1:8786"

        def __init__(self, *_):
            pass

        def close(self):
            pass

    class Client:
        def __init__(self, _cluster):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *_):
            return False

        def run(self, _function):
            release.wait(timeout=10)  # the workers' import of the pipeline, until the test lets it end
            imported.set()

    monkeypatch.setattr(dask_cluster, "local_cluster", Cluster)
    monkeypatch.setattr(distributed, "Client", Client)
    cluster = LocalDaskCluster(workers=1, environment={})
    try:
        assert cluster.address == "tcp://127.0.0.1:8786"
        assert not imported.is_set()  # the address did not wait for the imports
    finally:
        release.set()
    assert cluster.ready() == "tcp://127.0.0.1:8786" and imported.is_set()  # `ready` does
    cluster.close()


@pytest.mark.parametrize("runner, address, n_inputs, starts", [
    ("auto", None, 5, False), ("auto", None, 2_000, True), ("dask", None, 5, True),
    ("dask", "tcp://127.0.0.1:8786", 5, False), ("thread", None, 10_000, False), ("process", None, 5, False),
])
def test_vndiplo_run_starts_the_worker_server_before_the_pipeline_only_for_a_local_cluster(
        monkeypatch, tmp_path, runner, address, n_inputs, starts):
    import flows.pipeline
    from flows import dask_cluster, runners
    from flows.cli import main
    from flows.prefect_server import TemporaryServer

    calls = []

    def run_build(*args, n_inputs=None, **options):
        calls.append(("run_build", n_inputs))
        raise RuntimeError("the test stops here")

    monkeypatch.setattr(runners, "files_to_prepare", lambda *args: n_inputs)
    monkeypatch.setattr(dask_cluster, "start_worker_forkserver", lambda: calls.append("worker server"))
    monkeypatch.setattr(flows.pipeline, "run_build", run_build)
    monkeypatch.setattr(TemporaryServer, "start_unless_configured", staticmethod(lambda: None))
    command = ["run", "--input", str(SEEDS), "--output", str(tmp_path), "--runner", runner]
    assert main(command + (["--dask-address", address] if address else [])) == 1  # the fake flow stopped it
    expected_count = n_inputs if runner == "auto" else 0
    assert calls == (["worker server"] if starts else []) + [("run_build", expected_count)]


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


@pytest.fixture(scope="module")
def cli_dask_release(tmp_path_factory) -> Path:
    """`vndiplo run --runner dask` on the seeds: the local cluster is started before the flow
    (flows.dask_cluster) and its workers report to the run's temporary server."""
    import os
    import subprocess
    import sys

    output = tmp_path_factory.mktemp("runner-cli-dask")
    result = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--runner", "dask", "--input", str(SEEDS),
                             "--output", str(output)], env=dict(os.environ), capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Error logging to API" not in result.stderr and "connection attempts failed" not in result.stderr
    assert "Creating a new Dask cluster" not in result.stderr  # the runner connected to the early cluster
    return Path(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("table", RELEASE_TABLES)
def test_the_cli_on_its_early_dask_cluster_gives_the_thread_runners_tables(releases_by_runner, cli_dask_release,
                                                                            table):
    thread = pl.read_parquet(releases_by_runner["thread"] / f"{table}.parquet")
    assert thread.equals(pl.read_parquet(cli_dask_release / f"{table}.parquet"))


def test_the_early_cluster_workers_have_the_run_environment_and_the_pipeline_imported():
    import psutil
    from distributed import Client

    from flows.dask_cluster import WORKER_PRELOAD, LocalDaskCluster

    cluster = LocalDaskCluster(workers=1, environment={"PREFECT_API_URL": "http://127.0.0.1:9/api"})
    try:
        with Client(cluster.ready()) as client:
            # A lambda travels by value: a function of this module would import conftest on the
            # worker, which removes PREFECT_API_URL from the environment.
            seen = client.run(lambda: (__import__("os").environ.get("PREFECT_API_URL"),
                                       "flows.pipeline" in __import__("sys").modules, __import__("os").getppid()))
            [(api_url, imported, parent)] = seen.values()
            assert (api_url, imported) == ("http://127.0.0.1:9/api", True)
    finally:
        cluster.close()
    # Forked from the worker server, which imported WORKER_PRELOAD before any fork.
    server_command = " ".join(psutil.Process(parent).cmdline())
    assert "multiprocessing.forkserver import main" in server_command
    assert all(repr(module) in server_command for module in WORKER_PRELOAD)


def test_the_early_cluster_scheduler_runs_in_a_process_of_its_own_that_ends_with_the_cluster():
    """The scheduler holds every task's arguments until it releases the task, and a process does not give
    that memory back: it must not live in the flow's process (flows/dask_scheduler.py)."""
    import os

    import psutil
    from distributed import Client

    from flows.dask_cluster import LocalDaskCluster

    cluster = LocalDaskCluster(workers=1, environment={})
    try:
        with Client(cluster.ready()) as client:
            scheduler_pid = client.run_on_scheduler(lambda: __import__("os").getpid())
            assert client.submit(len, "four").result() == 4  # the worker takes its tasks from that scheduler
        assert scheduler_pid != os.getpid()
        assert "multiprocessing.forkserver import main" in " ".join(psutil.Process(scheduler_pid).parent().cmdline())
    finally:
        cluster.close()
    assert not _running(scheduler_pid)


def _running(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


# Run as a script, not with -c: the process forked from the worker server imports the starter's main
# module by its path.
SCHEDULER_STARTER = """
import asyncio

from flows.dask_cluster import SCHEDULER_OPTIONS
from flows.dask_scheduler import SchedulerProcess


async def main():
    scheduler = SchedulerProcess(SCHEDULER_OPTIONS)
    await scheduler.start()
    print(scheduler.process.pid, flush=True)
    await asyncio.sleep(600)


if __name__ == "__main__":
    asyncio.run(main())
"""


def test_the_scheduler_process_ends_when_the_process_that_started_it_is_killed(tmp_path):
    import subprocess
    import sys
    import time

    starter = tmp_path / "start_scheduler.py"
    starter.write_text(SCHEDULER_STARTER)
    process = subprocess.Popen([sys.executable, str(starter)], stdout=subprocess.PIPE, text=True)
    try:
        scheduler_pid = int(process.stdout.readline())
        assert _running(scheduler_pid)
    finally:
        process.kill()  # no exit handler runs: only the closed pipe tells the scheduler
        process.wait()
    deadline = time.monotonic() + 30
    while _running(scheduler_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(scheduler_pid)


def test_a_scheduler_that_cannot_start_is_a_one_line_error_with_its_reason():
    import asyncio
    import socket

    from flows.dask_cluster import SCHEDULER_OPTIONS
    from flows.dask_scheduler import SchedulerProcess

    async def start_and_close(scheduler):
        try:
            await scheduler.start()
        finally:
            await scheduler.close()

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        scheduler = SchedulerProcess({**SCHEDULER_OPTIONS, "port": taken.getsockname()[1]})
        with pytest.raises(RuntimeError, match=r"^the Dask scheduler did not start: OSError: .*in use$"):
            asyncio.run(start_and_close(scheduler))
    assert scheduler.process is None  # closed: its process was waited for


def test_the_worker_server_imports_no_polars():
    """A fork copies no thread, and importing polars starts some (jemalloc's background threads):
    the worker server must not import it, nor anything that does."""
    import subprocess
    import sys

    from flows.dask_cluster import WORKER_PRELOAD

    check = f"import sys; [__import__(m) for m in {WORKER_PRELOAD!r}]; print('polars' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", check], capture_output=True, text=True).stdout.strip() == "False"


def test_an_early_cluster_that_cannot_start_is_a_one_line_error(monkeypatch):
    from flows import dask_cluster
    from flows.dask_cluster import LocalDaskCluster

    def refuse(*_):
        raise OSError("no port left")

    monkeypatch.setattr(dask_cluster, "local_cluster", refuse)
    cluster = LocalDaskCluster(workers=1, environment={})
    with pytest.raises(RuntimeError, match="^the local Dask cluster did not start: no port left$"):
        cluster.address
    cluster.close()


@pytest.mark.parametrize("runner, address, n_inputs, starts", [
    ("auto", None, 5, False), ("auto", None, 2_000, True), ("dask", None, 5, True),
    ("dask", "tcp://127.0.0.1:8786", 5, False), ("thread", None, 10_000, False), ("process", None, 5, False),
])
def test_a_cluster_is_started_early_only_for_a_local_dask_run(monkeypatch, runner, address, n_inputs, starts):
    from flows import pipeline

    started = []
    monkeypatch.setattr(pipeline, "LocalDaskCluster", lambda **kwargs: started.append(kwargs) or "cluster")
    assert (pipeline.early_cluster(runner, address, n_inputs, None) == "cluster") is starts
    assert started == ([{"workers": pipeline.os.cpu_count() or 1, "environment": {}}] if starts else [])


def test_the_workers_import_of_the_pipeline_leaves_out_what_only_publishing_needs():
    """Every Dask worker imports flows.pipeline while the run starts (flows.dask_cluster); pandera and
    pandas (about 0.5 s) are for publishing, in the flow's process only."""
    import subprocess
    import sys

    check = "import sys, flows.pipeline; print(sorted({'pandera', 'pandas'} & set(sys.modules)))"
    assert subprocess.run([sys.executable, "-c", check], capture_output=True, text=True).stdout.strip() == "[]"
