"""Scenario: staff work a case in the cases API; the communication service follows the
case events over Kafka and the right mails arrive at a real SMTP server: never to a
relative without the citizen's consent, a withdrawal wins over a queued message, and a
full replay of the topic sends nothing twice."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from pkraft.broker import free_port
from services.cases.config import CasesSettings
from services.communication.adapters.mailcatcher import MailCatcher, start_catcher
from services.communication.bootstrap import CommunicationService, build, build_sender
from services.communication.config import CommunicationSettings
from services.communication.entrypoints.consumer import build_consumer
from services.communication.tests.cases_api import cases_api
from shared.auth import issue_token
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from tests.running import running

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


def auth(role: str, sub: str = "anna") -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(CommonSettings(), sub, [role])}"}


CW, LEADER = auth("caseworker"), auth("leader", "lea")


async def wait_for(check: Callable[[], Any], timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        await asyncio.sleep(0.1)


def post(cases: TestClient, url: str, body: dict[str, Any], headers: dict[str, str] = CW) -> Any:
    r = cases.post(url, json=body, headers=headers)
    assert r.status_code in (200, 201), r.text
    return r.json()


def work_the_case(cases: TestClient) -> tuple[str, dict[str, str]]:
    """Open a case and do what staff do in the first weeks; returns case id and relatives."""
    case_id = post(
        cases,
        "/cases",
        {
            "cpr": "0707614285",
            "tilbud_id": "lyngen",
            "setting": "residential_offer",
            "planned_move_in": "2099-05-01",
        },
    )["case_id"]
    base = f"/cases/{case_id}"
    ids = {}
    for name in ("karen", "peter", "sofie"):
        ids[name] = post(
            cases,
            f"{base}/relatives",
            {
                "name": name.title(),
                "relation": "child",
                "channels": {"email": f"{name}@example.dk"},
            },
        )["id"]
    for scope in ("send_messages", "invite_to_meetings"):
        post(
            cases,
            f"{base}/relatives/{ids['karen']}/consents/grant",
            {"scope": scope, "form": "written"},
        )
    post(
        cases,
        f"{base}/relatives/{ids['sofie']}/consents/grant",
        {"scope": "send_messages", "form": "oral"},
    )
    post(cases, f"{base}/leader", {}, headers=LEADER)
    post(
        cases,
        f"{base}/move-in-conversation/schedule",
        {"conversation_at": "2099-04-20T10:00:00+02:00"},
    )
    post(
        cases,
        f"{base}/level-assessments",
        {
            "level": 3,
            "characteristics": ["difficult_dialogue"],
            "justification": "Tense calls",
            "plan": {"focus_areas": ["handling_plan"], "review_date": "2099-07-01"},
        },
    )
    for complainant in (ids["karen"], ids["peter"]):
        post(
            cases,
            f"{base}/complaints",
            {
                "complainant": complainant,
                "channel": "email",
                "summary": "Utilfreds med besøgstider",
            },
        )
    # Sofie's consent is withdrawn after her welcome was queued, before it was sent.
    post(
        cases,
        f"{base}/relatives/{ids['sofie']}/consents/withdraw",
        {"scope": "send_messages", "form": "oral"},
    )
    return str(case_id), ids


async def consume_all(service: CommunicationService, s: CommunicationSettings, events: int) -> int:
    """Run a consumer until it was handed every case event; answers how many it queued."""
    handled: list[int] = []
    original = service.inbound.when_case_event

    def counting(ce_id: str, event: Any) -> int:
        handled.append(original(ce_id, event))
        return handled[-1]

    service.inbound.when_case_event = counting  # type: ignore[method-assign]
    broker = build_consumer(s, service.inbound)
    await broker.start()
    try:
        assert await wait_for(lambda: len(handled) >= events), "the consumer did not catch up"
    finally:
        await broker.stop()
        service.inbound.when_case_event = original  # type: ignore[method-assign]
    return sum(handled)


async def test_staff_work_a_case_and_exactly_the_right_mails_arrive(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000)
    cases_settings = CasesSettings(
        database_url=f"sqlite:///{tmp_path}/cases.sqlite",
        topic=f"cases-{unique}",
        common=common,
    )
    smtp_port = free_port()
    s = CommunicationSettings(
        database_url=f"sqlite:///{tmp_path}/comm.sqlite",
        common=common,
        cases_topic=cases_settings.topic,
        councils_topic="",
        topic=f"comm-{unique}",
        consumer_group=f"g-{unique}",
        smtp_port=smtp_port,
    )
    await ensure_topics(common, [s.cases_topic])
    catcher = MailCatcher(directory=tmp_path / "mail")
    controller = start_catcher("127.0.0.1", smtp_port, catcher)
    stack = contextlib.ExitStack()
    stack.enter_context(running(cases_settings))
    cases_base = stack.enter_context(cases_api(cases_settings))  # asked when sending
    s = s.model_copy(update={"cases_api_url": cases_base})
    service = build(s)
    try:
        with httpx.Client(base_url=cases_base, timeout=30) as cases:
            case_id, ids = work_the_case(cases)  # type: ignore[arg-type]
            version = cases.get(f"/cases/{case_id}", headers=CW).json()["version"]
        assert await consume_all(service, s, version) == 6  # queued, Sofie's welcome included

        stop = asyncio.Event()
        sender = asyncio.create_task(build_sender(s, service.store).run(stop, 0.05))
        await wait_for(lambda: len(catcher.mails) >= 5)
        await asyncio.sleep(0.5)
        by_address = Counter(r for m in catcher.mails.values() for r in m.recipients)
        kinds = {(r, m.kind) for m in catcher.mails.values() for r in m.recipients}
        assert kinds == {
            ("karen@example.dk", "welcome"),
            ("karen@example.dk", "move_in_invitation"),
            ("karen@example.dk", "complaint_acknowledgement"),
            ("tilbud-lyngen@staff.pkraft.local", "move_in_invitation_citizen"),
            ("lea@staff.pkraft.local", "leader_alert"),
        }
        assert by_address["karen@example.dk"] == 3
        assert by_address["lea@staff.pkraft.local"] == 1
        assert "peter@example.dk" not in by_address  # no consent
        assert "sofie@example.dk" not in by_address  # consent withdrawn before sending
        welcome = next(m for m in catcher.mails.values() if m.kind == "welcome")
        assert "Kære Karen" in welcome.text() and "Lyngen" in welcome.subject
        assert len(list((tmp_path / "mail").iterdir())) == len(catcher.mails)

        log = service.staff.message_log(case_id, ids["sofie"])
        assert [(m.template, m.status, m.last_error) for m in log] == [
            ("welcome", "suppressed", "consent_missing")
        ]

        # A new consumer group replays the whole topic: nothing is queued or sent again.
        delivered = catcher.deliveries
        replay = s.model_copy(update={"consumer_group": f"replay-{unique}"})
        assert await consume_all(service, replay, version) == 0
        await asyncio.sleep(0.5)
        assert catcher.deliveries == delivered
        stop.set()
        await sender
    finally:
        service.close()
        controller.stop()
        stack.close()
