"""The forms for the rest of a case, the case's message log, the dashboards, the
auditor's pages, and what each role is shown (against a fake of the other APIs)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_pages import CASE, CASE_ID, FakeApis, csrf, sign_in

SERIES = {"months": ["2026-12"], "series": {f"level {n}": [n % 4] for n in (1, 2, 3, 4)}}
DASHBOARD = {
    "scope": {"tilbud_id": "lyngen"}, "as_of": "2026-12-03T09:00:00+00:00",
    "cases_per_level": SERIES,
    "escalations_per_month": {"months": [], "series": {}},
    "incidents_by_kind": {"threat": 1},
    "complaints": {"received": 1, "due": 0, "first_contact_within_24h": 1,
                   "overdue_without_contact": 0, "share_within_24h": 1.0},
    "move_in_conversations": {"moved_in": 0, "conversation_before_move_in": 0, "share": None},
    "consent_coverage": {"active_relatives": 1,
                         "by_scope": {"send_messages": {"relatives": 1, "share": 1.0}}},
    "communication": {"messages_by_state": {"sent": 2}, "messages_by_channel": {}},
    "council_seats": {"councils": 0, "seats": 0, "seats_filled": 0, "share_filled": None},
    "budget_pool": {"by_year": {}},
}  # fmt: skip
HISTORY = [
    {"version": v, "type": t, "actor": "anna", "recorded_at": "2026-12-03T09:00:00+00:00",
     "data": {}}
    for v, t in [(1, "CaseOpened"), (2, "RelativeAdded"), (3, "ConsentGranted")]
]  # fmt: skip
MESSAGE = {"message_id": "m1", "kind": "complaint_ack", "rule": "r", "case_id": CASE_ID,
           "recipient_type": "relative", "recipient_id": "r1", "channel": "email",
           "subject": "Vi har modtaget din klage", "status": "sent", "attempts": 1,
           "created_at": "2026-12-03T09:00:00+00:00", "sent_at": "2026-12-03T09:00:01+00:00",
           "error": None}  # fmt: skip


class MoreApis(FakeApis):
    """Also the communication service's message log and the read side's figures and audit."""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path, port = request.url.path, request.url.port
        self.seen.append(request)
        if request.method == "GET" and port == 8103 and path == f"/cases/{CASE_ID}/messages":
            return httpx.Response(200, json=[MESSAGE])
        if request.method == "GET" and port == 8104:
            if path.startswith("/dashboards/") and path.endswith(".svg"):
                return httpx.Response(200, text="<svg/>", headers={"content-type": "image/svg+xml"})
            if path.startswith("/dashboards/"):
                return httpx.Response(200, json=DASHBOARD)
            if path == f"/audit/cases/{CASE_ID}/replay":
                version = int(request.url.params.get("as_of", "3"))
                state = {**CASE, "level": None, "relatives": [{"consents": []}] * (version - 1)}
                return httpx.Response(200, json={"case_id": CASE_ID, "version": version,
                    "recorded_at": "2026-12-03T09:00:00+00:00", "state": state})  # fmt: skip
            if path == f"/audit/cases/{CASE_ID}/export":
                return httpx.Response(200, text='{"seq": 1}\n')
            if path == "/audit/verify":
                return httpx.Response(200, json={"ok": True, "records": 3, "chains": 1,
                    "sources_checked": ["cases"], "source_events": 3, "counts": {},
                    "findings": []})  # fmt: skip
        if path == f"/cases/{CASE_ID}/history":
            return httpx.Response(200, json=HISTORY)
        return super().__call__(request)


@pytest.fixture
def apis() -> MoreApis:
    fake = MoreApis()
    fake.seen = []
    return fake


@pytest.fixture
def client(apis: MoreApis) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        yield c


COMPLAINT = {"complaint_id": "c1", "summary": "Maden", "channel": "phone",
             "received_at": "2026-12-03T08:00:00+00:00", "first_contact_at": None,
             "first_contact_deadline": "2026-12-04T08:00:00+00:00", "overdue": False,
             "outcome": None}  # fmt: skip
PLAN = {"focus_areas": [], "review_date": "2027-01-01", "reviews": []}

FORMS: list[tuple[str, dict[str, Any], str, dict[str, Any]]] = [
    ("handleplan/opfoelgning", {"notes": "Godt", "next_review_date": "2027-02-01"},
     "/handling-plan/reviews", {"notes": "Godt", "next_review_date": "2027-02-01"}),
    ("klager/c1/afslut", {"outcome": "rejected", "resolution": "Svar sendt"},
     "/complaints/c1/resolve", {"outcome": "rejected", "resolution": "Svar sendt"}),
    ("dialog", {"kind": "phone", "summary": "Talt om besøg", "participants": "Bodil\nKarl"},
     "/dialogue-notes", {"kind": "phone", "summary": "Talt om besøg",
                         "participants": ["Bodil", "Karl"]}),
    ("overlevering", {"deliverables": "Pleje", "expectations": "Besøg", "legal_differences": ""},
     "/handover", {"deliverables": "Pleje", "expectations": "Besøg", "legal_differences": []}),
    ("netvaerk", {"kind": "new", "category": "volunteer", "description": "Besøgsven"},
     "/network-relations", {"kind": "new", "category": "volunteer", "description": "Besøgsven"}),
    ("luk", {"reason": "moved", "note": ""}, "/close", {"reason": "moved", "note": None}),
    ("genaabn", {"reason": "Flyttet tilbage"}, "/reopen", {"reason": "Flyttet tilbage"}),
]  # fmt: skip


@pytest.mark.parametrize(("page", "form", "api_path", "body"), FORMS, ids=[f[0] for f in FORMS])
def test_each_form_sends_its_command_with_if_match(
    client: TestClient, apis: MoreApis, page: str, form: dict[str, Any], api_path: str,
    body: dict[str, Any],
) -> None:  # fmt: skip
    sign_in(client)
    apis.answer = (200, {"case_id": CASE_ID, "version": 4})
    CASE.update(complaints=[COMPLAINT], handling_plan=PLAN)
    try:
        shown = client.get(f"/sager/{CASE_ID}/{page}")
        assert shown.status_code == 200 and "<form" in shown.text
        done = client.post(f"/sager/{CASE_ID}/{page}",
                           data={"csrf_token": csrf(shown), "version": "3", **form},
                           follow_redirects=False)  # fmt: skip
    finally:
        CASE.update(complaints=[], handling_plan=None)
    assert done.status_code == 303 and done.headers["location"] == f"/sager/{CASE_ID}"
    [sent] = apis.sent
    assert sent.url.path == f"/cases/{CASE_ID}{api_path}" and sent.headers["If-Match"] == '"3"'
    assert json.loads(sent.content) == body


def test_an_empty_required_field_is_said_beside_it_and_nothing_is_sent(
    client: TestClient, apis: MoreApis
) -> None:
    sign_in(client)
    shown = client.get(f"/sager/{CASE_ID}/dialog")
    answer = client.post(f"/sager/{CASE_ID}/dialog", data={"csrf_token": csrf(shown)})
    assert answer.status_code == 422 and 'id="summary-error"' in answer.text
    assert 'href="#kind"' in answer.text and not apis.sent


def test_the_case_page_shows_the_message_log(client: TestClient) -> None:
    sign_in(client)
    page = client.get(f"/sager/{CASE_ID}").text
    assert 'id="message-log"' in page and "Vi har modtaget din klage" in page
    assert "Sendt" in page


def test_the_dashboard_has_a_text_alternative_and_a_table_per_chart(
    client: TestClient, apis: MoreApis
) -> None:
    sign_in(client)
    page = client.get("/overblik?tilbud=lyngen").text
    assert "Overblik for lyngen" in page
    assert 'src="/overblik/diagrammer/cases_per_level.svg?tilbud=lyngen"' in page
    assert 'alt="Diagram. Åbne sager pr. trin' in page and 'id="table-cases_per_level"' in page
    assert any(r.url.path == "/dashboards/tilbud/lyngen" for r in apis.seen)
    chart = client.get("/overblik/diagrammer/complaints.svg?tilbud=lyngen")
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert client.get("/overblik/diagrammer/nothing.svg").status_code == 404


def test_a_caseworker_is_shown_no_auditor_page_and_cannot_open_one(client: TestClient) -> None:
    sign_in(client)
    case_page = client.get(f"/sager/{CASE_ID}").text
    assert 'href="/revision"' not in case_page and "/revision/sager/" not in case_page
    assert "Tildel ansvarlig leder" not in case_page  # a leader's button
    answer = client.get(f"/revision/sager/{CASE_ID}")
    assert answer.status_code == 403 and "Du har ikke adgang" in answer.text


def test_an_auditor_is_shown_no_button_to_change_the_case(client: TestClient) -> None:
    sign_in(client, "auditor")
    page = client.get(f"/sager/{CASE_ID}").text
    assert 'href="/revision"' in page and f"/revision/sager/{CASE_ID}" in page
    for button in ("Tilføj pårørende", "Noter en dialog", "Luk sagen", "Modtag klage"):
        assert button not in page


def test_an_auditor_replays_the_case_to_a_version(client: TestClient) -> None:
    sign_in(client, "auditor")
    page = client.get(f"/revision/sager/{CASE_ID}?version=2").text
    assert f'href="/revision/sager/{CASE_ID}?version=3"' in page  # each version a link
    assert 'aria-current="true">Version 2' in page
    assert 'id="replayed-relatives">1<' in page and "Sagen ved version 2" in page


def test_an_auditor_downloads_the_export_and_sees_the_verification(client: TestClient) -> None:
    sign_in(client, "auditor")
    export = client.get(f"/revision/sager/{CASE_ID}/eksport?format=jsonl")
    assert export.headers["content-disposition"] == f'attachment; filename="sag-{CASE_ID}.jsonl"'
    assert export.text == '{"seq": 1}\n'
    assert "Revisionssporet er intakt" in client.get("/revision/kontrol").text


def test_every_event_of_a_case_has_a_danish_name_for_the_history() -> None:
    import re
    from pathlib import Path

    from services.console.domain.labels import labels

    domain = Path(__file__).resolve().parents[3] / "cases" / "domain"
    names = {
        n for f in domain.glob("*.py") for n in re.findall(r'@event\("(\w+)"\)', f.read_text())
    }
    assert len(names) > 20
    missing = sorted(names - set(labels()["event"]))
    assert not missing, f"add Danish names to labels_da.json under event: {missing}"


def test_an_erased_relative_is_named_as_such_not_none(client: TestClient) -> None:
    sign_in(client)
    CASE["relatives"] = [{"relative_id": "r1", "name": None, "relation": None,
                          "legal_role": "none", "channels": {}, "consents": [],
                          "erasure": {"reason": "retention_expired"}}]  # fmt: skip
    try:
        page = client.get(f"/sager/{CASE_ID}").text
        form = client.get(f"/sager/{CASE_ID}/klage").text
    finally:
        CASE["relatives"] = []
    assert "Pårørende (oplysninger slettet)" in page and "None" not in page
    assert "Pårørende (oplysninger slettet)" in form
