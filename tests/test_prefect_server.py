"""The temporary Prefect server `vndiplo run` starts before its imports (flows/prefect_server.py),
`flows.pipeline.on_server`, which points the flow at it, and `heartbeats_sent_by_the_flow`, which hands a
lasting server's heartbeats from Prefect's engine to the flow."""

from __future__ import annotations

import subprocess
import sys
import uuid
from types import SimpleNamespace

import pytest
from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, PREFECT_UI_URL, temporary_settings

from flows import prefect_server
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
