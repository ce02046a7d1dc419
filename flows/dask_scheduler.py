"""The scheduler of the local Dask cluster (flows.dask_cluster), in a process of its own.

A `LocalCluster` runs its scheduler in the process that starts it, which for `vndiplo run` is the
flow's process. The scheduler keeps each task's unpickled arguments (and Prefect's serialised context)
until the task is released, and the process does not give that memory back. Measured with `vndiplo run`
on real articles against a running server, this 2-core machine, runs of the code before and after
alternating (2026-12-07 19:00-19:18 UTC, GNU time's maximum resident set): the flow's process peaked at
477 and 479 MiB on 10,000 articles and 608 and 607 MiB on all 31,806 with the scheduler inside it, at 477
and 471 MiB and 571 and 587 MiB with it in its own process; the growth from 10,000 to 31,806 articles went
from 6.1 to 4.9 KiB per article.

Guarantees: the process is forked from the worker server (`flows.dask_cluster.start_worker_forkserver`,
which has imported Dask), so it starts without importing anything; it logs warnings and errors only;
it ends when the cluster closes it, and when the process that started it ends, even killed (it watches
its end of a pipe); a scheduler that cannot start is a one-line error naming why.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from multiprocessing.connection import Connection

from distributed.deploy.spec import ProcessInterface

# The scheduler starts in well under a second once forked; this bounds a hung start, not a slow one.
START_TIMEOUT_SECONDS = 60
# How long `close` waits for the process to end after the cluster asked the scheduler to close.
CLOSE_TIMEOUT_SECONDS = 10


class SchedulerProcess(ProcessInterface):
    """A `distributed.Scheduler(**options)` in a process forked from the worker server, for a SpecCluster's
    `scheduler` spec; `address` is its address once `start` returns."""

    def __init__(self, options: dict, log_level: int = logging.WARNING) -> None:
        super().__init__()
        self.options, self.log_level = options, log_level
        self.process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None

    async def start(self) -> None:
        context = multiprocessing.get_context("forkserver")
        ours, theirs = context.Pipe()
        self.process = context.Process(target=serve_scheduler, args=(self.options, self.log_level, theirs),
                                       name="vndiplo-dask-scheduler", daemon=True)
        self.process.start()
        theirs.close()
        self._connection = ours
        self.address = await asyncio.get_running_loop().run_in_executor(None, _receive_address, ours, self.process)
        await super().start()

    async def close(self) -> None:
        if self.process is not None:
            # The cluster has asked the scheduler to close; its process ends with it.
            await asyncio.get_running_loop().run_in_executor(None, self.process.join, CLOSE_TIMEOUT_SECONDS)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            self.process = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        await super().close()


def _receive_address(connection: Connection, process: multiprocessing.process.BaseProcess) -> str:
    if not connection.poll(START_TIMEOUT_SECONDS):
        process.kill()
        raise RuntimeError(f"the Dask scheduler did not start within {START_TIMEOUT_SECONDS} s")
    try:
        kind, value = connection.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"the Dask scheduler's process ended before it started (exit code {process.exitcode})")
    if kind == "error":
        raise RuntimeError(f"the Dask scheduler did not start: {value}")
    return value


def serve_scheduler(options: dict, log_level: int, connection: Connection) -> None:
    """Run in the scheduler's process: start the scheduler, send ("address", its address) or ("error", why)
    on `connection`, and serve until the scheduler closes or the other end of `connection` does."""
    from flows.dask_cluster import configure_dask

    logging.getLogger("distributed").setLevel(log_level)
    configure_dask()
    asyncio.run(_serve(options, connection))


async def _serve(options: dict, connection: Connection) -> None:
    from distributed import Scheduler

    try:
        scheduler = await Scheduler(**options)
    except Exception as error:  # sent to the starting process, which raises it in one line
        # Dask raises "Scheduler failed to start." from the reason (an address in use, say).
        reason = error.__cause__ or error
        connection.send(("error", f"{type(reason).__name__}: {reason}"))
        return
    connection.send(("address", scheduler.address))
    loop = asyncio.get_running_loop()

    def starter_ended() -> None:  # nothing is ever sent on the pipe: readable means its other end closed
        loop.remove_reader(connection.fileno())
        loop.create_task(scheduler.close())

    loop.add_reader(connection.fileno(), starter_ended)
    await scheduler.finished()
