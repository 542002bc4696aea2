"""SIGTERM stops the cases API and relay cleanly: requests in flight finish, every
accepted command reaches the broker exactly once, the relay records its position."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
import pytest

from shared.auth import issue_token
from shared.config import CommonSettings
from tests.kafka_helpers import read_topic
from tests.ops.containers import (
    Local,
    Mapping,
    localise,
    resolved_compose,
    start,
    stop,
    tail,
    wait_ready,
)

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.slow]
CPR = "0707614285"


@pytest.fixture
def cases(
    kafka_bootstrap: str, postgres_dsn: str, tmp_path: Path
) -> Iterator[tuple[Local, Local, Mapping]]:
    compose = resolved_compose()["services"]
    mapping = Mapping(kafka_bootstrap, postgres_dsn, uuid.uuid4().hex[:8], tmp_path / "var")
    api = localise("cases-api", compose["cases-api"], mapping)
    relay = localise("cases-relay", compose["cases-relay"], mapping)
    topic = f"ops.cases.{mapping.suffix}"  # this test's own topic on the shared broker
    api.env["PKRAFT_CASES_TOPIC"] = relay.env["PKRAFT_CASES_TOPIC"] = topic
    try:
        yield api, relay, mapping
    finally:
        mapping.drop()


def _open_case(port: int, token: str, n: int) -> str | None:
    body = {
        "cpr": CPR,
        "tilbud_id": f"tilbud-{n}",
        "setting": "residential_offer",
        "planned_move_in": "2031-05-01",
    }
    try:
        r = httpx.post(
            f"http://127.0.0.1:{port}/cases",
            json=body,
            headers={"Authorization": f"Bearer {token}"},
            timeout=20,
        )
    except httpx.HTTPError:
        return None  # refused: the server had stopped taking requests
    assert r.status_code == 201, r.text
    return str(r.json()["case_id"])


def _stored_position(mapping: Mapping) -> tuple[int, int]:
    """(recorded relay position, newest notification id) in the cases database."""
    schema = mapping.schemas["cases"]
    with psycopg.connect(mapping.postgres_dsn) as conn:
        position = conn.execute(f"SELECT max(position) FROM {schema}.pkraft_relay_positions")
        table = conn.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = %s "
            "AND column_name = 'notification_id'",
            (schema,),
        ).fetchone()
        assert table, "no event table"
        newest = conn.execute(f"SELECT max(notification_id) FROM {schema}.{table[0]}")
        return int(position.fetchone()[0] or 0), int(newest.fetchone()[0] or 0)


def test_sigterm_drains_requests_flushes_and_records_the_relay_position(
    cases: tuple[Local, Local, Mapping], tmp_path: Path
) -> None:
    api_local, relay_local, mapping = cases
    token = issue_token(CommonSettings(), "ops", ["caseworker"])
    api = start(api_local, tmp_path)
    relay = start(relay_local, tmp_path)
    try:
        for local, proc in ((api_local, api), (relay_local, relay)):
            status, body = wait_ready(local.health_port, proc)
            assert status == 200, f"{body}\n{tail(tmp_path, local.name)}"

        # Requests in flight when SIGTERM arrives finish (201) or are refused; none fail.
        with ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(_open_case, api_local.health_port, token, n) for n in range(40)]
            time.sleep(0.3)
            api_code, api_took = stop(api)
            opened = [cid for f in futures if (cid := f.result()) is not None]
        assert api_code == 0, tail(tmp_path, "cases-api")
        assert api_took < 15
        assert opened, "no request got through before the stop"

        # The relay publishes what was accepted, then stops on SIGTERM with its position.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            position, newest = _stored_position(mapping)
            if position == newest:
                break
            time.sleep(0.2)
        relay_code, relay_took = stop(relay)
        assert relay_code == 0, tail(tmp_path, "cases-relay")
        assert relay_took < 10
        position, newest = _stored_position(mapping)
        assert position == newest > 0

        # A restarted relay resumes there: nothing lost, nothing sent twice.
        relay = start(relay_local, tmp_path)
        status, _ = wait_ready(relay_local.health_port, relay)
        assert status == 200
        time.sleep(1.0)
        topic = relay_local.env["PKRAFT_CASES_TOPIC"]
        records = asyncio.run(read_topic(mapping.bootstrap, topic, min_count=len(opened)))
        ids = [r.header("ce_id") for r in records]
        assert len(ids) == len(set(ids)), "an event was published twice"
        keys = {r.key.decode() for r in records if r.key}
        assert set(opened) <= keys, "an accepted command never reached the broker"
        assert stop(relay)[0] == 0
    finally:
        for proc in (api, relay):
            if proc.poll() is None:
                proc.kill()
                proc.wait()
