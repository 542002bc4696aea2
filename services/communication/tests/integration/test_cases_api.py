"""Sending against the real cases API over HTTP and a real SMTP server: the mail carries
the name and address the cases service holds; an erased relative gets nothing; while the
cases API is down the message waits, and goes out once it is back."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from pkraft.broker import free_port
from services.cases.config import CasesSettings
from services.cases.tests.integration.privacy_flow import raw_bytes
from services.communication.adapters.mailcatcher import MailCatcher, start_catcher
from services.communication.bootstrap import CommunicationService, build, build_sender
from services.communication.config import CommunicationSettings
from services.communication.tests.builders import CaseStream, as_fact
from services.communication.tests.cases_api import cases_api
from services.communication.tests.conftest import auth
from shared.config import CommonSettings

CW = auth("caseworker")


def _post(base: str, path: str, body: dict[str, Any], headers: dict[str, str] = CW) -> Any:
    r = httpx.post(f"{base}{path}", json=body, headers=headers, timeout=10)
    assert r.status_code in (200, 201), r.text
    return r.json()


def _relative(base: str, case_id: str, name: str, email: str) -> str:
    rid: str = _post(
        base,
        f"/cases/{case_id}/relatives",
        {"name": name, "relation": "daughter", "channels": {"email": email}},
    )["id"]
    _post(
        base,
        f"/cases/{case_id}/relatives/{rid}/consents/grant",
        {"scope": "send_messages", "form": "written"},
    )
    return rid


def _feed_like_the_events(service: CommunicationService, case_id: str, rids: list[str]) -> None:
    """The ids-only events the cases service published (the Kafka path is tested in
    tests/scenarios); the communication service never sees a name or address."""
    s = CaseStream("lyngen", case_id=uuid.UUID(case_id))
    steps = [s.opened()]
    for rid in rids:
        steps += [s.relative(rid, channels={"email": "unknown"}), s.consent(rid)]
    for ce_id, event in steps:
        service.inbound.when_case_event(*as_fact((ce_id, event)))


@pytest.fixture
def catcher(tmp_path: Path) -> Any:
    port = free_port()
    catcher = MailCatcher(directory=tmp_path / "mail")
    controller = start_catcher("127.0.0.1", port, catcher)
    yield port, catcher
    controller.stop()


async def test_real_cases_api_names_the_recipient_and_erasure_stops_the_mail(
    tmp_path: Path, catcher: Any
) -> None:
    smtp_port, mails = catcher
    cases_settings = CasesSettings(
        database_url=f"sqlite:///{tmp_path}/cases.sqlite", common=CommonSettings()
    )
    with cases_api(cases_settings) as base:
        case_id = _post(
            base,
            "/cases",
            {
                "cpr": "0707614285",
                "tilbud_id": "lyngen",
                "setting": "residential_offer",
                "planned_move_in": "2099-05-01",
            },
        )["case_id"]
        karen = _relative(base, case_id, "Karen Kvistgaard-Hansen", "karen.kvist@example.dk")
        bodil = _relative(base, case_id, "Bodil Bjerregaard", "bodil.bjerre@example.dk")
        erased = _post(
            base,
            f"/privacy/subjects/relative:{case_id}:{bodil}/erase",
            {"reason": "data_subject_request"},
            headers=auth("privacy_officer"),
        )
        assert erased["erased"] is True
        s = CommunicationSettings(
            database_url=f"sqlite:///{tmp_path}/comm.sqlite",
            common=CommonSettings(),
            smtp_port=smtp_port,
            cases_api_url=base,
        )
        service = build(s)
        try:
            _feed_like_the_events(service, case_id, [karen, bodil])
            sender = build_sender(s, service.store)
            while await sender.send_next():
                pass
            (mail,) = mails.mails.values()
            assert mail.recipients == ["karen.kvist@example.dk"] and mail.kind == "welcome"
            assert "Kære Karen Kvistgaard-Hansen" in mail.text()
            log = {m.recipient_id: m for m in service.staff.message_log(case_id)}
            assert (log[karen].status, log[karen].address) == ("sent", None)
            assert (log[bodil].status, log[bodil].last_error) == ("suppressed", "recipient_erased")
        finally:
            service.close()
    stored = raw_bytes(s.database_url)
    for secret in (b"Karen", b"Kvistgaard", b"karen.kvist", b"Bodil", b"bodil.bjerre"):
        assert secret not in stored, secret


async def test_while_the_cases_api_is_down_the_message_waits(tmp_path: Path, catcher: Any) -> None:
    smtp_port, mails = catcher
    cases_settings = CasesSettings(
        database_url=f"sqlite:///{tmp_path}/cases.sqlite", common=CommonSettings()
    )
    with cases_api(cases_settings) as base:
        case_id = _post(
            base,
            "/cases",
            {
                "cpr": "0707614285",
                "tilbud_id": "lyngen",
                "setting": "residential_offer",
                "planned_move_in": "2099-05-01",
            },
        )["case_id"]
        karen = _relative(base, case_id, "Karen Kvist", "karen.kvist@example.dk")
    s = CommunicationSettings(
        database_url=f"sqlite:///{tmp_path}/comm.sqlite",
        common=CommonSettings(),
        smtp_port=smtp_port,
        cases_api_url=base,  # nothing listens there now
        backoff_seconds=0.05,
        cases_api_timeout=2,
    )
    service = build(s)
    try:
        _feed_like_the_events(service, case_id, [karen])
        sender = build_sender(s, service.store)
        assert await sender.send_next()
        (waiting,) = service.staff.message_log(case_id)
        assert (waiting.status, waiting.last_error) == ("queued", "contacts_unavailable")
        assert mails.mails == {}
        with cases_api(cases_settings) as again:  # back, at a new address
            s2 = s.model_copy(update={"cases_api_url": again})
            sender = build_sender(s2, service.store)
            for _ in range(50):
                if not await sender.send_next():
                    await asyncio.sleep(0.05)
                if mails.mails:
                    break
        (mail,) = mails.mails.values()
        assert mail.recipients == ["karen.kvist@example.dk"]
        assert service.staff.message_log(case_id)[0].status == "sent"
    finally:
        service.close()
