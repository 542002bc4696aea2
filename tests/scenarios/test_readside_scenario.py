"""Scenario: caseworkers drive the cases API; its relay publishes to the real broker; the
read side consumes it. A leader reads their own write and the dashboards; an auditor
replays the case as of an earlier version, exports it, and `verify` finds a tampered
event in a copy of the audit store."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer
from fastapi.testclient import TestClient

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app as cases_api
from services.readside.adapters.sources import owner_events
from services.readside.adapters.verify import verify
from services.readside.config import ReadsideSettings
from services.readside.entrypoints.api import create_app as readside_api
from services.readside.tests.casefeed import cases_api as cases_on_store
from services.readside.tests.casefeed import owner
from shared.auth import issue_token
from shared.config import CommonSettings
from shared.contracts import cases as wire
from shared.kafka.cloudevents import encode
from shared.kafka.consumer import dlq_topic
from shared.sqldb import Database
from tests.kafka_helpers import read_topic
from tests.running import running

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


def auth(role: str, sub: str = "anna") -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(CommonSettings(), sub, [role])}"}


def test_read_side_follows_the_cases_service_and_proves_what_happened(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000)
    topic = f"cases-{unique}"
    cases_url = f"sqlite:///{tmp_path}/cases.sqlite"
    cases = CasesSettings(database_url=cases_url, topic=topic, common=common)
    readside = ReadsideSettings(
        database_url=f"sqlite:///{tmp_path}/readside.sqlite",
        topics=[topic],
        group_id=f"readside-{unique}",
        min_version_wait_ms=15_000,  # the first read also waits for the group join
        common=common,
    )
    worker, leader, auditor = auth("caseworker"), auth("leader", "lene"), auth("auditor", "rev")
    now = datetime.now(UTC)
    read_app = readside_api(readside)
    with (
        running(cases, readside),
        TestClient(cases_api(cases)) as write,
        TestClient(read_app) as read,
    ):
        # replay and verify ask the real cases API (in process), never its database
        read_app.state.service.audit.owners = {"cases": owner("cases", write)}

        def command(path: str, body: dict[str, object], who: dict[str, str] = worker) -> int:
            r = write.post(path, json=body, headers=who)
            assert r.status_code in (200, 201), r.text
            return int(r.json()["version"])

        opened = write.post(
            "/cases",
            headers=worker,
            json={
                "cpr": "0707614285",
                "tilbud_id": "lyngen",
                "setting": "nursing_home",
                "planned_move_in": (now - timedelta(days=1)).date().isoformat(),
            },
        )
        case_id = opened.json()["case_id"]
        c = f"/cases/{case_id}"
        command(
            f"{c}/relatives",
            {
                "relative_id": "r1",
                "name": "Bodil",
                "relation": "daughter",
                "channels": {"email": "bodil@example.dk"},
            },
        )
        command(f"{c}/relatives/r1/consents/grant", {"scope": "share_information", "form": "oral"})
        command(f"{c}/relatives/r1/consents/grant", {"scope": "invite_to_meetings", "form": "oral"})
        command(
            f"{c}/move-in-conversation/schedule",
            {"conversation_at": (now - timedelta(days=3)).isoformat()},
        )
        command(
            f"{c}/move-in-conversation/hold",
            {
                "held_at": (now - timedelta(days=3)).isoformat(),
                "covered_items": ["finances"],
                "participant_relative_ids": ["r1"],
            },
        )
        before_level = command(
            f"{c}/level-assessments",
            {"level": 2, "characteristics": ["dissatisfaction"], "justification": "Many calls"},
        )
        command(
            f"{c}/incidents",
            {
                "kind": "threat",
                "against": "staff",
                "occurred_at": now.isoformat(),
                "description": "Threat",
            },
        )
        last = command(
            f"{c}/complaints", {"complainant": "r1", "channel": "email", "summary": "Food"}
        )

        # A leader reads their own write.
        r = read.get(c, params={"min_version": last}, headers=leader)
        assert r.status_code == 200, r.text
        assert r.json()["level"] == 4 and r.json()["leader_required"] is True
        listed = read.get("/cases", params={"leader_required": True}, headers=leader).json()
        assert [x["case_id"] for x in listed["items"]] == [case_id]

        board = read.get("/dashboards/tilbud/lyngen", headers=leader).json()
        assert board["cases_per_level"]["series"]["level 4"][-1] == 1
        assert board["escalations_per_month"]["series"]["escalation"][-1] == 1  # 2 -> 4
        assert board["incidents_by_kind"] == {"threat": 1}
        assert board["move_in_conversations"]["share"] == 1.0
        assert board["consent_coverage"]["by_scope"]["share_information"]["share"] == 1.0
        chart = read.get("/dashboards/tilbud/lyngen/charts/incidents_by_kind.svg", headers=leader)
        assert chart.status_code == 200 and "threat" in chart.text

        # An auditor replays the case as it was before the level assessment, and exports it.
        replay = read.get(
            f"/audit/cases/{case_id}/replay",
            headers=auditor,
            params={"as_of": str(before_level - 1), "compare_to": str(last)},
        )
        assert replay.status_code == 200, replay.text
        changes = {x["path"]: x for x in replay.json()["changes"]}
        assert changes["level"]["before"] is None and changes["level"]["after"] == 4
        export = read.get(f"/audit/cases/{case_id}/export", headers=auditor)
        assert len(export.text.splitlines()) == last
        assert read.get("/audit/verify", headers=auditor).json()["ok"] is True

        # A poison message on the topic lands in the dead-letter topic, and nothing stops.
        asyncio.run(_send_garbage(kafka_bootstrap, topic))
        dead = asyncio.run(read_topic(kafka_bootstrap, dlq_topic(topic), min_count=2))
        assert sorted(d.header("dlq_reason") for d in dead) == ["malformed", "not_a_cloudevent"]
        more = command(
            f"{c}/complaints", {"complainant": "citizen", "channel": "phone", "summary": "Noise"}
        )
        assert read.get(c, params={"min_version": more}, headers=leader).status_code == 200
        db = read.app.state.service.db  # type: ignore[attr-defined]
        copy = tmp_path / "audit-copy.sqlite"
        with sqlite3.connect(db.url.sqlite_path) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)

    # Someone edits one event in a copy of the audit store: verify points at it.
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE rs_audit SET actor = 'mallory' WHERE seq = 3")
    tampered = Database(f"sqlite:///{copy}")
    try:
        with cases_on_store(cases_url.removeprefix("sqlite:///")) as api:
            report = verify(tampered, {"cases": owner_events(owner("cases", api))})
    finally:
        tampered.close()
    assert not report.ok
    assert {(f.kind, f.seq) for f in report.findings if f.kind == "altered"} == {("altered", 3)}


async def _send_garbage(bootstrap: str, topic: str) -> None:
    """Not a CloudEvent at all, and a CloudEvent its contract rejects."""
    bad_contract = encode(
        topic=topic,
        ce_id="x:1",
        ce_type=wire.CaseOpened.ce_type(),
        source=wire.SOURCE,
        subject="x",
        time=datetime.now(UTC),
        data={"case_id": "not-a-uuid"},
    )
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"not a cloudevent", key=b"x")
        await producer.send_and_wait(
            topic, bad_contract.value, key=b"x", headers=bad_contract.headers
        )
    finally:
        await producer.stop()
