"""The temporary Prefect server `vndiplo run` starts before its imports (flows/prefect_server.py), and
`flows.pipeline.on_server`, which points the flow at it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, PREFECT_UI_URL, temporary_settings

from flows import prefect_server
from flows.pipeline import on_server
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
