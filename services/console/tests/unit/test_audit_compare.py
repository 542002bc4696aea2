"""The auditor compares two versions of a case: the read side's differences said in
Danish (where, added/changed/removed, values as a person reads them), never JSON; a
version not chosen is said beside its field; only auditors."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.domain.case_diff import changes_in_danish
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_pages import CASE_ID, FakeApis, sign_in

BODIL = {"relative_id": "r1", "name": "Bodil Hansen", "relation": "daughter", "consents": []}
BEFORE = {"level": 3, "status": "open", "relatives": [BODIL], "leader": None}
AFTER = {"level": 4, "status": "open", "leader": "lene", "relatives": [
    {**BODIL, "consents": [{"scope": "invite_to_meetings", "form": "oral",
                            "granted_at": "2026-12-03T09:00:00+00:00"}]},
    {"relative_id": "r2", "name": "Karl Jensen", "relation": "son", "consents": []}]}  # fmt: skip
CHANGES = [
    {"path": "leader", "before": None, "after": "lene"},
    {"path": "level", "before": 3, "after": 4},
    {"path": "modified_on", "before": "2026-12-01", "after": "2026-12-03"},
    {"path": "relatives[r1].consents[0]", "before": None,
     "after": AFTER["relatives"][0]["consents"][0]},  # type: ignore[index]
    {"path": "relatives[r2]", "before": None, "after": AFTER["relatives"][1]},  # type: ignore[index]
    {"path": "incidents[i1]", "before": {"incident_id": "i1", "kind": "threat"}, "after": None},
]  # fmt: skip


def test_the_changes_read_as_danish_rows() -> None:
    rows = changes_in_danish(CHANGES, BEFORE, AFTER, {"lyngen": "Bofællesskabet Lyngen"})
    shown = [(r.where, r.what, r.before, r.after) for r in rows]
    assert shown == [
        ("Ansvarlig leder", "Tilføjet", "–", "lene"),
        ("Trin", "Ændret", "3", "4"),
        ("Pårørende Bodil Hansen › Samtykker nr. 1", "Tilføjet", "–",
         "Omfang: Invitere til møder, Form: Mundtligt, Givet: 3. december 2026 kl. 10.00"),
        ("Pårørende Karl Jensen", "Tilføjet", "–", "Karl Jensen (søn)"),
        ("Hændelser (nr. i1)", "Fjernet", "Slags: Trussel", "–"),
    ]  # fmt: skip


class CompareApis(FakeApis):
    def __call__(self, request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        if request.url.path == f"/audit/cases/{CASE_ID}/replay" and "compare_to" not in params:
            latest = {"version": 5, "recorded_at": "2026-12-03T09:00:00Z", "state": AFTER}
            return httpx.Response(200, json=latest)
        if request.url.path == f"/audit/cases/{CASE_ID}/replay":
            assert params == {"as_of": "2", "compare_to": "5"}
            return httpx.Response(200, json={
                "from": {"version": 2, "recorded_at": "2026-12-01T09:00:00Z", "state": BEFORE},
                "to": {"version": 5, "recorded_at": "2026-12-03T09:00:00Z", "state": AFTER},
                "changes": CHANGES})  # fmt: skip
        if request.url.path == "/audit/verify":
            finding = {"kind": "altered", "ce_id": f"{CASE_ID}:3", "detail": "hash differs",
                       "seq": 7, "aggregate_id": CASE_ID, "version": 3, "part": "audit_copy",
                       "service": "cases"}  # fmt: skip
            return httpx.Response(200, json={"ok": False, "records": 9, "chains": 1,
                                             "sources_checked": ["cases"], "source_events": 9,
                                             "findings": [finding]})  # fmt: skip
        if request.url.path == f"/cases/{CASE_ID}/history":
            events = [{"version": v, "type": "RelativeAdded", "actor": "karen",
                       "recorded_at": "2026-12-03T09:00:00+00:00", "data": {}}
                      for v in range(1, 6)]  # fmt: skip
            return httpx.Response(200, json=events)
        return super().__call__(request)


@pytest.fixture
def client() -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(CompareApis()))
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def test_an_auditor_compares_two_versions(client: TestClient) -> None:
    sign_in(client, "auditor")
    history = client.get(f"/revision/sager/{CASE_ID}").text
    assert f'action="/revision/sager/{CASE_ID}/sammenlign"' in history
    assert '<option value="3">Version 3: Pårørende tilføjet' in history
    page = client.get(f"/revision/sager/{CASE_ID}/sammenlign?a=2&b=5").text
    assert "Fra version 2 til version 5" in page
    assert '<th scope="row">Pårørende Karl Jensen</th><td>Tilføjet</td>' in page
    assert "Senest ændret" not in page and "{" not in page.split("<main")[1]
    assert '<option value="2" selected>' in page


def test_a_version_not_chosen_is_said_beside_its_field(client: TestClient) -> None:
    sign_in(client, "auditor")
    page = client.get(f"/revision/sager/{CASE_ID}/sammenlign?a=2&b=")
    assert page.status_code == 422 and 'id="b-error"' in page.text
    assert "Vælg en af sagens versioner." in page.text and 'id="a-error"' not in page.text


def test_a_caseworker_may_not_compare(client: TestClient) -> None:
    sign_in(client, "caseworker")
    assert client.get(f"/revision/sager/{CASE_ID}/sammenlign?a=1&b=2").status_code == 403


def test_an_auditor_chooses_the_case_from_the_newest_not_by_its_id(
    apis_with_a_case: tuple[TestClient, ListingApis],
) -> None:
    client, apis = apis_with_a_case
    sign_in(client, "auditor")
    page = client.get("/revision?tilbud=lyngen").text
    assert apis.asked[-1] == {"tilbud_id": "lyngen", "limit": "25", "offset": "0"}
    assert f'<a href="/revision/sager/{CASE_ID}">Historik for sag {CASE_ID[:8]}</a>' in page
    assert 'name="sag"' not in page and "Trin 4" in page and "1 sag" in page


class ListingApis(CompareApis):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[dict[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/cases" and request.url.port == 8104:
            self.asked.append(dict(request.url.params))
            item = {"case_id": CASE_ID, "tilbud_id": "lyngen", "level": 4,
                    "updated_at": "2026-12-03T09:00:00+00:00"}  # fmt: skip
            return httpx.Response(200, json={"items": [item], "total": 1})
        return super().__call__(request)


@pytest.fixture
def apis_with_a_case() -> Iterator[tuple[TestClient, ListingApis]]:
    apis = ListingApis()
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        yield c, apis


def test_verification_findings_are_said_in_danish(client: TestClient) -> None:
    sign_in(client, "auditor")
    page = client.get("/revision/kontrol").text
    assert "Ændret i forhold til kilden" in page and "Revisionskopien mod kilden, cases" in page
    assert "altered" not in page and "{&#34;" not in page and '{"kind"' not in page


def test_codes_relatives_and_the_system_s_reasons_read_in_danish() -> None:
    """What a newcomer's tryout found as raw codes, ids, "None" and English."""
    changes = [
        {"path": "characteristics", "before": None, "after": ["difficult_dialogue"]},
        {"path": "move_in_conversation.status", "before": "scheduled", "after": "held"},
        {"path": "move_in_conversation.invited_relatives", "before": None, "after": ["r1"]},
        {"path": "level_history[None]", "before": None, "after": {"level": 3}},
        {"path": "level_history[e8865866]", "before": None,
         "after": {"justification": "Automatic escalation: threat reported (incident e8)."}},
        {"path": "level_history[e8865866].justification", "before": None,
         "after": "Automatic escalation: threat reported (incident e8865866)."},
    ]  # fmt: skip
    labels = {"difficult_dialogue": "Svær dialog"}
    history = [{"incident_id": "e8865866", "assessed_at": "2026-12-03T10:00:00+00:00"}]
    after = {**AFTER, "level_history": history}
    rows = changes_in_danish(changes, BEFORE, after, {}, lambda c: labels.get(c, c))
    shown = [(r.where, r.after) for r in rows]
    assert shown[0] == ("Kendetegn", "Svær dialog")
    assert shown[1] == ("Indflytningssamtale › Status", "Holdt")
    assert shown[2][1] == "Bodil Hansen"
    assert "None" not in shown[3][0]
    assert shown[4][0] == "Trinhistorik (3. december 2026 kl. 11.00)"  # by when, not an id
    assert shown[5][1].startswith("Automatisk: en indberettet hændelse")
    assert "Automatic" not in " ".join(r.after + r.before for r in rows)
