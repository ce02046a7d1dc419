"""The temporary Prefect server `vndiplo run` starts before its imports (flows/prefect_server.py),
`flows.pipeline.on_server`, which points the flow at it, and `heartbeats_sent_by_the_flow`, which hands a
lasting server's heartbeats from Prefect's engine to the flow."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, PREFECT_UI_URL, temporary_settings

from flows import prefect_server
from flows.prefect_server import database_schema_from_migrations, database_to_seed, seed_database
from flows.pipeline import _HEARTBEAT_SECONDS, heartbeat_event_template, heartbeats_sent_by_the_flow, on_server
from flows.prefect_server import TemporaryServer


def test_nothing_starts_when_the_environment_names_a_server(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert TemporaryServer.start_unless_configured() is None


def test_the_flow_is_pointed_at_the_early_server_which_answers_and_stops():
    server = TemporaryServer.start_unless_configured()
    assert server is not None
    process = server.process
    try:
        with temporary_settings(restore_defaults={PREFECT_API_URL}), on_server(server):
            assert PREFECT_API_URL.value() == server.api_url
            assert PREFECT_UI_URL.value() == ""  # no UI served: no dead "View at" link
            assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() is None  # nobody to tell after the run
            from prefect.client.orchestration import get_client

            with get_client(sync_client=True) as client:
                assert client.api_healthcheck() is None  # None: healthy
        assert PREFECT_API_URL.value() != server.api_url  # the caller's settings are back
    finally:
        server.stop()
    assert process.poll() is not None and server.process is None


def test_the_early_server_registers_no_block_types_and_leaves_no_memo_saying_it_did(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))  # a fresh home: nothing registered before
    monkeypatch.setenv("PREFECT_MEMO_STORE_PATH", str(tmp_path / "memo_store.toml"))
    server = TemporaryServer.start_unless_configured()
    try:
        server.wait_until_ready()
        with temporary_settings(restore_defaults={PREFECT_API_URL}), on_server(server):
            from prefect.client.orchestration import get_client

            with get_client(sync_client=True) as client:
                assert client.read_block_types() == []
    finally:
        server.stop()
    memo = tmp_path / "memo_store.toml"
    assert not memo.exists() or "block_auto_registration" not in memo.read_text(encoding="utf-8")


class _RecordedServer(TemporaryServer):
    """A server whose process is a stand-in command (nothing listens)."""

    command = [sys.executable, "-c", "import time; time.sleep(30)"]

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen(self.command)


def test_a_server_named_by_the_settings_wins_and_the_early_one_is_stopped():
    server = _RecordedServer()
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:4200/api"}), on_server(server):
        assert PREFECT_API_URL.value() == "http://127.0.0.1:4200/api"
        assert server.process is None  # stopped before the block ran
        # A lasting server watches its runs' heartbeats (Prefect's default, not turned off here).
        assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() is not None


@pytest.mark.parametrize("frequency", [30, 180, None], ids=["30 s", "Prefect's default", "none"])
def test_in_the_block_the_flow_sends_the_heartbeats_at_prefects_interval_and_prefect_none(frequency):
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: frequency}):
        with heartbeats_sent_by_the_flow():
            assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() is None
            assert _HEARTBEAT_SECONDS.get() == frequency
        assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() == frequency and _HEARTBEAT_SECONDS.get() is None


@pytest.mark.parametrize("deployment, tags", [(None, []), (uuid.UUID(int=7), []), (None, ["b", "a"]),
                                             (uuid.UUID(int=7), ["weekly", "a", "weekly"])],
                         ids=["a run", "a deployment's run", "tagged", "a deployment's tagged run"])
def test_the_flows_heartbeat_event_names_what_prefects_engine_names(deployment, tags):
    from prefect.flow_engine import FlowRunEngine

    run = SimpleNamespace(id=uuid.UUID(int=1), name="brave-otter", flow_id=uuid.UUID(int=2), deployment_id=deployment,
                          tags=tags)
    context = SimpleNamespace(flow_run=run, flow=SimpleNamespace(name="build-release"))
    # Prefect's engine builds its template from the run and the flow alone (Prefect 3.8, pinned).
    prefect_resource, prefect_related = FlowRunEngine._build_heartbeat_event_template(context)
    resource, related = heartbeat_event_template(context)
    assert resource == prefect_resource
    assert related == [dict(resource_.root) for resource_ in prefect_related]


class _FailingServer(_RecordedServer):
    command = [sys.executable, "-c", "import sys; sys.exit(1)"]


def test_a_server_that_exits_is_a_one_line_error():
    server = _FailingServer()
    with pytest.raises(RuntimeError, match="exited with code 1 before answering"):
        server.wait_until_ready()


def test_a_server_that_never_answers_times_out_with_the_setting_to_raise(monkeypatch):
    monkeypatch.setenv(prefect_server.STARTUP_TIMEOUT_VARIABLE, "0.3")
    server = _RecordedServer()
    with pytest.raises(RuntimeError, match=f"did not answer within 0.3 s .*{prefect_server.STARTUP_TIMEOUT_VARIABLE}"):
        server.wait_until_ready()
    assert server.process is None


# --- the temporary server's database, created from prefect_database.sql --------------------------

def _statements(database: Path) -> list[tuple[str, ...]]:
    """The database's schema and rows as SQL statements, each as its sorted lines without separators: Prefect's
    migrations give their constraints and indexes in an order that varies from run to run."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return sorted(tuple(sorted(line.strip().rstrip(",").strip() for line in statement.splitlines()))
                      for statement in connection.iterdump())


def test_the_database_schema_is_what_the_installed_prefects_migrations_create(tmp_path):
    seeded, migrated = tmp_path / "seeded.db", tmp_path / "migrated.db"
    assert seed_database(seeded)
    migrated_schema = tmp_path / "migrated.sql"
    migrated_schema.write_text(database_schema_from_migrations(), encoding="utf-8")
    assert seed_database(migrated, migrated_schema)
    # If this fails after an upgrade of Prefect: `python -m flows.prefect_server` writes the file again.
    assert _statements(seeded) == _statements(migrated)
    with contextlib.closing(sqlite3.connect(seeded)) as connection:
        assert connection.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)


def test_a_seeded_database_is_never_replaced_and_leaves_no_temporary_file(tmp_path):
    database = tmp_path / "home" / "prefect.db"
    assert seed_database(database)
    schema_of_seeded = _statements(database)
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("CREATE TABLE written_by_a_run (x)")
    assert not seed_database(database)
    assert _statements(database) != schema_of_seeded  # the existing file was kept as it was
    assert sorted(p.name for p in database.parent.iterdir()) == ["prefect.db"]


def test_where_the_database_cannot_be_created_nothing_is_and_prefect_is_left_to_it(tmp_path):
    (tmp_path / "home").write_text("a file where the home folder would be", encoding="utf-8")
    assert not seed_database(tmp_path / "home" / "prefect.db")
    assert not seed_database(tmp_path / "prefect.db", tmp_path / "home")  # not SQL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


@pytest.mark.parametrize("environment, files, expected", [
    ({}, {}, "home/prefect.db"),
    ({"PREFECT_HOME": None}, {}, "user/.prefect/prefect.db"),
    ({}, {"cwd/.env": "SOMETHING_ELSE=1\n"}, "home/prefect.db"),
    ({}, {"home/prefect.db": ""}, None),
    ({"PREFECT_SERVER_DATABASE_CONNECTION_URL": "postgresql+asyncpg://db/prefect"}, {}, None),
    ({"PREFECT_API_DATABASE_CONNECTION_URL": "sqlite+aiosqlite:////elsewhere.db"}, {}, None),
    ({"PREFECT_SERVER_DATABASE_DRIVER": "postgresql+asyncpg"}, {}, None),
    ({}, {"cwd/.env": "PREFECT_SERVER_DATABASE_NAME=/elsewhere.db\n"}, None),
    ({}, {"cwd/prefect.toml": "[server.database]\nname = '/elsewhere.db'\n"}, None),
    ({}, {"cwd/pyproject.toml": "[tool.prefect.server.database]\nname = '/elsewhere.db'\n"}, None),
    ({}, {"home/profiles.toml": "[profiles.local]\nPREFECT_SERVER_DATABASE_NAME = '/elsewhere.db'\n"}, None),
    ({"PREFECT_PROFILES_PATH": "other/profiles.toml"}, {"other/profiles.toml": "PREFECT_HOME = '/x'\n"}, None),
    ({}, {"cwd/prefect.toml": "home = '/x'\n"}, None),
    ({}, {"cwd/prefect.toml": "[server\n"}, None),
    ({}, {"cwd/pyproject.toml": "[tool.setuptools.package-data]\nflows = ['prefect_database.sql']\n"},
     "home/prefect.db"),
    ({}, {"cwd/prefect.toml": "[logging]\nlevel = 'INFO'\n"}, "home/prefect.db"),
], ids=["PREFECT_HOME", "Prefect's default home", "an unrelated .env", "the database exists",
        "a database URL", "the older name of the setting", "another driver", "a .env", "prefect.toml",
        "pyproject.toml", "a profile", "a profiles file elsewhere naming a home", "prefect.toml naming a home",
        "a prefect.toml that does not parse", "a pyproject.toml without Prefect settings",
        "prefect.toml with other settings"])
def test_the_database_is_created_only_where_prefect_would_open_it_and_only_if_absent(tmp_path, environment,
                                                                                      files, expected):
    environ = {"HOME": str(tmp_path / "user"), "PREFECT_HOME": str(tmp_path / "home")}
    for name, value in environment.items():
        if value is None:
            environ.pop(name)
        else:
            environ[name] = str(tmp_path / value) if name == "PREFECT_PROFILES_PATH" else value
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "cwd").mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", environ["HOME"])  # what expanduser reads
        found = database_to_seed(environ, tmp_path / "cwd")
    assert found == (tmp_path / expected if expected else None)


def test_the_temporary_server_opens_a_database_created_from_the_schema(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    server = TemporaryServer.start_unless_configured()
    try:
        # Prefect's server process is still importing (seconds): the file is there already, at the head revision.
        assert _statements(tmp_path / "prefect.db") == _statements_of_schema(tmp_path)
        server.wait_until_ready()
    finally:
        server.stop()


def _statements_of_schema(tmp_path: Path) -> list[tuple[str, ...]]:
    reference = tmp_path / "reference" / "prefect.db"
    assert seed_database(reference)
    return _statements(reference)
