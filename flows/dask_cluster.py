"""The local Dask cluster of one `vndiplo run --runner dask` (or `auto` on a large corpus), started
before the flow so that its workers are ready when the first task arrives.

When Prefect's DaskTaskRunner creates the cluster itself, it does so at the flow's first submit, and
each worker process then imports the pipeline (Prefect, polars, underthesea) while unpickling its
first task. Measured on this 2-core machine (2026-12-01): the cluster starts in 0.7 s and the
imports take 5.9 s, and on 10,000 articles the flow waited 5.0 s before its first prepare task ran.
`flows.pipeline.run_build` starts this cluster while the CLI waits for the temporary Prefect server
(12.7 s on a fresh PREFECT_HOME, 5.9 s on a migrated one), so the imports happen in that wait.

Guarantees: the cluster is the one DaskTaskRunner would start (one single-threaded worker process
per core, see `CLUSTER_OPTIONS`); the workers get `environment` on top of this process's
(`PREFECT_API_URL` of the run's server); a cluster that cannot start is a one-line error when its
address is asked for. This module does not import Prefect (only flows/pipeline.py does).
"""

from __future__ import annotations

import threading

# One single-threaded worker process per core: annotation is pure Python and holds the GIL.
CLUSTER_OPTIONS = {"threads_per_worker": 1, "processes": True, "dashboard_address": ":0"}


def configure_dask() -> None:
    """Settings read when a Dask scheduler or client starts in this process.

    Dask keeps the last messages of every stream for debugging (`low-level-log-length`, 1,000), and
    with them the pickled tasks and their arguments: in the flow's process, the input files of
    nearly every prepare batch and the blocks of annotation batches stayed alive until publishing
    (29,056 of 31,806 files' bytes, measured).
    """
    import dask

    dask.config.set({"distributed.admin.low-level-log-length": 0})


def import_pipeline() -> None:
    """Run on each worker: import what the pipeline's tasks need, before the first task arrives."""
    import flows.pipeline  # noqa: F401


class LocalDaskCluster:
    """A local cluster started in a background thread; `address` waits for it, `close` stops it."""

    def __init__(self, workers: int, environment: dict[str, str]) -> None:
        self.workers, self.environment = workers, environment
        self._cluster = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._start, name="vndiplo-dask-cluster", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            configure_dask()
            from distributed import Client, LocalCluster

            self._cluster = LocalCluster(n_workers=self.workers, env=self.environment, **CLUSTER_OPTIONS)
            with Client(self._cluster) as client:
                client.run(import_pipeline)
        except BaseException as error:  # reported to the caller by `address`
            self._error = error

    @property
    def address(self) -> str:
        """The scheduler's address, once every worker has imported the pipeline."""
        self._thread.join()
        if self._error is not None:
            raise RuntimeError(f"the local Dask cluster did not start: {self._error}") from self._error
        return self._cluster.scheduler_address

    def close(self) -> None:
        self._thread.join()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
