"""The contact person and relatives' involvement reach the read side (SQLite and
PostgreSQL), fed from a real cases store: the share of open cases with a contact person,
the case list's flag and filter, and the share with relatives involved in the last quarter."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from services.cases.application import CasesApplication
from services.cases.domain.case import CollaborationCase
from services.readside.adapters.dashboard_contact_involvement import quarter_start
from services.readside.tests.casefeed import ACTOR, CLOCK, NOW, busy_case, feed, quiet_case
from services.readside.tests.conftest import auth


def _ingestor(client: TestClient):  # type: ignore[no-untyped-def]
    return client.app.state.service.ingestor  # type: ignore[attr-defined]


def test_contact_person_share_flag_and_involvement_in_the_last_quarter(
    client: TestClient, cases: CasesApplication
) -> None:
    busy, quiet = busy_case(cases), quiet_case(cases)
    case: CollaborationCase = cases.repository.get(busy)
    case.assign_contact_person("staff-7", "Mette Holm", ACTOR)
    case.assign_contact_person("staff-9", "Jonas Berg", ACTOR)
    today = NOW.date()
    case.record_involvement(
        "i1", "care_decision", (today - timedelta(days=10)).isoformat(), ["r1"], ACTOR, CLOCK
    )
    case.record_involvement(
        "i2", "effort_planning", (today - timedelta(days=200)).isoformat(), ["r1"], ACTOR, CLOCK
    )
    cases.save(case)
    for _ in range(2):  # a replayed topic counts nothing twice
        feed(cases, _ingestor(client))
    reader = auth("caseworker")

    listed = client.get("/cases", headers=reader).json()["items"]
    assert {c["case_id"]: c["missing_contact_person"] for c in listed} == {
        str(busy): False,
        str(quiet): True,
    }
    missing = client.get("/cases", params={"missing_contact_person": "true"}, headers=reader)
    assert [c["case_id"] for c in missing.json()["items"]] == [str(quiet)]

    board = client.get("/dashboards/municipality", headers=auth("leader")).json()
    coverage = board["contact_person_coverage"]
    assert (coverage["open_cases"], coverage["with_contact_person"], coverage["share"]) == (
        2,
        1,
        0.5,
    )
    involvement = board["involvement_last_quarter"]
    assert (involvement["with_involvement"], involvement["share"]) == (1, 0.5)
    assert involvement["involvements_by_kind"] == {"care_decision": 1}
    skoven = client.get("/dashboards/tilbud/skoven", headers=auth("leader")).json()
    assert skoven["contact_person_coverage"]["share"] == 0.0
    assert skoven["involvement_last_quarter"]["with_involvement"] == 0
    for figure in ("contact_person_coverage", "involvement_last_quarter"):
        chart = client.get(f"/dashboards/municipality/charts/{figure}.svg", headers=auth("leader"))
        assert chart.status_code == 200 and "50%" in chart.text
    timeline = client.get(f"/cases/{busy}", headers=reader).json()["timeline"]
    assert "Jonas" not in str(timeline) and "Mette" not in str(timeline)


def test_the_quarter_is_the_three_months_up_to_today() -> None:
    assert quarter_start(date(2031, 5, 31)) == date(2031, 2, 28)
    assert quarter_start(date(2031, 2, 10)) == date(2030, 11, 10)
