"""`vndiplo` command line: run, validate, evaluate.

Contract (other tools rely on it):
- `vndiplo run [--input DIR] [--output DIR]` runs the Prefect flow `build-release` in Prefect's
  ephemeral mode (no server to set up), prints the path of the release it wrote, exits 0;
- `vndiplo validate RELEASE_DIR` re-checks every table against schemas/ and every checksum in the
  manifest; exit 0 only if all hold;
- `vndiplo evaluate GOLD_DIR [--release DIR]` compares a release with gold files and prints
  precision/recall per field.
Any failure: a non-zero exit and a one-line reason on stderr; a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# Measured here: the first ephemeral flow run in a process spends 17-20 s on database migrations,
# against Prefect's default 20 s startup timeout; analytics made the telemetry heartbeat log
# "database is locked" in test-harness runs. Users can still override both.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
}


def _run(args: argparse.Namespace) -> int:
    input_dir = Path(args.input)
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder not found: {input_dir}")
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)  # before Prefect is imported: its settings read them once
    from flows.pipeline import run_build

    release = run_build(input_dir, Path(args.output), show_tracebacks=args.debug)
    print(release)
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
    print(f"OK {release}: all tables match their schemas and the manifest")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from flows.stages.evaluate import evaluate_release, format_report, latest_release

    release = Path(args.release) if args.release else latest_release(Path(args.output))
    report = evaluate_release(release, Path(args.gold_dir))
    print(format_report(report))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vndiplo", description=__doc__.split("\n")[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks on failure")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="build a new release from the article files")
    run.add_argument("--input", default="seeds", help="folder of raw article .txt files (default: seeds)")
    run.add_argument("--output", default="output", help="output folder; releases go to OUTPUT/releases (default: output)")
    run.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on failure")
    run.set_defaults(handler=_run)
    validate = commands.add_parser("validate", help="re-check a written release")
    validate.add_argument("release_dir", help="a release folder, e.g. output/releases/1.0.0")
    validate.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on failure")
    validate.set_defaults(handler=_validate)
    evaluate = commands.add_parser("evaluate", help="compare a release with gold files")
    evaluate.add_argument("gold_dir", help="folder with seed_events.yaml and seed_statements.yaml (or gold_*.yaml)")
    evaluate.add_argument("--release", help="release folder (default: the LATEST release under --output)")
    evaluate.add_argument("--output", default="output", help="output folder holding releases/ (default: output)")
    evaluate.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on failure")
    evaluate.set_defaults(handler=_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
