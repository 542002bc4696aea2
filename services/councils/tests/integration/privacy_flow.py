"""A council driven through the API with distinctive names and free text, and a reader
of the raw bytes its store keeps (SQLite files, PostgreSQL tables)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from services.councils.tests.conftest import ADMIN, AGREEMENT, FRAME, LEADER
from tests.stored_bytes import raw_bytes as raw_bytes
from tests.stored_bytes import readable as readable

Former = Callable[..., str]
Seeder = Callable[[str, list[str]], None]
TILBUD = "tilbud-privacy"
NAMES = {"r-karen": "Karenzia Quistgaard", "r-bodil": "Bodilius Vesterhave"}
MEMBER_NAME = "Citrinella Oxholm"
AGENDA = "Agenda om Ulrikke Thygesminde"
MINUTES = "Referat: Hjalmarine Bjerrum klagede over maden"
ACTIVITY = "Udflugt arrangeret af Frederikka Lysholt"


@dataclass
class DrivenCouncil:
    council_id: str
    election_id: str

    @staticmethod
    def secrets() -> list[str]:
        return [*NAMES.values(), MEMBER_NAME, AGENDA, MINUTES, ACTIVITY]


def ok(r: Any) -> Any:
    assert r.status_code in (200, 201), r.text
    return r.json()


def drive_council(
    client: TestClient,
    form_council: Callable[..., str],
    electorate: Callable[[str, list[str]], None],
) -> DrivenCouncil:
    """Form a council with citizen seats, nominate named candidates, appoint a named
    member, hold a meeting with agenda and minutes, apply for a participant budget."""
    electorate(TILBUD, list(NAMES))
    council_id = form_council(
        TILBUD, relatives=2, seats={"relatives": 2, "citizens": 1, "staff": 1}
    )
    base = f"/councils/{council_id}"
    election = ok(client.post(f"{base}/elections", json={"held_on": "2030-03-01"}, headers=ADMIN))
    election_id = election["result"]
    for relative_id, name in NAMES.items():
        ok(
            client.post(
                f"{base}/elections/{election_id}/candidates",
                json={"relative_id": relative_id, "name": name},
                headers=ADMIN,
            )
        )
    ok(
        client.post(
            f"{base}/members",
            json={
                "kind": "citizen",
                "person_ref": "citizen-ref-1",
                "name": MEMBER_NAME,
                "term_start": "2030-01-01",
            },
            headers=ADMIN,
        )
    )
    meeting = ok(
        client.post(
            f"{base}/meetings",
            json={
                "kind": "relatives_meeting",
                "at": "2030-04-01T10:00:00+02:00",
                "agenda": [AGENDA],
            },
            headers=ADMIN,
        )
    )
    ok(
        client.post(
            f"{base}/meetings/{meeting['result']}/minutes",
            json={"minutes": MINUTES, "attendees": ["r-karen"]},
            headers=ADMIN,
        )
    )
    ok(client.post("/pools", json={"year": 2030}, headers=LEADER))
    ok(
        client.post(
            "/pools/2030/applications",
            json={
                "council_id": council_id,
                "activity": ACTIVITY,
                "amount": 500,
                "initiators": ["r-karen"],
            },
            headers=ADMIN,
        )
    )
    return DrivenCouncil(council_id, election_id)


def own_former(client: TestClient) -> Former:
    """``form_council`` on this test's own app."""

    def form(tilbud_id: str, relatives: int = 4, **overrides: object) -> str:
        body = {
            "tilbud_id": tilbud_id,
            "kind": "relatives_council",
            "frame": FRAME,
            "seats": {"relatives": relatives, "citizens": 0, "staff": 1},
            "agreement": AGREEMENT,
            **overrides,
        }
        return str(ok(client.post("/councils", json=body, headers=ADMIN))["id"])

    return form


def own_seeder(client: TestClient) -> Seeder:
    """``electorate`` on this test's own app."""
    commands = client.app.state.commands  # type: ignore[attr-defined]

    def seed(tilbud_id: str, relatives: list[str]) -> None:
        async def run() -> None:
            await commands.apply_case_fact(tilbud_id, "case-p", 1, "opened", None)
            for version, relative in enumerate(relatives, start=2):
                await commands.apply_case_fact(
                    tilbud_id, "case-p", version, "relative_added", relative
                )

        asyncio.run(run())

    return seed
