"""Publishing survives SIGKILL: a run killed at any point leaves LATEST naming a complete, valid
release, no partial folder visible under releases/, and the next run recovers (stale lock taken
over, leftovers removed).

The killed process is a small driver that publishes prepared tables (the publish stage alone, so
each case takes seconds, not a whole flow run); `VNDIPLO_PUBLISH_PAUSE_AT` makes it stop at a
named point of `write_release`, where the test kills it. One more case kills the real
`vndiplo run` (Prefect flow included) at the `staged` point.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import polars as pl
import pytest

from conftest import ROOT
from flows.release import VERSION_RE, latest_version, list_releases
from flows.stages.publish import release_failures, write_release

DRIVER = textwrap.dedent("""
    import sys
    from pathlib import Path

    import polars as pl

    from flows.release import PublishLocked
    from flows.stages.publish import write_release

    tables_dir, output, version = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    tables = {p.stem: pl.read_parquet(p) for p in sorted(tables_dir.glob("*.parquet"))}
    try:
        print(write_release(tables, output, version), flush=True)
    except PublishLocked as err:
        print(f"vndiplo: error: {err}", file=sys.stderr)
        sys.exit(1)
""")
# Points of write_release, in order: lock taken; a table written into the staging folder; every
# file staged and verified; staging folder renamed into place; LATEST replaced.
KILL_POINTS = ["locked", "wrote statements", "staged", "renamed", "latest"]


@pytest.fixture(scope="module")
def prepared(seed_run, reference, tmp_path_factory):
    """The seed tables (for 1.1.0) and the same minus one mention (1.0.0) as Parquet files."""
    tables = seed_run.tables(reference)
    root = tmp_path_factory.mktemp("prepared")
    (root / "new").mkdir()
    for name, frame in tables.items():
        frame.write_parquet(root / "new" / f"{name}.parquet")
    old = dict(tables, mentions=tables["mentions"].head(tables["mentions"].height - 1))
    return root / "new", old


def _start(tables_dir: Path, output: Path, pause_at: str | None, tmp_path: Path) -> subprocess.Popen:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("VNDIPLO_PUBLISH_PAUSE_AT", None)
    if pause_at:
        env["VNDIPLO_PUBLISH_PAUSE_AT"] = pause_at
    return subprocess.Popen([sys.executable, str(driver), str(tables_dir), str(output), "run-2"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_pause(process: subprocess.Popen, point: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if f"paused at {point}" in line:
            return
        if not line and process.poll() is not None:
            raise AssertionError(f"driver ended before {point}: {process.stdout.read()} {process.stderr.read()}")
    raise AssertionError(f"driver did not reach {point} in {timeout} s")


def _assert_consistent(releases: Path) -> str:
    """LATEST names a valid release, and every visible version folder is a complete, valid release."""
    latest = (releases / "LATEST").read_text(encoding="utf-8").strip()
    assert latest_version(releases) == latest
    visible = [p for p in releases.iterdir() if not p.name.startswith(".") and p.name != "LATEST"]
    assert all(VERSION_RE.match(p.name) for p in visible), visible
    for folder in visible:
        assert release_failures(folder) == [], folder.name
    return latest


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_run_killed_while_publishing_leaves_a_valid_latest(prepared, tmp_path, point):
    tables_dir, old_tables = prepared
    output = tmp_path / "out"
    write_release(old_tables, output, "run-1")
    releases = output / "releases"

    process = _start(tables_dir, output, point, tmp_path)
    _wait_for_pause(process, point)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    process.stderr.close()

    latest = _assert_consistent(releases)
    assert latest == ("1.1.0" if point == "latest" else "1.0.0")
    assert (releases / ".lock").exists()  # the dead run's lock is still there ...

    # ... and the next run takes it over, removes the leftovers and publishes (or finds 1.1.0 in place).
    tables = {p.stem: pl.read_parquet(p) for p in sorted(tables_dir.glob("*.parquet"))}
    assert write_release(tables, output, "run-2").name == "1.1.0"
    assert _assert_consistent(releases) == "1.1.0"
    assert sorted(p.name for p in releases.iterdir()) == ["1.0.0", "1.1.0", "LATEST"]
    assert [r["version"] for r in list_releases(output)] == ["1.0.0", "1.1.0"]


def test_two_runs_at_once_publish_once(prepared, tmp_path):
    tables_dir, old_tables = prepared
    output = tmp_path / "out"
    write_release(old_tables, output, "run-1")
    first = _start(tables_dir, output, "locked", tmp_path)
    try:
        _wait_for_pause(first, "locked")
        second = _start(tables_dir, output, None, tmp_path)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 1
        assert err.strip().splitlines() == [
            f"vndiplo: error: another vndiplo run (pid {first.pid}) is publishing to {output / 'releases'}; "
            f"wait for it to finish (or delete {output / 'releases' / '.lock'} if that process is not vndiplo)"]
    finally:
        first.kill()
        first.wait(timeout=30)
        first.stdout.close()
        first.stderr.close()
    assert _assert_consistent(output / "releases") == "1.0.0"


def test_the_real_cli_killed_while_publishing_leaves_the_previous_release(prepared, tmp_path):
    """The same guarantee for `vndiplo run` itself (Prefect flow and all), killed once its new
    release is staged: the previous release stays LATEST and no partial folder is visible."""
    _, old_tables = prepared
    output = tmp_path / "out"
    write_release(old_tables, output, "run-1")
    inputs = tmp_path / "in"
    inputs.mkdir()
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    (inputs / seed.name).write_bytes(seed.read_bytes())
    env = dict(os.environ, VNDIPLO_PUBLISH_PAUSE_AT="staged")
    process = subprocess.Popen([sys.executable, "-m", "flows.cli", "run", "--input", str(inputs), "--output", str(output)],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        _wait_for_pause(process, "staged", timeout=300)
    finally:
        # The whole process group: the run and the temporary Prefect server it started, which a
        # killed run cannot stop itself.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        process.stderr.close()
    releases = output / "releases"
    assert _assert_consistent(releases) == "1.0.0"
    assert sorted(p.name for p in releases.iterdir() if not p.name.startswith(".")) == ["1.0.0", "LATEST"]
