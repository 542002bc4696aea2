"""The read API on a real store (SQLite and PostgreSQL), fed from a real cases store."""

from __future__ import annotations

import threading
import time

from fastapi.testclient import TestClient

from services.cases.application import CasesApplication
from services.readside.tests.casefeed import busy_case, feed, quiet_case
from services.readside.tests.conftest import auth


def _ingestor(client: TestClient):  # type: ignore[no-untyped-def]
    return client.app.state.service.ingestor  # type: ignore[attr-defined]


def test_case_list_filters_find_the_cases_that_need_attention(
    client: TestClient, cases: CasesApplication
) -> None:
    busy, quiet = busy_case(cases), quiet_case(cases)
    feed(cases, _ingestor(client))
    reader = auth("caseworker")

    def ids(**params: object) -> list[str]:
        r = client.get("/cases", params=params, headers=reader)
        assert r.status_code == 200, r.text
        return [c["case_id"] for c in r.json()["items"]]

    assert ids() == [str(busy), str(quiet)]  # highest level first
    assert ids(tilbud_id="skoven") == [str(quiet)]
    assert ids(level=4) == [str(busy)]
    assert ids(leader_required=True) == [str(busy)]
    assert ids(overdue_first_contact=True) == [str(busy)]
    assert ids(open_complaints=False) == [str(quiet)]
    assert ids(move_in_conversation_missing=True) == [str(quiet)]
    assert ids(missing_plan=True) == [str(busy)]  # escalated by the system, no plan yet
    page = client.get("/cases", params={"limit": 1, "offset": 1}, headers=reader).json()
    assert page["total"] == 2 and [c["case_id"] for c in page["items"]] == [str(quiet)]
    assert client.get("/cases", params={"level": 9}, headers=reader).json()["code"] == (
        "invalid_request"
    )


def test_case_detail_has_state_and_a_timeline_without_personal_data(
    client: TestClient, cases: CasesApplication
) -> None:
    busy = busy_case(cases)
    feed(cases, _ingestor(client))
    r = client.get(f"/cases/{busy}", headers=auth("leader"))
    assert r.status_code == 200 and r.headers["ETag"] == '"13"'
    case = r.json()
    assert case["level"] == 4 and case["overdue_first_contacts"] == 1
    assert case["relatives"][0]["consents"] == ["invite_to_meetings", "share_information"]
    assert [c["overdue"] for c in case["complaints"]] == [True, False]
    assert [e["version"] for e in case["timeline"]] == list(range(1, 14))
    added = next(e for e in case["timeline"] if e["type"] == "relative_added")
    assert "display_name" not in added["data"] and "channels" not in added["data"]
    assert "Bodil" not in r.text and "b@example.dk" not in r.text
    assert client.get(f"/cases/{busy}", headers=auth("integration")).status_code == 403
    unknown = client.get("/cases/00000000-0000-0000-0000-000000000000", headers=auth("leader"))
    assert unknown.status_code == 404 and unknown.json()["code"] == "case_not_found"


def test_min_version_waits_for_the_projection_then_gives_up_clearly(
    client: TestClient, cases: CasesApplication
) -> None:
    quiet = quiet_case(cases)
    ingestor = _ingestor(client)
    position = feed(cases, ingestor)
    case = cases.repository.get(quiet)
    case.assess_level(2, ["dissatisfaction"], "Calls", "anna")
    cases.save(case)
    late = threading.Timer(0.1, lambda: feed(cases, ingestor, after=position))
    late.start()
    started = time.monotonic()
    r = client.get(f"/cases/{quiet}", params={"min_version": 3}, headers=auth("leader"))
    late.join()
    assert r.status_code == 200 and r.json()["version"] == 3
    assert time.monotonic() - started >= 0.09
    behind = client.get(f"/cases/{quiet}", params={"min_version": 9}, headers=auth("leader"))
    assert behind.status_code == 503
    assert behind.json()["code"] == "projection_behind"
    assert behind.json()["details"]["projected_version"] == 3


def test_dashboards_show_the_programme_figures_as_json_and_charts(
    client: TestClient, cases: CasesApplication
) -> None:
    busy_case(cases)
    quiet_case(cases)
    feed(cases, _ingestor(client))
    board = client.get("/dashboards/municipality", headers=auth("follow_group")).json()
    month = board["cases_per_level"]["months"][-1]
    assert board["cases_per_level"]["series"]["level 4"][-1] == 1, month
    assert board["cases_per_level"]["series"]["level 1"][-1] == 1
    assert board["escalations_per_month"]["series"]["escalation"] == [2]
    assert board["incidents_by_kind"] == {"threat": 1}
    assert board["complaints"]["share_within_24h"] == 0.5
    assert board["move_in_conversations"] == {
        "moved_in": 1,
        "conversation_before_move_in": 1,
        "share": 1.0,
    }
    assert board["consent_coverage"]["by_scope"]["share_information"]["share"] == 1.0
    lyngen = client.get("/dashboards/tilbud/skoven", headers=auth("leader")).json()
    assert lyngen["incidents_by_kind"] == {} and lyngen["complaints"]["received"] == 0
    svg = client.get("/dashboards/municipality/charts/cases_per_level.svg", headers=auth("leader"))
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in svg.text and "level 4" in svg.text
    missing = client.get("/dashboards/municipality/charts/nope.svg", headers=auth("leader"))
    assert missing.status_code == 404 and missing.json()["code"] == "unknown_figure"
    assert client.get("/dashboards/municipality", headers=auth("integration")).status_code == 403


def test_rebuild_switches_to_new_tables_with_the_same_answers(
    client: TestClient, cases: CasesApplication
) -> None:
    from services.readside.adapters.rebuild import projection_position, rebuild

    busy = busy_case(cases)
    quiet_case(cases)
    feed(cases, _ingestor(client))
    before = client.get("/cases", headers=auth("leader")).json()
    detail = client.get(f"/cases/{busy}", headers=auth("leader")).json()
    board = client.get("/dashboards/municipality", headers=auth("leader")).json()
    db = client.app.state.service.db  # type: ignore[attr-defined]
    seen: list[tuple[int, int]] = []
    result = rebuild(db, batch_size=5, progress=lambda done, total: seen.append((done, total)))
    assert (result.previous_generation, result.generation, result.events) == (1, 2, 15)
    assert seen[-1] == (15, 15)
    assert projection_position(db) == (2, 15)
    assert client.get("/cases", headers=auth("leader")).json() == before
    # the detail is read from the new tables (the old ones are gone), at its version too
    assert client.get(f"/cases/{busy}", headers=auth("leader")).json() == detail
    waited = client.get(f"/cases/{busy}?min_version=13", headers=auth("leader"))
    assert waited.json() == detail
    again = client.get("/dashboards/municipality", headers=auth("leader")).json()
    assert {k: v for k, v in again.items() if k != "as_of"} == {
        k: v for k, v in board.items() if k != "as_of"
    }


def test_events_arriving_during_a_rebuild_are_in_the_new_tables(
    client: TestClient, cases: CasesApplication
) -> None:
    from services.readside.adapters.rebuild import rebuild

    busy_case(cases)
    ingestor = _ingestor(client)
    position = feed(cases, ingestor)
    quiet = quiet_case(cases)
    calls: list[int] = []

    def meanwhile(done: int, total: int) -> None:
        if not calls:
            feed(cases, ingestor, after=position)  # the live consumer keeps writing
        calls.append(done)

    result = rebuild(client.app.state.service.db, batch_size=4, progress=meanwhile)  # type: ignore[attr-defined]
    assert result.events == 15
    listed = client.get("/cases", params={"tilbud_id": "skoven"}, headers=auth("leader")).json()
    assert [c["case_id"] for c in listed["items"]] == [str(quiet)]


def test_the_timeline_pages_back_through_a_long_case(
    client: TestClient, cases: CasesApplication
) -> None:
    busy = busy_case(cases)
    feed(cases, _ingestor(client))
    detail = client.get(f"/cases/{busy}", params={"timeline_limit": 3}, headers=auth("leader"))
    assert [e["version"] for e in detail.json()["timeline"]] == [11, 12, 13]
    url = f"/cases/{busy}/timeline"
    first = client.get(url, params={"limit": 5}, headers=auth("leader")).json()
    assert [e["version"] for e in first["items"]] == [13, 12, 11, 10, 9]
    rest = client.get(
        url, params={"limit": 10, "before_seq": first["next_before_seq"]}, headers=auth("leader")
    ).json()
    assert [e["version"] for e in rest["items"]] == [8, 7, 6, 5, 4, 3, 2, 1]
    assert rest["next_before_seq"] is None
    none = client.get(
        "/cases/00000000-0000-0000-0000-000000000000/timeline", headers=auth("leader")
    )
    assert none.status_code == 404
