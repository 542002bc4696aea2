"""The welcome mail names the case's contact person (kontaktløsning), as the real cases API
answers at sending time; the name is not kept in the communication store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from services.cases.config import CasesSettings
from services.cases.tests.integration.privacy_flow import raw_bytes
from services.communication.bootstrap import build, build_sender
from services.communication.config import CommunicationSettings
from services.communication.tests.cases_api import cases_api
from services.communication.tests.integration.test_cases_api import (
    CW,
    _feed_like_the_events,
    _post,
    _relative,
    catcher,
)
from shared.config import CommonSettings

__all__ = ["catcher"]


async def test_the_welcome_mail_names_the_contact_person(tmp_path: Path, catcher: Any) -> None:
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
        assigned = httpx.put(
            f"{base}/cases/{case_id}/contact-person",
            json={"staff_id": "staff-7", "display_name": "Mette Holmgaard"},
            headers=CW,
            timeout=10,
        )
        assert assigned.status_code == 200, assigned.text
        s = CommunicationSettings(
            database_url=f"sqlite:///{tmp_path}/comm.sqlite",
            common=CommonSettings(),
            smtp_port=smtp_port,
            cases_api_url=base,
        )
        service = build(s)
        try:
            _feed_like_the_events(service, case_id, [karen])
            sender = build_sender(s, service.store)
            while await sender.send_next():
                pass
            (mail,) = mails.mails.values()
            assert mail.kind == "welcome"
            assert "Jeres faste kontaktperson hos os er Mette Holmgaard." in mail.text()
        finally:
            service.close()
    assert b"Holmgaard" not in raw_bytes(s.database_url)
