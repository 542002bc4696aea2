"""The relay signs its store's chain head onto the topic; verify checks the store against
it, so a consistent rewrite of the store's own chain is still named."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pkraft.cli import app as pkraft_cli
from services.cases.bootstrap import build_application, build_relay
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.integration.test_relay import stream_commands
from shared.auth import issue_token
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from shared.sourcechain.audit import service_public_key, verify_service
from shared.sourcechain.signing import CHECKPOINT_TYPE, checkpoint_valid
from shared.sourcechain.verify import Report
from tests.integration.chain_tamper import Tamper
from tests.integration.test_source_chain_live import write_cases
from tests.kafka_helpers import read_topic

pytestmark = pytest.mark.kafka


def _settings(store_url: str, bootstrap: str, topic: str, interval: float) -> CasesSettings:
    common = CommonSettings(kafka_bootstrap_servers=bootstrap, checkpoint_interval_seconds=interval)
    return CasesSettings(database_url=store_url, topic=topic, common=common)


async def test_checkpoints_are_signed_and_catch_a_consistent_rewrite(
    store_url: str, kafka_bootstrap: str, unique: str
) -> None:
    topic = f"cases-{unique}"
    settings = _settings(store_url, kafka_bootstrap, topic, interval=0.2)
    await ensure_topics(settings.common, [topic])
    stored = await stream_commands(settings, cases=2, notes_per_case=2)
    app = build_application(settings)
    relay = build_relay(settings, app)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    records = await read_topic(kafka_bootstrap, topic, min_count=stored + 1, checkpoints=True)
    stop.set()
    await task
    checkpoints = [r for r in records if r.header("ce_type") == CHECKPOINT_TYPE]
    assert checkpoints, "an interval checkpoint was published"
    data = json.loads(checkpoints[-1].value)
    assert data["service"] == "cases" and data["notification_id"] == stored
    assert checkpoint_valid(data, service_public_key(settings.common, "cases"))
    assert not checkpoint_valid(
        {**data, "hash": "0" * 64}, service_public_key(settings.common, "cases")
    )

    clean = await verify_service("cases", app, settings.common, topic)
    assert clean.ok and clean.checkpoint_status == "verified", clean.as_dict()

    t = Tamper(app, store_url)
    nid = t.rows()[2][0]
    t.flip_byte(nid)
    t.rechain_from(nid)
    assert (await verify_service("cases", app, settings.common, topic, broker=False)).ok
    report = await verify_service("cases", app, settings.common, topic)
    assert [f.kind for f in report.findings] == ["checkpoint_mismatch"]
    app.close()


async def test_the_relay_signs_its_head_when_it_stops(
    store_url: str, kafka_bootstrap: str, unique: str
) -> None:
    topic = f"cases-{unique}"
    settings = _settings(store_url, kafka_bootstrap, topic, interval=3600)
    await ensure_topics(settings.common, [topic])
    stored = await stream_commands(settings, cases=1, notes_per_case=2)
    app = build_application(settings)
    relay = build_relay(settings, app)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    await read_topic(kafka_bootstrap, topic, min_count=stored)
    stop.set()
    await task
    records = await read_topic(kafka_bootstrap, topic, min_count=stored + 1, checkpoints=True)
    last = [r for r in records if r.header("ce_type") == CHECKPOINT_TYPE]
    assert [json.loads(r.value)["notification_id"] for r in last] == [stored]
    app.close()


async def test_a_live_store_verifies_clean_through_its_checkpoints(
    store_url: str, kafka_bootstrap: str, unique: str
) -> None:
    """Two writers and the relay (checkpoints every 0.1 s) at once; verify meanwhile."""
    topic = f"cases-{unique}"
    settings = _settings(store_url, kafka_bootstrap, topic, interval=0.1)
    await ensure_topics(settings.common, [topic])
    app = build_application(settings)
    relay = build_relay(settings, app)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    writing = asyncio.gather(
        write_cases(settings, "a", cases=2, notes=10),
        write_cases(settings, "b", cases=2, notes=10),
    )
    reports: list[Report] = []
    deadline = time.monotonic() + 60
    # While they write, and on (the relay still running) until a verify met a checkpoint
    # the relay signed: under load the writers can finish before its first one.
    while not writing.done() or not any(r.checkpoint_status == "verified" for r in reports):
        assert time.monotonic() < deadline, [r.checkpoint_status for r in reports]
        reports.append(await verify_service("cases", app, settings.common, topic))
    stored = sum(await writing)
    await read_topic(kafka_bootstrap, topic, min_count=stored)
    stop.set()
    await task
    final = await verify_service("cases", app, settings.common, topic)
    app.close()
    assert final.checkpoint_status == "verified" and final.checkpoint is not None
    assert final.checkpoint["notification_id"] == final.head_notification_id
    assert [f for r in [*reports, final] for f in r.findings] == []


def _verify_over_http(settings: CasesSettings) -> dict[str, object]:
    """``GET /audit/verify`` with the broker (the default), as an auditor asks it."""
    token = issue_token(settings.common, "revisor", ["auditor"])
    with TestClient(create_app(settings)) as api:
        r = api.get("/audit/verify", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    return body


async def test_verify_on_a_quiet_topic_answers_with_the_checkpoint_on_it(
    store_url: str, kafka_bootstrap: str, unique: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The relay published and signed its head at stop; nothing comes after. The owner's
    verify reads the topic to its end as it is and answers, naming that checkpoint."""
    topic = f"cases-{unique}"
    settings = _settings(store_url, kafka_bootstrap, topic, interval=3600)
    await ensure_topics(settings.common, [topic])
    stored = await stream_commands(settings, cases=1, notes_per_case=2)
    app = build_application(settings)
    relay = build_relay(settings, app)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    await read_topic(kafka_bootstrap, topic, min_count=stored)
    stop.set()
    await task
    app.close()
    await read_topic(kafka_bootstrap, topic, min_count=stored + 1, checkpoints=True)
    for _ in range(3):  # and again: nothing new arrives, each answers from what is there
        body = await asyncio.to_thread(_verify_over_http, settings)
        assert body["ok"] is True and body["checkpoint_status"] == "verified", body
        checkpoint = body["checkpoint"]
        assert isinstance(checkpoint, dict) and checkpoint["notification_id"] == stored
    # The same from the command line, which reads the topic the same way.
    monkeypatch.setenv("PKRAFT_CASES_DATABASE_URL", store_url)
    monkeypatch.setenv("PKRAFT_CASES_TOPIC", topic)
    monkeypatch.setenv("PKRAFT_KAFKA_BOOTSTRAP_SERVERS", kafka_bootstrap)
    result = await asyncio.to_thread(CliRunner().invoke, pkraft_cli, ["cases", "verify"])
    assert result.exit_code == 0, result.output
    assert f"checkpoint verified at {stored}" in result.output


async def test_verify_on_a_topic_never_published_to_answers_none_found_at_once(
    store_url: str, kafka_bootstrap: str, unique: str
) -> None:
    """No relay has published yet (the topic does not exist): the owner's verify says so
    at once. It said the same after waiting 20 s for the topic to appear; the bound is
    generous because the answer alone cannot tell the two apart."""
    settings = _settings(store_url, kafka_bootstrap, f"cases-{unique}", interval=3600)
    stored = await stream_commands(settings, cases=1, notes_per_case=1)
    started = time.monotonic()
    body = await asyncio.to_thread(_verify_over_http, settings)
    assert (body["ok"], body["events"], body["checkpoint_status"]) == (True, stored, "none_found")
    assert time.monotonic() - started < 10
