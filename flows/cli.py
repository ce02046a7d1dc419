"""`vndiplo` command line: run, validate, releases, diff, evaluate.

Contract (other tools rely on it):
- `vndiplo run [--input DIR] [--output DIR] [--runner auto|thread|process|dask] [--dask-address URL]
  [--strict]` runs the Prefect flow `build-release` on a temporary Prefect server it starts
  and stops (no server to set up; flows/prefect_server.py) or against PREFECT_API_URL, prints
  "rejects: N ..." and then, on the last line, the path of the release it wrote, exits 0;
  with --strict any rejected input file fails the run (non-zero exit, nothing published);
- `vndiplo serve [--cron EXPR] [--input DIR] [--output DIR]` serves `build-release` on a cron
  schedule until interrupted; it needs a Prefect server (PREFECT_API_URL) and says so in one line
  without one;
- `vndiplo run` prints "up to date: <version>" and writes nothing when the newest release was built
  from the same inputs, code and configuration (checked before the flow starts) or has the same tables;
- `vndiplo validate RELEASE_DIR` re-checks every table against schemas/, every checksum in the
  manifest and SHA256SUMS, the data package, changelog and data card; exit 0 only if all hold;
- `vndiplo releases [--output DIR]` lists versions, creation dates and row counts;
- `vndiplo diff A B [--output DIR]` prints what changed from release A to B, per table, by id;
- `vndiplo evaluate GOLD_DIR [--release DIR]` compares a release with gold files and prints
  precision/recall per field.
Any failure: a non-zero exit and a one-line reason on stderr; a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import sys
from pathlib import Path

from flows.runners import DASK_THRESHOLD, RUNNERS

# Measured here: the first ephemeral flow run in a process spends 17-20 s on database migrations,
# against Prefect's default 20 s startup timeout (the temporary server of `vndiplo run` is spared them
# where flows.prefect_server can create its database, not where the settings put it elsewhere);
# analytics made the telemetry heartbeat log "database is locked" in test-harness runs. Users can
# still override both.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
}


DEFAULT_CRON = "0 3 * * *"  # daily at 03:00 Vietnam time, as in prefect.yaml
SCHEDULE_TIMEZONE = "Asia/Ho_Chi_Minh"


def _apply_prefect_defaults() -> None:
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)  # before Prefect is imported: its settings read them once


def _run(args: argparse.Namespace) -> int:
    input_dir = Path(args.input)
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder not found: {input_dir}")
    from flows.release import newest_version, up_to_date
    from flows.runners import files_to_prepare, starts_local_cluster
    from flows.stages.ingest import read_refs

    before = newest_version(Path(args.output) / "releases")
    # Read and hashed once for both checks made before the flow (whether the newest release is up to
    # date, how many files the auto runner would prepare), not once per check.
    refs = read_refs(input_dir) if before is not None or args.runner == "auto" else None
    current = up_to_date(input_dir, Path(args.output), refs)  # same inputs, code and config: skip the flow
    if current is not None:
        if args.strict:  # the same inputs would fail a strict build: say so, do not pass
            import polars as pl

            from flows.stages.ingest import raise_if_rejected

            raise_if_rejected(pl.read_parquet(Path(args.output) / "releases" / current / "rejects.parquet"))
        print(f"up to date: {current}")
        return 0
    _apply_prefect_defaults()
    from flows.prefect_server import TemporaryServer

    server = TemporaryServer.start_unless_configured()  # starts while the pipeline is imported
    n_inputs = files_to_prepare(input_dir, Path(args.output), refs) if args.runner == "auto" else 0
    del refs  # not held during the flow, which reads the files again
    if starts_local_cluster(args.runner, args.dask_address, n_inputs):
        from flows.dask_cluster import start_worker_forkserver

        start_worker_forkserver()  # imports what the workers need while this process imports the pipeline
    from flows.pipeline import run_build

    release = run_build(input_dir, Path(args.output), show_tracebacks=args.debug, runner=args.runner,
                        dask_address=args.dask_address, strict=args.strict, early_server=server, n_inputs=n_inputs)
    print(_rejects_line(Path(release)))
    if before is not None and Path(release).name == before:  # the flow found the same tables: nothing written
        print(f"up to date: {before}")
        return 0
    print(release)
    return 0


def _reject_count(release: Path) -> int:
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    return manifest["tables"]["rejects"]["rows"]


def _rejects_line(release: Path) -> str:
    count = _reject_count(release)
    return f"rejects: {count} input file(s) could not be used" + (f" (see {release / 'rejects.parquet'})" if count else "")


def _serve(args: argparse.Namespace) -> int:
    _apply_prefect_defaults()
    from flows.pipeline import serve

    serve(args.cron, SCHEDULE_TIMEZONE, Path(args.input), Path(args.output), show_tracebacks=args.debug)
    return 0


def _validate(args: argparse.Namespace) -> int:
    from flows.stages.publish import release_failures

    release = Path(args.release_dir)
    if not (release / "manifest.json").is_file():
        raise FileNotFoundError(f"not a release folder (no manifest.json): {release}")
    failures = release_failures(release)
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    if failures:
        print(f"vndiplo: {release}: {len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print(f"OK {release}: all tables match their schemas and the manifest; SHA256SUMS, datapackage.json, "
          "CHANGELOG.md and DATACARD.md check")
    return 0


def _releases(args: argparse.Namespace) -> int:
    from flows.release import format_releases, list_releases

    print(format_releases(list_releases(Path(args.output))))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from flows.release import diff_releases, format_diff

    print(format_diff(diff_releases(args.a, args.b, Path(args.output)), limit=None if args.all else 50))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from flows.stages.evaluate import evaluate_release, format_report, latest_release

    release = Path(args.release) if args.release else latest_release(Path(args.output))
    report = evaluate_release(release, Path(args.gold_dir))
    print(format_report(report))
    return 0


def _command(commands, name: str, help: str, handler, input_folder: bool = False, output_help: str | None = None):
    """A subcommand with the options every command shares: --debug, and --input/--output where used."""
    command = commands.add_parser(name, help=help)
    if input_folder:
        command.add_argument("--input", default="seeds", help="folder of raw article .txt files (default: seeds)")
    if output_help:
        command.add_argument("--output", default="output", help=f"{output_help} (default: output)")
    command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on failure")
    command.set_defaults(handler=handler)
    return command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vndiplo", description=__doc__.split("\n")[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks on failure")
    commands = parser.add_subparsers(dest="command", required=True)
    holding = "output folder holding releases/"
    run = _command(commands, "run", "build a new release from the article files", _run, input_folder=True,
                   output_help="output folder; releases go to OUTPUT/releases")
    run.add_argument("--runner", choices=RUNNERS, default="auto",
                     help="where tasks run: thread (one process), process (a local process pool), dask (prefect-dask; "
                          "a local cluster with one worker per core, or --dask-address); auto (default): thread "
                          f"below {DASK_THRESHOLD} input files to prepare (not in OUTPUT/cache), dask from there")
    run.add_argument("--dask-address", help="scheduler of a running Dask cluster, e.g. tcp://10.0.0.5:8786 (implies --runner dask)")
    run.add_argument("--strict", action="store_true", help="fail, publishing nothing, if any input file is rejected")
    serve = _command(commands, "serve", "run build-release on a cron schedule (needs `prefect server start`)", _serve,
                     input_folder=True, output_help="output folder")
    serve.add_argument("--cron", default=DEFAULT_CRON, help=f"cron expression in {SCHEDULE_TIMEZONE} time (default: '{DEFAULT_CRON}', daily)")
    validate = _command(commands, "validate", "re-check a written release", _validate)
    validate.add_argument("release_dir", help="a release folder, e.g. output/releases/1.0.0")
    _command(commands, "releases", "list the releases with their dates and row counts", _releases, output_help=holding)
    diff = _command(commands, "diff", "what changed between two releases, per table, by id", _diff, output_help=holding)
    diff.add_argument("a", help="older version, e.g. 1.0.0 (or 'latest')")
    diff.add_argument("b", help="newer version, e.g. 1.1.0 (or 'latest')")
    diff.add_argument("--all", action="store_true", help="list every id (default: the first 50 per kind of change)")
    evaluate = _command(commands, "evaluate", "compare a release with gold files", _evaluate, output_help=holding)
    evaluate.add_argument("gold_dir", help="folder with seed_events.yaml and seed_statements.yaml (or gold_*.yaml)")
    evaluate.add_argument("--release", help="release folder (default: the LATEST release under --output)")
    return parser


class _ExitWithoutTeardown:
    """Ends a `vndiplo run` process with `os._exit` once every other exit handler has run.

    After the flow the process still holds millions of small objects (reference data, caches,
    Prefect's and Dask's state), and the interpreter's teardown frees them one by one before the
    process ends: measured on this 2-core machine (2026-12-02), 0.8 s after the last exit handler
    on the seeds and 1.2 s on 10,000 articles, for nothing, since every file is written, closed and
    synced by then. Registered before the pipeline registers any exit handler (this module imports
    neither logging nor Prefect), it runs after all of them: Prefect's log and event workers have
    sent what they hold, logging is shut down and the temporary server stopped. The exit code is
    the command's, or 1 when an exception escaped (with --debug), as Python itself would exit. Only
    the `vndiplo` process itself does this (`entry_point`), never a caller of `main`."""

    def __init__(self) -> None:
        self.code = 1

    def __call__(self) -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
                pass
        os._exit(self.code)


def main(argv: list[str] | None = None) -> int:
    return _handle(build_parser().parse_args(argv))


def _handle(args: argparse.Namespace) -> int:
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("vndiplo: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - the CLI contract: one line, no traceback
        if args.debug:
            raise
        message = " ".join(str(err).split()) or type(err).__name__
        print(f"vndiplo: error: {message}", file=sys.stderr)
        return 1


def entry_point() -> int:
    """The `vndiplo` command (and `python -m flows.cli`): `main`, then, for `run`, the process ends
    without the interpreter's teardown (`_ExitWithoutTeardown`)."""
    args = build_parser().parse_args()
    end = None
    if args.command == "run":
        end = _ExitWithoutTeardown()
        atexit.register(end)
    code = _handle(args)
    if end is not None:
        end.code = code
    return code


if __name__ == "__main__":
    sys.exit(entry_point())
