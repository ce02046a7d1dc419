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


@pytest.mark.parametrize(("available", "sizes", "incremental", "expected"), [
    (1000, [1000], False, None),
    (999, [1000], False, "1,000 articles need 1,000 files; the corpus has 999 (--articles all takes every file)"),
    (1010, [1000], True, None),  # the next 1%: 10 files
    (1009, [1000], True, "1,000 articles and an incremental run need 1,010 files; the corpus has 1,009"
                         " (--articles all takes every file)"),
    (51, [50], True, None),  # below 100 files the incremental run still adds one
    (50, [50], True, "50 articles and an incremental run need 51 files; the corpus has 50"
                     " (--articles all takes every file)"),
    (2000, [1000, 2000], True, "2,000 articles and an incremental run need 2,020 files; the corpus has 2,000"
                               " (--articles all takes every file)"),  # every size is checked, not only the first
    (1, [None], False, None),
    (2, [None], True, None),  # `all` keeps its last file for the incremental run
    (1, [None], True, "all articles and an incremental run need 2 files; the corpus has 1"),
])
def test_too_few_files(available, sizes, incremental, expected):
    assert benchmark_run.too_few_files(available, sizes, incremental) == expected


@pytest.mark.parametrize("argv", [["endtoend", "--articles", "3", "--incremental"], ["stages", "--articles", "4"]])
def test_benchmarks_refuse_more_articles_than_the_corpus_has(argv, tmp_path, capsys, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("Tiêu đề\n\nNội dung.\n", encoding="utf-8")

    def no_benchmark(args):
        raise AssertionError("the benchmark ran")

    monkeypatch.setitem(benchmark_run.main.__globals__, "endtoend", no_benchmark)
    monkeypatch.setitem(benchmark_run.main.__globals__, "stages", no_benchmark)
    with pytest.raises(SystemExit) as exit_info:
        benchmark_run.main(["--corpus", str(tmp_path), *argv])
    assert exit_info.value.code == 2
    assert "the corpus has 3" in capsys.readouterr().err
