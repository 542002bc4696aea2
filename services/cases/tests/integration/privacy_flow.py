"""A realistic case driven through the API with distinctive personal data, and readers
of the raw bytes a store keeps (SQLite files, PostgreSQL tables)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from services.cases.tests.conftest import VALID_CPR, auth
from tests.stored_bytes import raw_bytes as raw_bytes
from tests.stored_bytes import readable as readable

CW = auth("caseworker")
LEADER = auth("leader", sub="lea")


def ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


@dataclass
class DrivenCase:
    """The case's ids and the personal values it was given, by whose they are."""

    case_id: str
    karen: str  # relative id (complains, is erased in the tests)
    bodil: str  # relative id (stays readable)
    secrets: dict[str, list[str]] = field(default_factory=dict)

    def all_secrets(self) -> list[str]:
        return [s for values in self.secrets.values() for s in values]


def _ok(r: Any) -> Any:
    assert r.status_code in (200, 201), r.text
    return r.json()


def drive_case(client: TestClient, tilbud: str = "tilbud-privacy") -> DrivenCase:
    """Open a case and use every kind of personal field through the API (ASCII values,
    so that a value stored in clear shows up byte for byte)."""
    opened = _ok(
        client.post(
            "/cases",
            json={"cpr": VALID_CPR, "tilbud_id": tilbud, "setting": "nursing_home"},
            headers=CW,
        )
    )
    case_id = opened["case_id"]
    base = f"/cases/{case_id}"

    def post(path: str, body: dict[str, Any], headers: dict[str, str] = CW) -> Any:
        return _ok(client.post(f"{base}{path}", json=body, headers=headers))

    karen = post(
        "/relatives",
        {
            "name": "Karen Kvistgaard-Hansen",
            "relation": "svigerdatter-kvist",
            "channels": {"email": "karen.kvistgaard@example.dk", "phone": "+4591827364"},
            "preferred_channel": "email",
        },
    )["id"]
    bodil = post(
        "/relatives",
        {
            "name": "Bodil Bjerregaard-Nissen",
            "relation": "nabo-bjerregaard",
            "channels": {"email": "bodil.bjerregaard@example.dk"},
        },
    )["id"]
    post(f"/relatives/{karen}/consents/grant", {"scope": "invite_to_meetings", "form": "written"})
    post(
        "/move-in-conversation/schedule",
        {"conversation_at": ago(days=2, hours=1), "location": "Solsikkevej-stue-14-xq"},
    )
    post(
        "/move-in-conversation/hold",
        {
            "held_at": ago(days=2),
            "covered_items": ["finances"],
            "item_notes": {"finances": "Nordbank-konto-zeta-881"},
            "agreements": [{"topic": "Ugentligt-opkald-omikron", "responsible": "Karen-ansvar"}],
            "participant_relative_ids": [karen],
        },
    )
    post("/agreements", {"topic": "Vasketoej-aftale-pi", "responsible": "Bodil-ansvar-rho"})
    post(
        "/level-assessments",
        {
            "level": 3,
            "characteristics": ["difficult_dialogue"],
            "justification": "Truende-natopkald-omega",
            "plan": {
                "focus_areas": ["handling_plan"],
                "review_date": "2031-07-01",
                "actions": [{"action": "Familiemoede-sigma", "owner": "Ejer-tau-77"}],
            },
        },
    )
    post("/handling-plan/reviews", {"notes": "Gennemgang-upsilon-42"})
    post(
        "/incidents",
        {
            "kind": "threat",
            "against": "staff",
            "occurred_at": ago(hours=2),
            "description": "Slog-ud-efter-personalet-kappa",
        },
    )
    complaint = post(
        "/complaints",
        {"complainant": karen, "channel": "phone", "summary": "Klage-over-maden-iota-karen"},
    )["id"]
    post(f"/complaints/{complaint}/resolve", {"outcome": "upheld", "resolution": "Loest-mu-99"})
    post(
        "/dialogue-notes",
        {"kind": "phone", "summary": "Samtale-om-medicin-lambda", "participants": ["Theta-Ven"]},
    )
    post(
        "/handover",
        {
            "deliverables": "Overlevering-delta-5",
            "expectations": "Forventning-epsilon-6",
            "legal_differences": ["Retsforskel-eta-7"],
        },
    )
    post(
        "/network-relations",
        {"kind": "new", "category": "volunteer", "description": "Frivillig-kirken-chi"},
    )
    post(f"/relatives/{bodil}/update", {"name": "Bodil Bjerregaard-Nissen-Ny"})
    return DrivenCase(
        case_id=case_id,
        karen=karen,
        bodil=bodil,
        secrets={
            "citizen": [
                VALID_CPR,
                "Solsikkevej-stue-14-xq",
                "Nordbank-konto-zeta-881",
                "Ugentligt-opkald-omikron",
                "Karen-ansvar",
                "Vasketoej-aftale-pi",
                "Bodil-ansvar-rho",
                "Truende-natopkald-omega",
                "Familiemoede-sigma",
                "Ejer-tau-77",
                "Gennemgang-upsilon-42",
                "Slog-ud-efter-personalet-kappa",
                "Loest-mu-99",
                "Samtale-om-medicin-lambda",
                "Theta-Ven",
                "Overlevering-delta-5",
                "Forventning-epsilon-6",
                "Retsforskel-eta-7",
                "Frivillig-kirken-chi",
            ],
            "karen": [
                "Karen Kvistgaard-Hansen",
                "svigerdatter-kvist",
                "karen.kvistgaard@example.dk",
                "+4591827364",
                "Klage-over-maden-iota-karen",
            ],
            "bodil": [
                "Bodil Bjerregaard-Nissen",
                "nabo-bjerregaard",
                "bodil.bjerregaard@example.dk",
            ],
        },
    )
