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

On a fresh PREFECT_HOME Prefect's server first runs its database migrations (113 of them, 5.6 s of an
8.3-8.8 s start on this 2-core machine with nothing else running, 2026-12-07). The database they leave is
kept as SQL text (`prefect_database.sql`: the tables, the indexes and the migration revision, no rows), and
the temporary server's database is created from it when it does not exist yet (`seed_database`), in 12-14
ms; Prefect then finds it at the head revision and has nothing to migrate (the server answered 3.2-3.3 s
after its start on a fresh PREFECT_HOME, as on one whose database exists). A later Prefect with more
migrations would run only the new ones; tests/test_prefect_server.py compares the file with what the
installed Prefect's migrations give.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import tomllib
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
DATABASE_SCHEMA = Path(__file__).with_name("prefect_database.sql")
# Settings that can put Prefect's database somewhere other than PREFECT_HOME/prefect.db (Prefect 3.8's
# server database settings and their older names).
DATABASE_VARIABLE_PREFIXES = ("PREFECT_SERVER_DATABASE_", "PREFECT_API_DATABASE_")


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


def prefect_home(environ: dict[str, str]) -> Path:
    """PREFECT_HOME as Prefect reads it from the environment (~/.prefect by default)."""
    return Path(environ.get("PREFECT_HOME") or "~/.prefect").expanduser()


def _setting_names(settings_file: Path) -> list[str] | None:
    """The lower-cased names of the Prefect settings a settings file sets (nested TOML keys joined by "_");
    None if it cannot be read or parsed (then it may say anything)."""
    try:
        text = settings_file.read_text(encoding="utf-8")
        if settings_file.suffix != ".toml":  # .env: NAME=value lines
            return [line.split("=", 1)[0].strip().lower() for line in text.splitlines() if "=" in line]
        table = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if settings_file.name == "pyproject.toml":
        table = table.get("tool", {}).get("prefect", {})

    def names(value, prefix: str) -> list[str]:
        if not isinstance(value, dict):
            return [prefix]
        return [name for key, item in value.items() for name in names(item, f"{prefix}_{key}".lower().strip("_"))]

    return names(table, "")


def database_to_seed(environ: dict[str, str], working_dir: Path) -> Path | None:
    """The SQLite file a temporary server started with `environ` in `working_dir` opens, when it does not
    exist yet and nothing but PREFECT_HOME says where it is; None otherwise. Prefect also reads its settings
    from a .env, prefect.toml or pyproject.toml ([tool.prefect]) in the working folder and from its profiles
    file: when one of them sets a database setting or the home, or cannot be read, None too (Prefect then
    creates and migrates the database as usual)."""
    if any(name.startswith(DATABASE_VARIABLE_PREFIXES) for name in environ):
        return None
    home = prefect_home(environ)
    profiles = Path(environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    for settings_file in (working_dir / ".env", working_dir / "prefect.toml", working_dir / "pyproject.toml",
                          profiles):
        if not settings_file.exists():
            continue
        names = _setting_names(settings_file)
        if names is None or any("database" in name or name.endswith("home") for name in names):
            return None
    database = home / "prefect.db"
    return None if database.exists() else database


def seed_database(database: Path, schema: Path = DATABASE_SCHEMA) -> bool:
    """Create the SQLite file `database` from `schema` unless it exists by then (another run may have
    created it meanwhile: it is never replaced); whether it did. Written beside it and linked into place.
    Where it cannot be (the file exists, the folder cannot be written, the file system has no links),
    nothing is created and Prefect creates the database as usual, or reports why it cannot."""
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=database.parent, prefix=".vndiplo-seed-") as folder:
            seeded = Path(folder) / database.name
            with contextlib.closing(sqlite3.connect(seeded)) as connection:
                connection.executescript(schema.read_text(encoding="utf-8"))
            os.link(seeded, database)  # fails if the file exists, where a rename would replace it
    except (OSError, sqlite3.Error):
        return False
    return True


def database_schema_from_migrations() -> str:
    """The SQL text of the database the installed Prefect's migrations create (`prefect server database
    upgrade` on an empty PREFECT_HOME): its tables and indexes and the migration revision, no other rows."""
    with tempfile.TemporaryDirectory(prefix="vndiplo-prefect-home-") as home:
        environment = {name: value for name, value in os.environ.items()
                       if not name.startswith(DATABASE_VARIABLE_PREFIXES + ("PREFECT_PROFILES_PATH",))}
        subprocess.run([sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"],
                       env={**environment, "PREFECT_HOME": home}, check=True, capture_output=True)
        with contextlib.closing(sqlite3.connect(Path(home) / "prefect.db")) as connection:
            statements = [statement for statement in connection.iterdump()
                          if not statement.startswith("INSERT INTO")
                          or statement.startswith('INSERT INTO "alembic_version"')]
    return "\n".join(statements) + "\n"


class TemporaryServer:
    """A Prefect API server process for this run, stopped at exit."""

    def __init__(self) -> None:
        self.port = free_port()
        database = database_to_seed(dict(os.environ), Path.cwd())
        if database is not None:
            seed_database(database)
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


if __name__ == "__main__":  # python -m flows.prefect_server: write prefect_database.sql for the installed Prefect
    DATABASE_SCHEMA.write_text(database_schema_from_migrations(), encoding="utf-8")
