"""Benchmarks of the pipeline on the real corpus (not part of the test suite). See benchmarks/README.md.

    python benchmarks/run.py annotation [--articles 200]       # ner_batch against underthesea.ner
    python benchmarks/run.py stages [--articles 1000,10000,all]  # the stages in-process, one child per size
    python benchmarks/run.py endtoend [--articles 1000] [--incremental] [--server | --migrated] [--input DIR] [-- extra vndiplo run args]

Each mode prints a markdown table on stdout and writes the same figures as JSON to
benchmarks/out/<mode>.json (git-ignored), with the machine they were measured on. Articles are
the first N files in name order of the corpus folder (default: ../shared/corpora/baomoi-2017/articles
beside the repository), read in place.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "baomoi-2017" / "articles"
OUT = ROOT / "benchmarks" / "out"
# `prefect server start` on a fresh PREFECT_HOME creates and migrates its database before it answers
# (flows/cli.py allows the temporary server 90 s for the same reason).
SERVER_STARTUP_TIMEOUT_S = 120.0


# --- shared helpers -------------------------------------------------------------------------------

def machine() -> dict:
    """Where the figures were measured (the load average says how busy the shared machine was)."""
    return {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count(),
            "processor": _cpu_model(), "load_average": [round(x, 2) for x in os.getloadavg()],
            "underthesea": version("underthesea"), "underthesea_core": version("underthesea_core")}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def first_articles(corpus: Path, n: int | None) -> list[Path]:
    if not corpus.is_dir():
        raise SystemExit(f"corpus folder not found: {corpus}")
    paths = sorted(corpus.glob("*.txt"))
    return paths if n is None else paths[:n]


def added_by_incremental(size: int) -> int:
    """Files the incremental run adds to a full run of `size` files: the next 1%, at least one."""
    return max(size // 100, 1)


def too_few_files(available: int, sizes: list[int | None], incremental: bool) -> str | None:
    """Why a corpus of `available` files cannot give the runs asked for, or None. Each size needs that
    many files and, with --incremental, the files its incremental run adds; `all` (None) needs two
    files then, one for each run. Without this check a short corpus gives fewer files than the
    figures are labelled with, and an incremental run that adds nothing is only the up-to-date check."""
    for size in sizes:
        if size is None:
            needed = 2 if incremental else 1
        else:
            needed = size + (added_by_incremental(size) if incremental else 0)
        if needed > available:
            asked = "all articles" if size is None else f"{size:,} articles"
            plus = " and an incremental run" if incremental else ""
            return (f"{asked}{plus} need {needed:,} files; the corpus has {available:,}"
                    + ("" if size is None else " (--articles all takes every file)"))
    return None


def parse_count(text: str) -> int | None:
    return None if text == "all" else int(text)


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def write_json(mode: str, payload: dict) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{mode}.json"
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def markdown_table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


# --- annotation -----------------------------------------------------------------------------------

def corpus_sentences(paths: list[Path]) -> list[str]:
    """Sentences of the articles' non-empty lines, split by underthesea.sent_tokenize (as annotate does)."""
    from underthesea import sent_tokenize

    sentences = []
    for path in paths:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip():
                sentences += [s for s in sent_tokenize(line) if s.strip()]
    return sentences


def annotation(args: argparse.Namespace) -> dict:
    """Throughput of flows.nlp.ner_batch against underthesea.ner on the same sentences, same process.

    The two are timed alternately on chunks of sentences, so a change in the load of the shared
    machine hits both alike; wall time and CPU time (process_time) are both reported.
    """
    import underthesea

    from flows.nlp import ner_batch

    sentences = corpus_sentences(first_articles(args.corpus, args.articles))
    if args.sentences:
        sentences = sentences[: args.sentences]
    underthesea.ner("Khởi động.")  # model loading is not part of either throughput
    ner_batch(["Khởi động."], with_chunk=args.with_chunk)
    stock_wall = stock_cpu = fast_wall = fast_cpu = 0.0
    mismatches: list[str] = []
    for start in range(0, len(sentences), args.chunk):
        chunk = sentences[start: start + args.chunk]
        wall, cpu = time.perf_counter(), time.process_time()
        stock = [underthesea.ner(s) for s in chunk]
        stock_wall += time.perf_counter() - wall
        stock_cpu += time.process_time() - cpu
        wall, cpu = time.perf_counter(), time.process_time()
        fast = ner_batch(chunk, with_chunk=args.with_chunk)
        fast_wall += time.perf_counter() - wall
        fast_cpu += time.process_time() - cpu
        for sentence, expected, got in zip(chunk, stock, fast):
            if not args.with_chunk:
                expected = [(w, p, "", n) for w, p, _, n in expected]
            if expected != got:
                mismatches.append(sentence)
    chars = sum(map(len, sentences))
    result = {
        "mode": "annotation", "corpus": str(args.corpus), "articles": args.articles,
        "sentences": len(sentences), "unique_sentences": len(set(sentences)), "characters": chars,
        "fields_compared": "word, pos, chunk, ner" if args.with_chunk else "word, pos, ner (chunk not computed)",
        "underthesea_ner": {"wall_s": round(stock_wall, 3), "cpu_s": round(stock_cpu, 3),
                            "sentences_per_s": round(len(sentences) / stock_wall, 1),
                            "chars_per_s": round(chars / stock_wall)},
        "ner_batch": {"wall_s": round(fast_wall, 3), "cpu_s": round(fast_cpu, 3),
                      "sentences_per_s": round(len(sentences) / fast_wall, 1),
                      "chars_per_s": round(chars / fast_wall)},
        "ratio_wall": round(stock_wall / fast_wall, 2), "ratio_cpu": round(stock_cpu / fast_cpu, 2),
        "identical": not mismatches, "mismatched_sentences": len(mismatches),
        "peak_rss_mib": round(peak_rss_mib()), "machine": machine(),
    }
    rows = [[name, f"{result[key]['wall_s']:.1f}", f"{result[key]['cpu_s']:.1f}",
             f"{result[key]['sentences_per_s']:,.0f}", f"{result[key]['chars_per_s']:,}"]
            for name, key in (("underthesea.ner", "underthesea_ner"), ("flows.nlp.ner_batch", "ner_batch"))]
    print(f"{args.articles} articles, {len(sentences):,} sentences ({result['unique_sentences']:,} distinct), "
          f"{chars:,} characters; fields compared: {result['fields_compared']}\n")
    print(markdown_table(["annotator", "wall s", "CPU s", "sentences/s", "chars/s"], rows))
    print(f"\nratio: {result['ratio_wall']}x wall, {result['ratio_cpu']}x CPU; identical tags: "
          f"{result['identical']} ({len(mismatches)} sentence(s) differ)")
    return result


# --- stages ---------------------------------------------------------------------------------------

def read_first(corpus: Path, n: int | None):
    """The pipeline's SourceFiles for the first n files (ingest's own reader, one file at a time)."""
    from flows.stages import ingest

    root = corpus.resolve()
    config = ingest.IngestConfig()
    return [ingest._read_one(p.relative_to(corpus).as_posix(), p, root, config) for p in first_articles(corpus, n)]


STAGES = ("read", "prepare", "annotate", "extract")  # "read" and flows.stages.chain.STAGES


def run_stages_once(corpus: Path, n: int | None, until: str = "extract") -> dict:
    """The flow's stages in-process (as flows.pipeline.build_release calls them, without Prefect
    and without the annotation cache), each timed, in this process."""
    import polars as pl

    from flows.nlp import UndertheseaAnalyser
    from flows.reference import load_reference
    from flows.stages import chain

    timings: dict[str, float] = {}

    def timed(name, function, *a):
        start = time.perf_counter()
        result = function(*a)
        timings[name] = round(time.perf_counter() - start, 3)
        return result

    wall = time.perf_counter()
    reference = timed("load_reference", load_reference)
    sources = timed("read", read_first, corpus, n)
    out = chain.run_stages(sources, reference, UndertheseaAnalyser(), until=until, timer=timed)
    documents = out.documents
    doc_ids = out.selected if STAGES.index(until) >= STAGES.index("annotate") else None
    sentences = None if out.sentences is None else out.sentences.height
    events = None if out.events is None else out.events.height
    statements = None if out.statements is None else out.statements.height
    wall = time.perf_counter() - wall
    chars = sum(len(s.content.decode("utf-8", errors="replace")) for s in sources)
    return {
        "articles": len(sources), "characters": chars, "documents": documents.height, "until": until,
        "canonical": documents.filter(pl.col("duplicate_of").is_null()).height,
        "annotated": None if doc_ids is None else len(doc_ids),
        "sentences": sentences, "events": events, "statements": statements,
        "wall_s": round(wall, 2), "docs_per_s": round(len(sources) / wall, 2), "chars_per_s": round(chars / wall),
        "peak_rss_mib": round(peak_rss_mib()), "stage_s": timings,
    }


def stages(args: argparse.Namespace) -> dict:
    """One child process per corpus size, so each peak RSS is that size's alone."""
    runs = []
    for size in args.articles:
        command = [sys.executable, __file__, "--corpus", str(args.corpus), "_stages_child",
                   "--articles", "all" if size is None else str(size), "--until", args.until]
        child = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
        runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(f"measured {runs[-1]['articles']} articles in {runs[-1]['wall_s']} s", file=sys.stderr)
    names = list(dict.fromkeys(name for run in runs for name in run["stage_s"]))
    header = ["articles", "annotated", "sentences", "wall s", "docs/s", "chars/s", "peak RSS MiB"] + [
        f"{name} s" for name in names]
    rows = [[f"{r['articles']:,}", _count(r["annotated"]), _count(r["sentences"]), r["wall_s"], r["docs_per_s"],
             f"{r['chars_per_s']:,}", r["peak_rss_mib"]] + [r["stage_s"].get(name, "") for name in names]
            for r in runs]
    print(markdown_table(header, rows))
    return {"mode": "stages", "corpus": str(args.corpus), "until": args.until, "runs": runs, "machine": machine()}


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


# --- end to end -----------------------------------------------------------------------------------

def _prefect_environment(prefect_home: Path, api_url: str | None) -> dict[str, str]:
    """The environment of a child: its own PREFECT_HOME, and the running server's API when there is one."""
    env = dict(os.environ, PREFECT_HOME=str(prefect_home))
    env.pop("PREFECT_API_URL", None)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


@contextlib.contextmanager
def running_server(prefect_home: Path, log: Path):
    """`prefect server start` (API only, no UI) on a free port with PREFECT_HOME `prefect_home`, as
    the server that scheduled runs of `vndiplo serve` report to; yields its API URL once it answers
    (its database is created and migrated before that, so no measured run pays for it) and stops it
    afterwards."""
    from flows.prefect_server import answers, free_port

    port = free_port()
    env = dict(_prefect_environment(prefect_home, None), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    with log.open("w") as output:
        server = subprocess.Popen([shutil.which("prefect") or "prefect", "server", "start", "--host", "127.0.0.1",
                                   "--port", str(port), "--no-ui"], env=env, stdout=output, stderr=output)
    api_url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + SERVER_STARTUP_TIMEOUT_S
        while True:
            if server.poll() is not None:
                raise SystemExit(f"prefect server start exited with code {server.returncode} (see {log})")
            if answers(api_url, timeout=1):
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"prefect server start did not answer within {SERVER_STARTUP_TIMEOUT_S:g} s (see {log})")
            time.sleep(0.2)
        yield api_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def migrated_database(prefect_home: Path) -> float:
    """Create and migrate the database of `prefect_home` (`prefect server database upgrade -y`), as on a
    machine where Prefect has run before; returns the seconds it took (not part of any measured run)."""
    start = time.perf_counter()
    subprocess.run([shutil.which("prefect") or "prefect", "server", "database", "upgrade", "-y"],
                   env=_prefect_environment(prefect_home, None), check=True, capture_output=True)
    return round(time.perf_counter() - start, 2)


def _vndiplo_run(input_dir: Path, output_dir: Path, prefect_home: Path, extra: list[str],
                 api_url: str | None = None) -> dict:
    """One `vndiplo run` as a child process with its own PREFECT_HOME (and, with `api_url`, against
    that running server instead of a temporary one): wall time, CPU, peak RSS (os.wait4 gives the
    child's own), and the share of the wall time outside stage code."""
    files = sorted(input_dir.glob("*.txt"))
    chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in files)
    command = [shutil.which("vndiplo") or "vndiplo", "run", "--input", str(input_dir), "--output", str(output_dir),
               *extra]
    env = _prefect_environment(prefect_home, api_url)
    # Output to files, not pipes: a full pipe would block the child while wait4 waits for it.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, text=True, env=env)
        tree_peak = _sample_tree_rss(child.pid)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        exit_code = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    run = {"articles": len(files), "characters": chars, "exit_code": exit_code,
           "wall_s": round(wall, 2), "docs_per_s": round(len(files) / wall, 2), "chars_per_s": round(chars / wall),
           "peak_rss_mib": round(usage.ru_maxrss / 1024), "peak_tree_rss_mib": round(tree_peak[0] / 2**20),
           "peak_tree_pss_mib": round(tree_peak[2] / 2**20),
           "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
           "last_line": (stdout.strip().splitlines() or [""])[-1],
           "stderr_tail": stderr.strip().splitlines()[-3:] if exit_code else []}
    run.update(_stage_time(prefect_home, wall, api_url))
    if tree_peak[1] and "task_intervals" in run:
        run["own_rss_mib_when_tasks_done"] = own_rss_when_tasks_done(tree_peak[1], run["task_intervals"])
        # Which tasks were running when the flow's own process was at its largest.
        when, rss = max(tree_peak[1], key=lambda sample: sample[1])
        run["own_peak_during"] = sorted({name for start, end, name in run.pop("task_intervals")
                                         if start - 1 <= when <= end + 1}) or ["no task (flow code)"]
        run["own_peak_seconds_after_flow_start"] = round(when - run.pop("flow_start"), 1)
    run.pop("task_intervals", None)
    run.pop("flow_start", None)
    print(f"measured {len(files)} articles in {wall:.1f} s (exit {exit_code})", file=sys.stderr)
    return run


def own_rss_when_tasks_done(samples: list[tuple[float, int]], intervals: list[list]) -> dict[str, int]:
    """The flow process's own RSS (MiB, the last sample at or before the moment) when the last task
    run of each task name ended, in the order they ended: where in the run its memory grows."""
    last_end: dict[str, float] = {}
    for _, end, name in intervals:
        last_end[name] = max(last_end.get(name, end), end)
    out = {}
    for name, end in sorted(last_end.items(), key=lambda item: item[1]):
        before = [rss for when, rss in samples if when <= end]
        if before:
            out[name] = round(before[-1] / 2**20)
    return out


def _sample_tree_rss(pid: int, interval: float = 0.5) -> list[int]:
    """Start sampling, every `interval` seconds until the process ends, the summed RSS of the
    process and all its descendants (the Prefect server, Dask workers, the process Dask's workers
    are forked from); the returned list holds that peak, the samples of the process's own RSS (read
    it after the process has ended) and the peak of the summed PSS. RSS counts a page shared by
    several processes (a forked worker's pages shared with the process it was forked from) once per
    process; PSS divides it among them, so their sum is the memory the tree uses."""
    import threading

    import psutil

    peak = [0, [], 0]  # RSS peak of the tree, (time, RSS of the process itself) samples, PSS peak of the tree

    def sample() -> None:
        try:
            root = psutil.Process(pid)
            while root.status() != psutil.STATUS_ZOMBIE:
                total = total_pss = 0
                for process in [root, *root.children(recursive=True)]:
                    try:
                        memory = process.memory_full_info()
                        total, total_pss = total + memory.rss, total_pss + memory.pss
                    except psutil.Error:
                        pass
                peak[0], peak[2] = max(peak[0], total), max(peak[2], total_pss)
                peak[1].append((time.time(), root.memory_info().rss))
                time.sleep(interval)
        except psutil.Error:
            return

    threading.Thread(target=sample, daemon=True).start()
    return peak


def _stage_time(prefect_home: Path, wall: float, api_url: str | None = None) -> dict:
    """Time inside task runs (stage code), read back from the run's Prefect database in a child
    process: the union of the task runs' [start, end] intervals, per task name and in total; the
    rest of the wall time (process start, imports, the ephemeral API server, flow code between
    tasks, Prefect's own bookkeeping) is "outside stage code". The flow run's own duration is
    what a run of a deployment on a running server (`vndiplo serve`) pays: no process start and
    no temporary server."""
    env = _prefect_environment(prefect_home, api_url)
    child = subprocess.run([sys.executable, __file__, "_task_runs"], capture_output=True, text=True, cwd=ROOT, env=env)
    if child.returncode != 0:
        return {"task_runs_error": child.stderr.strip().splitlines()[-1:]}
    runs = json.loads(child.stdout.strip().splitlines()[-1])
    intervals, (flow_start, flow_end) = runs["tasks"], runs["flow"]
    merged: list[list[float]] = []
    for start, end, _ in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    inside = sum(end - start for start, end in merged)
    per_task: dict[str, float] = {}
    for start, end, name in intervals:
        per_task[name] = round(per_task.get(name, 0.0) + end - start, 2)
    return {"task_intervals": intervals, "flow_start": flow_start,
            "stage_code_s": round(inside, 2), "outside_stage_code_share": round(1 - inside / wall, 3),
            "flow_run_s": round(flow_end - flow_start, 2),
            "outside_stage_code_share_of_flow_run": round(1 - inside / (flow_end - flow_start), 3),
            "task_s": dict(sorted(per_task.items(), key=lambda kv: -kv[1]))}


def _task_runs() -> None:
    """Print the latest flow run's [start, end] and [start, end, task name] of its task runs (epoch seconds)."""
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import FlowRunSort

    async def read():
        async with get_client() as client:
            [flow_run] = await client.read_flow_runs(sort=FlowRunSort.START_TIME_DESC, limit=1)
            runs, page = [], None
            while page is None or len(page) == 200:  # the API's page size limit
                page = await client.read_task_runs(
                    flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run.id])), limit=200, offset=len(runs))
                runs += page
            return {"flow": [flow_run.start_time.timestamp(), flow_run.end_time.timestamp()],
                    "tasks": [[r.start_time.timestamp(), r.end_time.timestamp(), r.task_key.rsplit("-", 1)[0]]
                              for r in runs if r.start_time and r.end_time]}

    print(json.dumps(asyncio.run(read())))


def endtoend(args: argparse.Namespace) -> dict:
    """`vndiplo run` on the first N corpus files as a child process (see `_vndiplo_run`); with
    --incremental, then again into the same output folder after adding the next N/100 files (with
    `all`, the full run takes the first 99% of the folder and the incremental run adds the rest).

    With --input the folder is used as it is; otherwise the files are copied to a temporary folder
    outside the repository (a symlink would be refused by ingest) and removed after.
    """
    runs = []
    for size in args.articles:
        with tempfile.TemporaryDirectory(prefix="vndiplo-bench-") as tmp, contextlib.ExitStack() as stack:
            tmp = Path(tmp)
            api_url = (stack.enter_context(running_server(tmp / "prefect", tmp / "server.log")) if args.server
                       else None)
            migration_s = migrated_database(tmp / "prefect") if args.migrated else None
            incremental = args.incremental and args.input is None
            if incremental and size is None:
                # The whole folder: the full run takes all but its last 1% (of that run's size), which
                # the incremental run then adds.
                total = len(first_articles(args.corpus, None))
                size = total - max(total // 101, 1)
            if args.input is not None:
                input_dir = args.input
            else:
                input_dir = tmp / "input"
                input_dir.mkdir()
                for path in first_articles(args.corpus, size):
                    shutil.copyfile(path, input_dir / path.name)
            run = _vndiplo_run(input_dir, tmp / "output", tmp / "prefect", args.extra, api_url)
            if migration_s is not None:
                run["database_migrated_beforehand_s"] = migration_s
            if incremental:
                added = first_articles(args.corpus, size + added_by_incremental(size))[size:]
                for path in added:
                    shutil.copyfile(path, input_dir / path.name)
                again = _vndiplo_run(input_dir, tmp / "output", tmp / "prefect", args.extra, api_url)
                run["incremental"] = dict(again, added=len(added),
                                          share_of_full_run=round(again["wall_s"] / run["wall_s"], 3))
            runs.append(run)
    def row(r: dict) -> list:
        inc = r.get("incremental", {})
        flow_share = (round(inc["flow_run_s"] / r["flow_run_s"], 3) if "flow_run_s" in inc and r.get("flow_run_s")
                      else "")
        return [f"{r['articles']:,}", r["exit_code"], r["wall_s"], r["docs_per_s"], f"{r['chars_per_s']:,}", r["cpu_s"],
                r["peak_rss_mib"], r["peak_tree_rss_mib"], r["peak_tree_pss_mib"], r.get("flow_run_s", ""), r.get("outside_stage_code_share", ""),
                r.get("outside_stage_code_share_of_flow_run", ""), inc.get("wall_s", ""),
                inc.get("share_of_full_run", ""), inc.get("flow_run_s", ""), flow_share]

    print(markdown_table(["articles", "exit", "wall s", "docs/s", "chars/s", "child CPU s", "peak RSS MiB",
                          "peak RSS of all its processes MiB", "peak PSS of all its processes MiB", "flow run s",
                          "outside stage code (of wall)", "(of flow run)", "+1% wall s", "+1% / full (wall)",
                          "+1% flow run s", "+1% / full (flow run)"], [row(r) for r in runs]))
    return {"mode": "endtoend", "corpus": str(args.input or args.corpus), "command_extra": args.extra,
            "prefect_server": ("running (prefect server start)" if args.server else
                               "temporary (vndiplo run's own), on a PREFECT_HOME whose database was migrated beforehand"
                               if args.migrated else "temporary (vndiplo run's own), on a fresh PREFECT_HOME"),
            "runs": runs, "machine": machine(),
            "note": "peak_rss_mib is the flow's own process (from wait4); peak_tree_rss_mib the largest sum, "
                    "sampled every 0.5 s, of the RSS of that process and all its descendants (Prefect's "
                    "temporary server, Dask workers and the process they are forked from); "
                    "peak_tree_pss_mib the same for PSS, which counts a shared page once in all. Stage code is the union "
                    "of the task runs' intervals read back from the run's Prefect database."}


# --- command line ---------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.txt articles")
    modes = parser.add_subparsers(dest="mode", required=True)

    ann = modes.add_parser("annotation", help="ner_batch against underthesea.ner (ratio, equality)")
    ann.add_argument("--articles", type=int, default=200)
    ann.add_argument("--sentences", type=int, default=0, help="cap on the number of sentences (0: all)")
    ann.add_argument("--chunk", type=int, default=250, help="sentences per alternation of the two annotators")
    ann.add_argument("--with-chunk", action="store_true", help="compute and compare chunk tags too")

    st = modes.add_parser("stages", help="the stages in-process over the first N articles")
    st.add_argument("--articles", type=lambda s: [parse_count(x) for x in s.split(",")],
                    default=[1000, 10000, None], help="comma-separated sizes; 'all' for the whole folder")
    st.add_argument("--until", choices=STAGES[1:], default="extract",
                    help="stop after this stage (e.g. dedup: the stages before annotation only)")

    child = modes.add_parser("_stages_child")
    child.add_argument("--articles", type=parse_count, required=True)
    child.add_argument("--until", default="extract")

    modes.add_parser("_task_runs")
    e2e = modes.add_parser("endtoend", help="`vndiplo run` as a child process")
    e2e.add_argument("--articles", type=lambda s: [parse_count(x) for x in s.split(",")], default=[1000])
    e2e.add_argument("--input", type=Path, default=None, help="use this folder instead of the first N articles")
    e2e.add_argument("--incremental", action="store_true",
                     help="then add the next 1%% of the corpus files and run again into the same output folder")
    e2e.add_argument("--server", action="store_true",
                     help="run against a Prefect server started once beforehand (as scheduled runs do), "
                          "not the temporary server of each `vndiplo run`")
    e2e.add_argument("--migrated", action="store_true",
                     help="create and migrate the PREFECT_HOME's database before the measured runs, as on a machine "
                          "where Prefect has run before (without it, the first run pays for it)")
    e2e.add_argument("extra", nargs="*", help="extra `vndiplo run` arguments (after --)")

    args = parser.parse_args(argv)
    if getattr(args, "server", False) and getattr(args, "migrated", False):
        parser.error("--migrated is for the temporary server of each `vndiplo run`; --server migrates its own")
    if args.mode == "stages" or (args.mode == "endtoend" and args.input is None):
        shortfall = too_few_files(len(first_articles(args.corpus, None)), args.articles,
                                  args.mode == "endtoend" and args.incremental)
        if shortfall:
            parser.error(shortfall)
    if args.mode == "_task_runs":
        _task_runs()
        return 0
    if args.mode == "_stages_child":
        print(json.dumps(run_stages_once(args.corpus, args.articles, args.until)))
        return 0
    result = {"annotation": annotation, "stages": stages, "endtoend": endtoend}[args.mode](args)
    print(f"\nwritten: {write_json(args.mode, result).relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
