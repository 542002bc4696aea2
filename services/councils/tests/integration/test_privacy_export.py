"""Insight (GDPR art. 15) for councils subjects: a person named in a council, a council's
texts and an application's text; JSON, Danish HTML and the command line; the export is
itself logged, and an erased person's export says so."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.councils.config import CouncilsSettings
from services.councils.domain.council_privacy import person_subject, text_subject
from services.councils.domain.pool import ParticipantBudgetPool
from services.councils.entrypoints.api import create_app
from services.councils.tests.conftest import ADMIN, auth
from services.councils.tests.integration.privacy_flow import (
    ACTIVITY,
    AGENDA,
    MEMBER_NAME,
    MINUTES,
    NAMES,
    Former,
    Seeder,
    drive_council,
    ok,
    own_former,
    own_seeder,
)
from tests.insight_page import assert_plain_danish

OFFICER = auth("privacy_officer", "dpo-ditte")
AUDITOR = auth("auditor", "aud-asta")


def _export(client: TestClient, subject: str, **params: str) -> Any:
    r = client.get(f"/privacy/subjects/{subject}/export", params=params, headers=OFFICER)
    assert r.status_code == 200, r.text
    return r


def test_a_candidates_export_holds_her_name_where_it_went_and_who_read_it(
    client: TestClient, form_council: Former, electorate: Seeder
) -> None:
    driven = drive_council(client, form_council, electorate)
    ok(client.get(f"/councils/{driven.council_id}", headers=ADMIN))
    karen = person_subject(driven.council_id, "r-karen")

    found = _export(client, karen).json()
    assert found["kind"] == "person" and found["aggregate_id"] == driven.council_id
    assert found["erased"] is None
    assert found["current"]["candidacies"] == [
        {"election_id": driven.election_id, "name": NAMES["r-karen"]}
    ]
    recorded = [(r["type"], r["values"]) for r in found["recorded"]]
    assert recorded == [("CandidateNominated", {"name": NAMES["r-karen"]})]
    text = json.dumps(found, ensure_ascii=False)
    for other in (NAMES["r-bodil"], MEMBER_NAME, AGENDA, MINUTES, ACTIVITY):
        assert other not in text  # another person's data, or the council's texts
    sent = found["sent_to"]
    assert sent["topic"] == "pkraft.councils.v1"
    assert sent["subscribers"] == ["communication", "readside"]
    types = {t["event_type"].split(".")[-2] for t in sent["event_types"]}
    assert "candidate_nominated" in types
    assert "meeting_scheduled" not in types  # did not name her
    nominated = next(t for t in sent["event_types"] if "candidate_nominated" in t["event_type"])
    assert nominated["count"] == 1 and "relative_id" in nominated["fields"]
    assert "name" not in nominated["fields"]  # the wire carries her id, never her name
    readers = [(e["actor"], e["endpoint"]) for e in found["read_by"]]
    assert ("anna", "GET /councils/{council_id}") in readers
    assert readers[-1] == ("dpo-ditte", "GET /privacy/subjects/{subject_id}/export")

    page = _export(client, karen, format="html")
    assert page.headers["content-type"].startswith("text/html")
    assert "Indsigt i personoplysninger" in page.text and "Hvem har læst" in page.text
    assert NAMES["r-karen"] in page.text and NAMES["r-bodil"] not in page.text

    log = ok(client.get(f"/councils/{driven.council_id}/access-log", headers=AUDITOR))
    exports = [e for e in log["entries"] if e["endpoint"].endswith("/export")]
    assert [e["subjects"] for e in exports] == [[karen], [karen]]


def test_the_texts_of_a_council_and_of_an_application_are_exported_too(
    client: TestClient, form_council: Former, electorate: Seeder
) -> None:
    driven = drive_council(client, form_council, electorate)
    texts = _export(client, text_subject(driven.council_id)).json()
    meetings = texts["current"]["meetings"]
    assert meetings[0]["agenda"] == [AGENDA] and meetings[0]["minutes"] == MINUTES
    assert {r["type"] for r in texts["recorded"]} == {"MeetingScheduled", "MinutesRecorded"}
    types = {t["event_type"].split(".")[-2] for t in texts["sent_to"]["event_types"]}
    assert types == {"meeting_scheduled", "minutes_recorded"}

    pool_id = ParticipantBudgetPool.create_id(2030)
    application = next(iter(ok(client.get("/pools/2030", headers=ADMIN))["applications"]))
    subject = text_subject(pool_id, application["application_id"])
    found = _export(client, subject).json()
    assert found["aggregate_id"] == str(pool_id)
    assert found["current"]["application"]["activity"] == ACTIVITY
    assert [t["event_type"].split(".")[-2] for t in found["sent_to"]["event_types"]] == [
        "budget_applied"
    ]


def test_an_erased_persons_export_says_when_and_shows_the_name_empty(
    client: TestClient, form_council: Former, electorate: Seeder
) -> None:
    driven = drive_council(client, form_council, electorate)
    member = person_subject(driven.council_id, "citizen-ref-1")
    erase = f"/privacy/subjects/{member}/erase"
    erased = ok(client.post(erase, json={"reason": "data_subject_request"}, headers=OFFICER))

    found = _export(client, member).json()
    assert found["erased"] == {"erased": True, "erased_at": erased["erased_at"]}
    assert [m["name"] for m in found["current"]["members"]] == [None]
    assert found["recorded"] == []  # no stored value of theirs can be opened any more
    types = {t["event_type"].split(".")[-2] for t in found["sent_to"]["event_types"]}
    assert "member_joined" in types  # what was sent before the erasure is still told
    assert MEMBER_NAME not in json.dumps(found, ensure_ascii=False)
    page = _export(client, member, format="html").text
    assert "Personens oplysninger er slettet" in page and MEMBER_NAME not in page


def test_only_the_privacy_officer_exports_and_bad_ids_are_refused(
    client: TestClient, form_council: Former, electorate: Seeder
) -> None:
    driven = drive_council(client, form_council, electorate)
    karen = f"/privacy/subjects/{person_subject(driven.council_id, 'r-karen')}/export"
    assert client.get(karen, headers=AUDITOR).status_code == 403
    assert client.get(karen).status_code == 401
    unknown = f"/privacy/subjects/{person_subject(driven.council_id, 'nobody')}/export"
    r = client.get(unknown, headers=OFFICER)
    assert r.status_code == 404 and r.json()["code"] == "subject_not_found"
    r = client.get("/privacy/subjects/person:not-a-council/export", headers=OFFICER)
    assert r.status_code == 422 and r.json()["code"] == "invalid_subject_id"
    log = ok(client.get(f"/councils/{driven.council_id}/access-log", headers=AUDITOR))
    assert not [e for e in log["entries"] if e["endpoint"].endswith("/export")]


def test_the_command_line_export_is_logged_as_the_operators_read(
    councils_settings: CouncilsSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(create_app(councils_settings)) as client:
        driven = drive_council(client, own_former(client), own_seeder(client))
    monkeypatch.setenv("PKRAFT_COUNCILS_DATABASE_URL", councils_settings.database_url)
    karen = person_subject(driven.council_id, "r-karen")
    args = ["councils", "export-subject", "--subject", karen, "--actor", "ops-olga"]

    done = CliRunner().invoke(pkraft, args)
    assert done.exit_code == 0, done.output
    found = json.loads(done.output)
    assert found["current"]["candidacies"][0]["name"] == NAMES["r-karen"]
    assert found["read_by"][-1]["endpoint"] == "CLI pkraft councils export-subject"
    assert found["read_by"][-1]["roles"] == ["operator"]
    page = CliRunner().invoke(pkraft, [*args, "--html"])
    assert page.exit_code == 0 and NAMES["r-karen"] in page.output
    text = assert_plain_danish(page.output, found)
    assert "ops-olga driftsansvarlig lavede et udtræk til indsigt" in " ".join(text.split())
    unknown = CliRunner().invoke(
        pkraft, ["councils", "export-subject", "--subject", f"{karen}-nobody"]
    )
    assert unknown.exit_code == 1 and "subject_not_found" in unknown.output
