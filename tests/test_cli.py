"""The CLI contract: `vndiplo run`, `validate` and `evaluate` as other tools call them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED_GOLD, SEEDS


def vndiplo(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def cli_release(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("cli-output")
    result = vndiplo("run", "--input", str(SEEDS), "--output", str(output))
    assert result.returncode == 0, result.stderr[-2000:]
    *_, rejects_line, last = result.stdout.strip().splitlines()
    release = Path(last)
    assert release == output / "releases" / "1.0.0"
    assert rejects_line == "rejects: 0 input file(s) could not be used"
    # The temporary server outlives Prefect's log and event workers: nothing they send at exit is lost.
    assert "vndiplo: starting a temporary Prefect server" in result.stderr
    assert "Error logging to API" not in result.stderr and "connection attempts failed" not in result.stderr
    return release


def test_run_prints_the_release_path_and_validate_accepts_it(cli_release):
    result = vndiplo("validate", str(cli_release))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK ")


def test_evaluate_prints_per_field_scores(cli_release):
    result = vndiplo("evaluate", str(SEED_GOLD), "--release", str(cli_release))
    assert result.returncode == 0, result.stderr
    for field in ("event found", "date", "type", "participants", "statement found", "speaker", "act"):
        assert field in result.stdout


def test_validate_fails_on_a_tampered_table(cli_release, tmp_path):
    import shutil

    copy = tmp_path / "1.0.0"
    shutil.copytree(cli_release, copy)
    with (copy / "events.parquet").open("ab") as handle:
        handle.write(b"tampered")
    result = vndiplo("validate", str(copy))
    assert result.returncode == 1
    assert "sha256" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (("run", "--input", "/nonexistent/articles"), "input folder not found"),
        (("validate", "/nonexistent/release"), "not a release folder"),
        (("evaluate", "/nonexistent/gold", "--release", "/nonexistent/release"), "no "),
    ],
    ids=["run without input", "validate without release", "evaluate without gold"],
)
def test_failures_are_one_line_without_traceback(args, message):
    result = vndiplo(*args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vndiplo: error:") and message in lines[0]
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback():
    result = vndiplo("--debug", "validate", "/nonexistent/release")
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_a_failure_inside_the_flow_ends_with_a_one_line_reason(tmp_path):
    empty = tmp_path / "no-articles"
    empty.mkdir()
    result = vndiplo("run", "--input", str(empty), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    # Prefect's own log lines share stderr; the reason is one line of its own.
    reasons = [line for line in result.stderr.splitlines() if line.startswith("vndiplo: error:")]
    assert reasons == [f"vndiplo: error: no article files matching **/*.txt under {empty}"]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "releases").exists()


def test_strict_run_with_a_rejected_file_fails_and_publishes_nothing(tmp_path):
    import shutil

    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    (articles / "empty.txt").write_bytes(b"")
    result = vndiplo("run", "--strict", "--input", str(articles), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    reasons = [line for line in result.stderr.splitlines() if line.startswith("vndiplo: error:")]
    assert len(reasons) == 1 and reasons[0].startswith(
        "vndiplo: error: strict: 1 input file rejected (empty 1), nothing published (first: empty.txt: empty: ")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "releases").exists()
    # Without --strict the good files are published and the reject is counted ...
    result = vndiplo("run", "--input", str(articles), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr[-2000:]
    *_, rejects_line, last = result.stdout.strip().splitlines()
    assert rejects_line == f"rejects: 1 input file(s) could not be used (see {last}/rejects.parquet)"
    # ... and a strict run over the same inputs still fails, though the release is up to date.
    result = vndiplo("run", "--strict", "--input", str(articles), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    reasons = [line for line in result.stderr.splitlines() if line.startswith("vndiplo: error:")]
    assert len(reasons) == 1 and reasons[0].startswith(
        "vndiplo: error: strict: 1 input file rejected (empty 1), nothing published (first: empty.txt: empty: ")


@pytest.mark.parametrize("args, message", [
    (("run", "--runner", "thread", "--dask-address", "tcp://127.0.0.1:8786"), "--dask-address needs the dask runner"),
])
def test_runner_misuse_is_a_one_line_error(args, message, tmp_path):
    result = vndiplo(*args, "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("vndiplo: error:")] == [
        f"vndiplo: error: {message}, not 'thread'"]


def test_the_cli_registers_no_exit_handler_before_its_own_so_that_its_fast_exit_runs_last():
    """`vndiplo run` ends with os._exit in the exit handler it registers first (it then runs last);
    a handler registered while the CLI module is imported would run after it, that is never."""
    check = "import atexit; before = atexit._ncallbacks(); import flows.cli; print(atexit._ncallbacks() - before)"
    assert subprocess.run([sys.executable, "-c", check], capture_output=True, text=True).stdout.strip() == "0"


@pytest.mark.parametrize("code", [0, 1, 130])
def test_the_fast_exit_flushes_the_output_and_keeps_the_commands_exit_code(monkeypatch, code):
    from flows import cli

    exits, flushed = [], []
    monkeypatch.setattr(cli.os, "_exit", exits.append)
    monkeypatch.setattr(cli.sys, "stdout", type("Out", (), {"flush": lambda self: flushed.append("out")})())
    end = cli._ExitWithoutTeardown()
    end.code = code
    end()
    assert exits == [code] and flushed == ["out"]


def test_a_run_whose_exception_escapes_with_debug_still_exits_with_1(tmp_path):
    result = vndiplo("--debug", "run", "--input", str(tmp_path / "missing"), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "FileNotFoundError: input folder not found" in result.stderr  # the traceback was printed first
