"""Prefect's temporary API server for one `vndiplo run`, started before the CLI's heavy imports.

Without a server (no PREFECT_API_URL), Prefect starts a temporary one on the flow's first API call:
it first imports its server package in the calling process, then starts a server process that
imports it again, and waits. Measured on the seeds with a migrated database (2-core machine,
2026-12-01): 7.3 s of process start and imports, then 6.4 s waiting for the server, of a 19.9 s
run. Started here, before anything is imported, the server process imports on the other core
while this process imports, hashes its inputs and reads the caches, and this process never
imports the server package at all.

The server is the one Prefect would start (the same `uvicorn` command, app factory and
environment as `prefect.server.api.server.SubprocessASGIServer`, Prefect pinned to 3.8 in
pyproject.toml); `flows.pipeline.run_build` points the flow at it with Prefect's
`temporary_settings`, so the caller's environment and Prefect profile are left as they were.
The server stops when the process exits, after Prefect's log and event workers have sent what
they hold (their exit handlers are registered later, so they run first). Nothing is started
when PREFECT_API_URL is set in the environment; when a Prefect profile sets it, `run_build`
stops the early server and the flow uses the profile's server. This module does not import
Prefect (only flows/pipeline.py does).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

# Prefect's own default is 20 s; the first run on a fresh PREFECT_HOME spends 17-20 s on database
# migrations (measured here), so the CLI raises it (flows.cli.PREFECT_DEFAULTS) and this reads it.
STARTUP_TIMEOUT_VARIABLE = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
DEFAULT_STARTUP_TIMEOUT_S = 90.0
PORT_IN_USE_EXIT_CODE = 3  # uvicorn's exit code when the port was taken between our check and its bind
POLL_INTERVAL_S = 0.1
# The pipeline stores no Prefect blocks (its tasks persist no results), so the temporary server skips
# registering Prefect's block types: measured on this 2-core machine (2026-12-02), a fresh PREFECT_HOME's
# server answered in 10.7-13.9 s with this and 14.6-15.3 s without. Memoising is off too, so that no
# memo says "registered" and a later `prefect server start` on the same PREFECT_HOME still registers
# them. The caller's environment may set either.
SERVER_SETTINGS = {"PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
                   "PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false"}
STOP_TIMEOUT_S = 5.0


def free_port() -> int:
    """A local TCP port free right now (the OS picks it)."""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _prefect_package_parent() -> str:
    """The folder holding the installed `prefect` package, found without importing it."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        raise RuntimeError("Prefect is not installed")
    return str(Path(spec.origin).parent.parent)


def answers(api_url: str, timeout: float) -> bool:
    """Whether the Prefect API at `api_url` answers its health check within `timeout` seconds."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


class TemporaryServer:
    """A Prefect API server process for this run, stopped at exit."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = self._start()
        atexit.register(self.stop)

    @classmethod
    def start_unless_configured(cls) -> TemporaryServer | None:
        """Start a server now, unless the environment already names one (PREFECT_API_URL)."""
        return None if os.environ.get("PREFECT_API_URL") else cls()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _start(self) -> subprocess.Popen:
        command = [sys.executable, "-m", "uvicorn", "--app-dir", _prefect_package_parent(), "--factory",
                   "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
                   "--log-level", "error", "--lifespan", "on"]
        environment = {**SERVER_SETTINGS, **os.environ, "PREFECT_UI_ENABLED": "0",
                       "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
        print(f"vndiplo: starting a temporary Prefect server on http://127.0.0.1:{self.port}", file=sys.stderr)
        return subprocess.Popen(command, env=environment)

    def wait_until_ready(self) -> None:
        """Return once the server answers its health check; raise a one-line error if it cannot start."""
        timeout = float(os.environ.get(STARTUP_TIMEOUT_VARIABLE, DEFAULT_STARTUP_TIMEOUT_S))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code == PORT_IN_USE_EXIT_CODE:
                self.port = free_port()
                self.process = self._start()
                continue
            if code is not None:
                raise RuntimeError(f"the temporary Prefect server exited with code {code} before answering")
            if answers(self.api_url, timeout=POLL_INTERVAL_S * 10):
                return
            time.sleep(POLL_INTERVAL_S)
        self.stop()
        raise RuntimeError(f"the temporary Prefect server did not answer within {timeout:g} s "
                           f"(raise {STARTUP_TIMEOUT_VARIABLE})")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
