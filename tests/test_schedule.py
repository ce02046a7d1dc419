"""Scheduling: prefect.yaml deploys `build-release` on a cron schedule, and `vndiplo serve` registers one.

The server tests start a real `prefect server start` on a free local port with a private
PREFECT_HOME (about 30 s to start here), deploy with `prefect deploy --all`, start `vndiplo serve`
and read the schedules back through the server's REST API; the server is stopped afterwards.
"""

from __future__ import annotations

import inspect
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from flows.prefect_server import free_port

PREFECT_YAML = ROOT / "prefect.yaml"


def _deployments() -> list[dict]:
    return yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))["deployments"]


def test_every_entrypoint_resolves_to_the_build_release_flow():
    from prefect import Flow
    from prefect.flows import load_flow_from_entrypoint

    for deployment in _deployments():
        path, name = deployment["entrypoint"].split(":")
        flow = load_flow_from_entrypoint(f"{ROOT / path}:{name}")  # as `prefect deploy` and the worker load it
        assert isinstance(flow, Flow) and flow.name == "build-release"
        assert set(deployment["parameters"]) <= set(inspect.signature(flow.fn).parameters)


def test_the_schedule_is_a_valid_daily_cron_and_serve_uses_the_same_default():
    from prefect.client.schemas.schedules import CronSchedule

    from flows import cli

    [daily] = _deployments()
    [schedule] = daily["schedules"]
    parsed = CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])
    assert parsed.cron.split()[2:] == ["*", "*", "*"]  # every day of every month
    assert (schedule["cron"], schedule["timezone"]) == (cli.DEFAULT_CRON, cli.SCHEDULE_TIMEZONE)


def _vndiplo_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(extra)
    return env


def test_serve_without_a_server_fails_fast_in_one_line():
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "flows.cli", "serve"], cwd=ROOT, env=_vndiplo_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("vndiplo: error: vndiplo serve needs a Prefect server: start one with `prefect server start`")
    assert time.monotonic() - started < 60


def test_serve_refuses_a_malformed_cron(tmp_path):
    result = subprocess.run([sys.executable, "-m", "flows.cli", "serve", "--cron", "every day"], cwd=ROOT,
                            env=_vndiplo_env(PREFECT_API_URL="http://127.0.0.1:9/api"), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == "vndiplo: error: not a valid cron expression: 'every day'"


def _stop_group(process: subprocess.Popen, first: signal.Signals) -> None:
    """Stop a process started with start_new_session=True and its children: `first`, then SIGKILL after 30 s."""
    os.killpg(process.pid, first)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _api(url: str, path: str, body: dict | None = None):
    request = urllib.request.Request(url + path, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _schedules(api_url: str) -> dict[str, list[dict]]:
    return {d["name"]: [s["schedule"] | {"active": s["active"]} for s in d["schedules"]]
            for d in _api(api_url, "/deployments/filter", {})}


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    """`prefect server start` on 127.0.0.1 and a free port; yields the environment that points at it."""
    home = tmp_path_factory.mktemp("prefect-server-home")
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = _vndiplo_env(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(["prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                _api(api_url, "/health")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("prefect server did not start: " + (home / "server.log").read_text()[-2000:])
                time.sleep(1)
        yield env | {"PREFECT_API_URL": api_url}
    finally:
        _stop_group(server, signal.SIGTERM)
        log.close()


def test_prefect_deploy_all_registers_the_daily_schedule(prefect_server):
    pool = subprocess.run(["prefect", "work-pool", "create", "vndiplo", "--type", "process"], cwd=ROOT,
                          env=prefect_server, capture_output=True, text=True, timeout=180)
    assert pool.returncode == 0, pool.stdout[-2000:] + pool.stderr[-2000:]
    deploy = subprocess.run(["prefect", "--no-prompt", "deploy", "--all"], cwd=ROOT, env=prefect_server,
                            capture_output=True, text=True, timeout=300)
    assert deploy.returncode == 0, deploy.stdout[-2000:] + deploy.stderr[-2000:]
    [expected] = _deployments()[0]["schedules"]
    assert _schedules(prefect_server["PREFECT_API_URL"])["daily"] == [
        {"cron": expected["cron"], "timezone": expected["timezone"], "day_or": True, "active": True}]


def test_vndiplo_serve_registers_its_schedule(prefect_server, tmp_path):
    from flows.pipeline import SERVE_DEPLOYMENT

    cron = "*/5 * * * *"
    serve = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--cron", cron, "--output", str(tmp_path)],
                             cwd=ROOT, env=prefect_server, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             start_new_session=True)
    try:
        deadline, found = time.monotonic() + 120, None
        while found is None and time.monotonic() < deadline and serve.poll() is None:
            found = _schedules(prefect_server["PREFECT_API_URL"]).get(SERVE_DEPLOYMENT)
            time.sleep(1)
        assert serve.poll() is None, serve.stdout.read().decode(errors="replace")[-2000:]  # still serving
        assert found == [{"cron": cron, "timezone": "Asia/Ho_Chi_Minh", "day_or": True, "active": True}]
    finally:
        _stop_group(serve, signal.SIGINT)
    assert not Path(tmp_path / "releases").exists()  # registering a schedule builds nothing
