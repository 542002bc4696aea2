"""Erasing one relative: the key goes, the case keeps working (issue 10)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fastapi.testclient import TestClient

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import (
    CW,
    LEADER,
    DrivenCase,
    drive_case,
    raw_bytes,
    readable,
)

OFFICER = auth("privacy_officer", sub="dpo-ditte")


def _erase(client: TestClient, subject: str, headers: dict[str, str] = OFFICER) -> Any:
    return client.post(
        f"/privacy/subjects/{subject}/erase",
        json={"reason": "data_subject_request"},
        headers=headers,
    )


def _relative(state: dict[str, Any], relative_id: str) -> dict[str, Any]:
    return next(r for r in state["relatives"] if r["relative_id"] == relative_id)


def _check_erased_view(state: dict[str, Any], case: DrivenCase) -> None:
    karen = _relative(state, case.karen)
    assert karen["name"] is None and karen["relation"] is None
    assert karen["channels"] == {"email": None, "phone": None}
    assert karen["erasure"]["erased"] is True and karen["erasure"]["erased_at"]
    assert karen["consents"][0]["scope"] == "invite_to_meetings"  # ids and codes remain
    bodil = _relative(state, case.bodil)
    assert bodil["name"] == "Bodil Bjerregaard-Nissen-Ny" and "erasure" not in bodil
    assert bodil["channels"] == {"email": "bodil.bjerregaard@example.dk"}
    (complaint,) = state["complaints"]
    assert complaint["summary"] is None and complaint["complainant"] == case.karen
    assert complaint["resolution"] == "Loest-mu-99"  # the citizen's: still readable
    assert complaint["outcome"] == "upheld" and complaint["overdue"] is False
    assert state["dialogue_notes"][0]["summary"] == "Samtale-om-medicin-lambda"
    assert "citizen_erasure" not in state


def test_an_erased_relative_reads_as_null_and_the_case_keeps_working(
    cases_settings: CasesSettings,
) -> None:
    settings = cases_settings.model_copy(update={"snapshot_interval": 4})
    subject: str
    with TestClient(create_app(settings)) as client:
        case = drive_case(client)
        subject = f"relative:{case.case_id}:{case.karen}"
        base = f"/cases/{case.case_id}"
        assert client.get(base, headers=CW).status_code == 200  # cached in the API
        service = client.app.state.service  # type: ignore[attr-defined]
        assert service.app.snapshots.recorder.select_events(
            UUID(case.case_id)
        )  # snapshots were taken before the erasure

        assert _erase(client, subject, headers=CW).status_code == 403
        assert _erase(client, f"relative:{case.case_id}:nobody").status_code == 404
        bad = _erase(client, "karen")
        assert bad.status_code == 422 and bad.json()["code"] == "invalid_subject"
        done = _erase(client, subject)
        assert done.status_code == 200, done.text
        body = done.json()
        assert body["erased"] is True and body["erased_by"] == "dpo-ditte"
        assert body["reason"] == "data_subject_request" and body["case_version"]
        again = _erase(client, subject)  # idempotent: answers the first erasure
        assert again.status_code == 200 and again.json()["erased_at"] == body["erased_at"]
        status = client.get(f"/privacy/subjects/{subject}", headers=OFFICER).json()
        assert status["erased"] is True and status["erased_at"] == body["erased_at"]
        snapshots = service.app.snapshots.recorder.select_events(UUID(case.case_id))
        assert snapshots == []  # they held the clear state

        # The API's cached case reads as erased at once.
        cached = client.get(base, headers=CW).json()
        _check_erased_view(cached, case)

        # Every command still works on the case, the erased relative included.
        for path, payload in [
            ("/dialogue-notes", {"kind": "phone", "summary": "Efter-sletning"}),
            (f"/relatives/{case.bodil}/update", {"relation": "nabo-ny"}),
            (f"/relatives/{case.karen}/consents/grant", {"scope": "send_messages", "form": "oral"}),
            (f"/relatives/{case.karen}/update", {"legal_role": "guardian"}),
            ("/close", {"reason": "other", "note": "Lukket-efter-sletning"}),
            ("/reopen", {"reason": "Genaabnet"}),
        ]:
            r = client.post(f"{base}{path}", json=payload, headers=CW)
            assert r.status_code in (200, 201), (path, r.text)
        r = client.post(f"{base}/leader", json={}, headers=LEADER)
        assert r.status_code == 200, r.text

        history = client.get(f"{base}/history", headers=CW)
        assert history.status_code == 200
        entries = history.json()
        added = [e for e in entries if e["type"] == "RelativeAdded"]
        assert added[0]["data"]["name"] is None
        assert subject in added[0]["data"]["erased_subjects"]
        assert added[1]["data"]["name"] == "Bodil Bjerregaard-Nissen"
        assert entries[-1]["version"] == client.get(base, headers=CW).json()["version"]
        erased_entry = next(e for e in entries if e["type"] == "SubjectErased")
        assert erased_entry["data"]["subject_id"] == subject

        # Replay as of every version.
        latest = entries[-1]["version"]
        now = datetime.now(UTC)
        for version in range(1, latest + 1):
            state = service.app.get_case(UUID(case.case_id), version)
            view = state.to_state(now)
            if any(r["relative_id"] == case.karen for r in view["relatives"]):
                karen = _relative(view, case.karen)
                assert karen["name"] is None and karen["erasure"]["erased"] is True

    # A fresh process (no caches, no snapshots) reads the same case.
    with TestClient(create_app(settings)) as client:
        fresh = client.get(f"/cases/{case.case_id}", headers=CW).json()
        _check_erased_view(fresh, case)
        assert _relative(fresh, case.bodil)["relation"] == "nabo-ny"
        rows = client.app.state.service.app.keys.raw_rows()  # type: ignore[attr-defined]
        row = next(r for r in rows if r["subject_id"] == subject)
        assert row["wrapped_key"] is None and row["erased_by"] == "dpo-ditte"
        others = [r for r in rows if r["subject_id"] != subject]
        assert others and all(r["wrapped_key"] for r in others)

    stored = raw_bytes(settings.database_url)
    assert readable([*case.all_secrets(), "Efter-sletning", "Lukket-efter-sletning"], stored) == []


def test_the_cached_and_the_rebuilt_case_agree_after_erasing_the_citizen(
    cases_settings: CasesSettings,
) -> None:
    """The SubjectErased event clears in memory exactly what the store no longer opens."""
    with TestClient(create_app(cases_settings)) as client:
        case = drive_case(client)
        base = f"/cases/{case.case_id}"
        client.get(base, headers=CW)
        assert _erase(client, f"citizen:{case.case_id}").status_code == 200
        cached = client.get(base, headers=CW).json()
    with TestClient(create_app(cases_settings)) as client:
        fresh = client.get(base, headers=CW).json()
    assert cached == fresh
    assert fresh["citizen_erasure"]["erased"] is True
    assert fresh["dialogue_notes"][0]["summary"] is None
    assert fresh["handling_plan"]["actions"][0]["action"] is None
    assert _relative(fresh, case.karen)["name"] == "Karen Kvistgaard-Hansen"
    assert fresh["complaints"][0]["summary"] == "Klage-over-maden-iota-karen"
