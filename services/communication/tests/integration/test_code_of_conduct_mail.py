"""A new code of conduct (kodeks) adopted in the councils service reaches, over the real
mail path (councils event -> subscriber -> queue -> cases API at sending -> SMTP), every
relative whose consent the cases service confirms at that moment and every tilbud's staff
mailbox, each with a link to acknowledge that version; replaying the event sends nothing."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from services.cases.config import CasesSettings
from services.communication.bootstrap import CommunicationService, build, build_sender
from services.communication.config import CommunicationSettings
from services.communication.entrypoints.handlers import when_council_event_notify_relatives
from services.communication.tests.builders import CaseStream, as_fact
from services.communication.tests.cases_api import cases_api
from services.communication.tests.integration.test_cases_api import _post, _relative, catcher
from shared.config import CommonSettings
from shared.contracts import councils
from shared.kafka.cloudevents import InboundEvent
from shared.kafka.consumer import Delivery

__all__ = ["catcher"]
URL = "https://kodeks.example.dk/laes"


def _organisation(tmp_path: Path) -> CommonSettings:
    """An organisation of two tilbud (so two staff mailboxes)."""
    tilbud = [{"tilbud_id": t, "name": t, "staff": 20} for t in ("lyngen", "engen")]
    centre = {"centre_id": "c1", "name": "C", "tilbud": tilbud}
    tree = {"departments": [{"department_id": "d1", "name": "D", "centres": [centre]}]}
    path = tmp_path / "organisation.json"
    path.write_text(json.dumps(tree), encoding="utf-8")
    return CommonSettings(organisation_file=str(path))


def _adopted(version: int) -> InboundEvent:
    kodeks_id = uuid.uuid4()
    event = councils.CodeOfConductAdopted(
        code_of_conduct_id=kodeks_id,
        code_of_conduct_version=version + 1,
        version_number=version,
        adopted_on=date(2031, 2, 1),
        decided_as="leader",
        occurred_at=datetime(2031, 2, 1, 12, tzinfo=UTC),
        actor="lone",
    )
    data = event.model_dump(mode="json")
    return InboundEvent(f"{kodeks_id}:{version + 1}", event.ce_type(), "/c", "k", None, data, {})


def _feed(service: CommunicationService, case_id: str, consenting: list[str], other: str) -> None:
    """The ids-only case events as the cases service published them (no move-in planned)."""
    s = CaseStream("lyngen", case_id=uuid.UUID(case_id))
    steps = [s.opened(planned_move_in=None), s.relative(other)]
    for rid in consenting:
        steps += [s.relative(rid), s.consent(rid)]
    for step in steps:
        service.inbound.when_case_event(*as_fact(step))


async def _send_all(s: CommunicationSettings, service: CommunicationService) -> None:
    sender = build_sender(s, service.store)
    while await sender.send_next():
        pass


async def test_a_new_kodeks_goes_to_consenting_relatives_and_staff_with_a_link(
    tmp_path: Path, catcher: Any
) -> None:
    smtp_port, mails = catcher
    cases = CasesSettings(
        database_url=f"sqlite:///{tmp_path}/cases.sqlite", common=CommonSettings()
    )
    with cases_api(cases) as base:
        case_id = _post(
            base,
            "/cases",
            {"cpr": "0707614285", "tilbud_id": "lyngen", "setting": "residential_offer"},
        )["case_id"]
        karen = _relative(base, case_id, "Karen Kvist", "karen.kvist@example.dk")
        erik = _relative(base, case_id, "Erik Eg", "erik.eg@example.dk")
        bodil: str = _post(
            base,
            f"/cases/{case_id}/relatives",
            {"name": "Bodil Bo", "relation": "son", "channels": {"email": "bodil@example.dk"}},
        )["id"]  # never consented to messages
        s = CommunicationSettings(
            database_url=f"sqlite:///{tmp_path}/comm.sqlite",
            common=_organisation(tmp_path),
            smtp_port=smtp_port,
            cases_api_url=base,
            code_of_conduct_url=URL,
        )
        service = build(s)
        try:
            _feed(service, case_id, [karen, erik], other=bodil)
            handle = when_council_event_notify_relatives(service.inbound)
            adopted = _adopted(2)
            await handle(adopted, Delivery("t", 0, 0))
            # Erik withdraws in the cases service before the mail goes: that answer wins
            _post(
                base,
                f"/cases/{case_id}/relatives/{erik}/consents/withdraw",
                {"scope": "send_messages", "form": "oral"},
            )
            await _send_all(s, service)
            await handle(adopted, Delivery("t", 0, 0))  # redelivered: nothing new
            await _send_all(s, service)

            kodeks = [m for m in mails.mails.values() if m.kind == "code_of_conduct"]
            (to_karen,) = mails.to("karen.kvist@example.dk")
            log = {m.recipient_id: m for m in service.staff.message_log(case_id)}
            assert "Kære Karen Kvist" in to_karen.text() and "version 2" in to_karen.subject
            assert f"{URL}?version=2&ref={log[karen].message_id}" in to_karen.text()
            assert mails.to("erik.eg@example.dk") == mails.to("bodil@example.dk") == []
            assert (log[erik].status, log[erik].last_error) == ("suppressed", "consent_missing")
            assert bodil not in log
            staff = sorted(a for m in kodeks for a in m.recipients if "@staff." in a)
            assert staff == ["tilbud-engen@staff.pkraft.local", "tilbud-lyngen@staff.pkraft.local"]
            (lyngen,) = mails.to("tilbud-lyngen@staff.pkraft.local")
            assert "Til medarbejderne hos lyngen" in lyngen.text()
            assert f"{URL}?version=2\r\n" in lyngen.text()  # no &ref: staff sign in
            assert len(kodeks) == 3  # Karen and the two tilbud mailboxes, once each
        finally:
            service.close()


async def test_a_relative_who_consents_after_the_adoption_is_asked_then_and_only_once(
    tmp_path: Path, catcher: Any
) -> None:
    smtp_port, mails = catcher
    cases = CasesSettings(
        database_url=f"sqlite:///{tmp_path}/cases.sqlite", common=CommonSettings()
    )
    with cases_api(cases) as base:
        case_id = _post(
            base,
            "/cases",
            {"cpr": "0707614285", "tilbud_id": "lyngen", "setting": "residential_offer"},
        )["case_id"]
        karen = _relative(base, case_id, "Karen Kvist", "karen.kvist@example.dk")
        s = CommunicationSettings(
            database_url=f"sqlite:///{tmp_path}/comm.sqlite",
            common=_organisation(tmp_path),
            smtp_port=smtp_port,
            cases_api_url=base,
            code_of_conduct_url=URL,
        )
        service = build(s)
        try:
            stream = CaseStream("lyngen", case_id=uuid.UUID(case_id))
            for step in (stream.opened(planned_move_in=None), stream.relative(karen)):
                service.inbound.when_case_event(*as_fact(step))
            handle = when_council_event_notify_relatives(service.inbound)
            await handle(_adopted(1), Delivery("t", 0, 0))
            await handle(_adopted(2), Delivery("t", 0, 1))  # karen has no consent here yet
            await _send_all(s, service)
            assert mails.to("karen.kvist@example.dk") == []

            # her consent (granted in the cases service) arrives: version 2 only, once
            service.inbound.when_case_event(*as_fact(stream.consent(karen)))
            for scope_change in (stream.withdraw(karen), stream.consent(karen)):
                service.inbound.when_case_event(*as_fact(scope_change))
            await _send_all(s, service)
            (mail,) = mails.to("karen.kvist@example.dk")
            (message,) = service.staff.message_log(case_id)
            assert "version 2" in mail.subject and message.rule == "code_of_conduct"
            assert f"{URL}?version=2&ref={message.message_id}" in mail.text()
        finally:
            service.close()
