"""The local Dask cluster of one `vndiplo run --runner dask` (or `auto` on a large corpus), started
before the flow so that its workers are ready when the first task arrives.

When Prefect's DaskTaskRunner creates the cluster itself, it does so at the flow's first submit, and
each worker process then imports the pipeline (Prefect, polars, underthesea) while unpickling its
first task. Measured on this 2-core machine (2026-12-01): the cluster starts in 0.7 s and the
imports take 5.9 s, and on 10,000 articles the flow waited 5.0 s before its first prepare task ran.
`flows.pipeline.run_build` starts this cluster while the CLI waits for the temporary Prefect server
(then 12.7 s on a fresh PREFECT_HOME, 5.9 s on a migrated one; since 2026-12-07 a fresh home's
database is created from `flows/prefect_database.sql`, see flows/prefect_server.py, and the server
answers in 3.2-3.4 s on an idle machine either way), so the imports happen in that wait.

The workers are forked from a server process (multiprocessing's `forkserver`) that has already
imported the slow part of what they need (`WORKER_PRELOAD`): one import for both workers instead of
one each, and `vndiplo run` starts that server before it imports the pipeline itself, so the two
imports run on the two cores at once. A forked worker also ends without the interpreter's teardown
of its heap (underthesea's models, its sentence cache). Measured on this 2-core machine with
`vndiplo run` on 10,000 real articles against a running server, runs of the code before and after
alternating (2026-12-03): the CLI's wait for the workers after its import of the pipeline went from
5.0 and 5.4 s to 3.7 and 2.2 s, the cluster's shutdown from 1.7 and 1.5 s to 0.1 s (11:41-11:52
UTC, timed in the CLI); the time outside stage code from 17.8 and 20.5 s to 10.8 and 14.2 s,
13.5% and 12.7% of the wall time to 9.6% and 10.3% (11:59-12:08 UTC). The flow starts once the workers
run, while they still import the pipeline (`LocalDaskCluster.address`).

The scheduler runs in a process of its own, forked from the same server (`flows.dask_scheduler`):
in the flow's process, as `LocalCluster` runs it, it kept memory that grew with the number of tasks.

Guarantees: the workers are the ones DaskTaskRunner would start (one single-threaded worker process
per core, see `CLUSTER_OPTIONS`); the workers get `environment` on top of this process's
(`PREFECT_API_URL` of the run's server); a cluster that cannot start is a one-line error when its
address is asked for. This module does not import Prefect (only flows/pipeline.py does).
"""

from __future__ import annotations

import threading

# One single-threaded worker process per core: annotation is pure Python and holds the GIL.
CLUSTER_OPTIONS = {"threads_per_worker": 1, "processes": True, "dashboard_address": ":0"}
# The options `LocalCluster(**CLUSTER_OPTIONS)` gives its scheduler, less the dashboard (its HTTP routes, health
# and metrics, on a free port, not Dask's 8787), for the scheduler in a process of its own (`local_cluster`).
SCHEDULER_OPTIONS = {"host": "127.0.0.1", "port": 0, "protocol": "tcp://", "dashboard": False,
                     "dashboard_address": CLUSTER_OPTIONS["dashboard_address"]}


def configure_dask() -> None:
    """Settings read when a Dask scheduler or client starts in this process.

    Dask keeps the last messages of every stream for debugging (`low-level-log-length`, 1,000), and
    with them the pickled tasks and their arguments: in the flow's process, the input files of
    nearly every prepare batch and the blocks of annotation batches stayed alive until publishing
    (29,056 of 31,806 files' bytes, measured).
    """
    import dask

    dask.config.set({"distributed.admin.low-level-log-length": 0})


# What the worker server imports once for every worker: Prefect, Dask's worker and underthesea, about
# 2 s of the 3 s import of the pipeline. Not polars nor the pipeline itself: importing polars starts
# native threads (jemalloc's background threads), and a fork copies no thread, so each worker imports
# polars and the pipeline after its fork (`import_pipeline`).
WORKER_PRELOAD = ("distributed", "prefect", "prefect_dask", "underthesea")


def start_worker_forkserver() -> None:
    """Start the process the local cluster's workers are forked from, with `WORKER_PRELOAD` imported
    (a no-op once it runs); every local cluster of this process then forks its workers from it."""
    import multiprocessing
    from multiprocessing import forkserver

    import dask

    dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"})
    multiprocessing.get_context("forkserver").set_forkserver_preload(list(WORKER_PRELOAD))
    forkserver.ensure_running()


def import_pipeline() -> None:
    """Run on each worker: import what the pipeline's tasks need, before the first task arrives."""
    import flows.pipeline  # noqa: F401


def local_cluster(workers: int, environment: dict[str, str]):
    """The cluster `LocalCluster(n_workers=workers, env=environment, **CLUSTER_OPTIONS)` starts (the same
    workers, options and log level), but with its scheduler in a process of its own (`flows.dask_scheduler`,
    where the memory this saves the flow's process was measured)."""
    import logging

    from distributed import Nanny, SpecCluster
    from distributed.worker_memory import parse_memory_limit

    from flows.dask_scheduler import SchedulerProcess

    scheduler = {"cls": SchedulerProcess, "options": {"options": SCHEDULER_OPTIONS}}
    memory_limit = parse_memory_limit("auto", 1, workers, logger=logging.getLogger(__name__))
    worker = {"cls": Nanny, "options": {"host": SCHEDULER_OPTIONS["host"], "protocol": SCHEDULER_OPTIONS["protocol"],
                                        "nthreads": CLUSTER_OPTIONS["threads_per_worker"], "memory_limit": memory_limit,
                                        "dashboard": False, "silence_logs": logging.WARN, "env": environment}}
    return SpecCluster(scheduler=scheduler, workers=dict.fromkeys(range(workers), worker), worker=worker,
                       silence_logs=logging.WARN, name="LocalDaskCluster")


class LocalDaskCluster:
    """A local cluster started in a background thread; `address` waits for its workers to run, `ready` for
    them to have imported the pipeline too, `close` stops it."""

    def __init__(self, workers: int, environment: dict[str, str]) -> None:
        self.workers, self.environment = workers, environment
        self._cluster = None
        self._error: BaseException | None = None
        self._up = threading.Event()  # the scheduler and its workers run (they may still import the pipeline)
        self._thread = threading.Thread(target=self._start, name="vndiplo-dask-cluster", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            configure_dask()
            start_worker_forkserver()
            from distributed import Client

            self._cluster = local_cluster(self.workers, self.environment)
            self._up.set()
            with Client(self._cluster) as client:
                client.run(import_pipeline)
        except BaseException as error:  # reported to the caller by `address` or `ready`
            self._error = error
        finally:
            self._up.set()

    @property
    def address(self) -> str:
        """The scheduler's address, once its workers run: the flow starts (its run is created, the files
        listed) while they import the pipeline, and its first tasks wait for that. Measured against a
        running server on 10,000 real articles, runs of the code before and after alternating
        (2026-12-07 05:54-06:09 UTC, five each): 0.7 s less before the flow run, 0.45 s less time outside
        stage code (10.6% of the wall time on average before, 10.1% after)."""
        self._up.wait()
        if self._error is not None:
            raise RuntimeError(f"the local Dask cluster did not start: {self._error}") from self._error
        return self._cluster.scheduler_address

    def ready(self) -> str:
        """The scheduler's address, once every worker has imported the pipeline too."""
        self._thread.join()
        return self.address

    def close(self) -> None:
        self._thread.join()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
