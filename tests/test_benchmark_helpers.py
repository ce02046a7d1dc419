"""The benchmark's pure helpers (the benchmarks themselves are not run by the test command)."""

import importlib.util
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location("benchmark_run", Path(__file__).resolve().parents[1] / "benchmarks" / "run.py")
benchmark_run = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(benchmark_run)

MIB = 2**20


def test_own_rss_when_tasks_done_reads_the_last_sample_before_each_kinds_last_end():
    samples = [(0.0, 100 * MIB), (1.0, 200 * MIB), (2.0, 300 * MIB), (3.0, 250 * MIB), (4.0, 400 * MIB)]
    intervals = [[0.2, 1.5, "prepare_batch"], [0.5, 2.2, "prepare_batch"], [2.5, 3.4, "annotate_batch"],
                 [3.5, 4.5, "publish_release"]]
    done = benchmark_run.own_rss_when_tasks_done(samples, intervals)
    assert done == {"prepare_batch": 300, "annotate_batch": 250, "publish_release": 400}
    assert list(done) == ["prepare_batch", "annotate_batch", "publish_release"]  # in the order they ended


def test_own_rss_when_tasks_done_skips_a_task_that_ended_before_any_sample():
    assert benchmark_run.own_rss_when_tasks_done([(5.0, MIB)], [[0.0, 1.0, "read_articles"]]) == {}


def test_endtoend_refuses_migrated_with_server(capsys, monkeypatch):
    # --server migrates the database of the server it starts; --migrated is for the temporary one.
    def no_benchmark(args):
        raise AssertionError("the benchmark ran")

    monkeypatch.setitem(benchmark_run.main.__globals__, "endtoend", no_benchmark)
    with pytest.raises(SystemExit) as exit_info:
        benchmark_run.main(["endtoend", "--server", "--migrated"])
    assert exit_info.value.code == 2
    assert "--migrated is for the temporary server" in capsys.readouterr().err
