"""Which task runner a `vndiplo run` uses, decided before Prefect or the pipeline is imported.

`vndiplo run` decides here, before it imports the pipeline, so that a run on a local Dask cluster
can start the process its workers are forked from while this process imports the pipeline
(`flows.dask_cluster.start_worker_forkserver`); `flows.pipeline` makes the same decision with the
same functions. No Prefect import here (only flows/pipeline.py imports Prefect), and nothing heavy at
import: the CLI's parser reads RUNNERS and DASK_THRESHOLD.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

RUNNERS = ("auto", "thread", "process", "dask")

# `--runner auto` picks a local Dask cluster from this many input files to prepare (files not in the
# prepare cache), and the thread runner below it. Measured here on 2026-12-01, before the prepare
# stage and under load: starting the cluster and its workers costs about 20 s, and on 1,000 real
# articles the thread runner finished first (33 s against 84 s of flow time); the mapped stages take
# about 20 s per 1,000 articles in one process, so the second core can only repay the start from
# about 2,000 articles.
DASK_THRESHOLD = 2_000


def runner_name(name: str, dask_address: str | None = None, n_inputs: int = 0,
                dask_threshold: int = DASK_THRESHOLD) -> str:
    """The runner `vndiplo run --runner NAME` uses: `auto` picks by the number of input files to
    prepare, `n_inputs` (see DASK_THRESHOLD); a misuse is a one-line ValueError."""
    if name not in RUNNERS:
        raise ValueError(f"unknown runner {name!r}; choose one of {', '.join(RUNNERS)}")
    if dask_address and name not in ("auto", "dask"):
        raise ValueError(f"--dask-address needs the dask runner, not {name!r}")
    if name == "auto":
        return "dask" if dask_address or n_inputs >= dask_threshold else "thread"
    return name


def starts_local_cluster(name: str, dask_address: str | None, n_inputs: int) -> bool:
    """Whether the run starts a Dask cluster of its own: the dask runner without --dask-address."""
    return runner_name(name, dask_address, n_inputs) == "dask" and not dask_address


def files_to_prepare(input_dir: Path, output_dir: Path, refs: pl.DataFrame | None = None) -> int:
    """How many input files a run would prepare: those without an entry in the prepare cache.

    refs: the files of `input_dir` as `ingest.read_refs` gives them, when the caller has them."""
    from flows.cache import prepared_cache
    from flows.reference import REFERENCE_DIR, load_reference
    from flows.stages import ingest

    refs = ingest.read_refs(input_dir) if refs is None else refs
    cache = prepared_cache(output_dir, load_reference(REFERENCE_DIR))
    return refs.height - len(cache.known(cache.keys(refs)))
