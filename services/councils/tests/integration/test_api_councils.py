"""The councils API on both stores: forming, members, elections, errors and roles."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from services.councils.tests.conftest import ADMIN, AGREEMENT, FRAME, auth

READER = auth("caseworker")


def test_form_a_council_and_read_it(client: TestClient, form_council: Callable[..., str]) -> None:
    council_id = form_council()
    r = client.get(f"/councils/{council_id}", headers=READER)
    assert r.status_code == 200
    body = r.json()
    assert r.headers["ETag"] == '"1"'
    assert body["kind"] == "relatives_council"
    assert body["members"][0]["kind"] == "ex_officio"
    assert body["upcoming_election"]["seats_up"] == ["R1", "R2", "R3", "R4"]
    assert client.get("/councils/by-tilbud/tilbud-1", headers=READER).json()["id"] == council_id


def test_bad_input_answers_with_a_stable_code(
    client: TestClient, form_council: Callable[..., str]
) -> None:
    body = {
        "tilbud_id": "t-x",
        "kind": "relatives_council",
        "frame": FRAME,
        "seats": {"relatives": 4, "citizens": 0, "staff": 0},
        "agreement": AGREEMENT,
    }
    r = client.post("/councils", json=body, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (422, "seats_below_ex_officio")
    council_id = form_council()
    r = client.post(
        "/councils",
        json={**body, "tilbud_id": "tilbud-1", "seats": {"relatives": 2}},
        headers=ADMIN,
    )
    assert (r.status_code, r.json()["code"]) == (409, "council_exists")
    r = client.get("/councils/00000000-0000-0000-0000-000000000000", headers=READER)
    assert (r.status_code, r.json()["code"]) == (404, "council_not_found")
    r = client.post(
        f"/councils/{council_id}/frame", json=FRAME, headers={**ADMIN, "If-Match": '"7"'}
    )
    assert (r.status_code, r.json()["code"]) == (409, "version_conflict")
    assert r.json()["details"]["current_version"] == 1


def test_roles_admin_writes_everyone_authenticated_reads(
    client: TestClient, form_council: Callable[..., str]
) -> None:
    council_id = form_council()
    r = client.post(f"/councils/{council_id}/frame", json=FRAME, headers=READER)
    assert r.status_code == 403
    assert client.get(f"/councils/{council_id}").status_code == 401


def test_elections_through_the_api(
    client: TestClient,
    form_council: Callable[..., str],
    electorate: Callable[[str, list[str]], None],
) -> None:
    electorate("tilbud-1", ["ann", "bo", "cai", "dea", "eva", "finn"])
    council_id = form_council(relatives=2)
    r = client.get(f"/councils/{council_id}/electorate", headers=READER)
    assert r.json()["size"] == 6
    base = f"/councils/{council_id}/elections"
    election_id = client.post(base, json={"held_on": "2030-03-01"}, headers=ADMIN).json()["result"]
    r = client.post(f"{base}/{election_id}/candidates", json={"relative_id": "zed"}, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (422, "candidate_not_in_electorate")
    for who in ("ann", "bo", "cai"):
        client.post(f"{base}/{election_id}/candidates", json={"relative_id": who}, headers=ADMIN)
    client.post(f"{base}/{election_id}/open-voting", headers=ADMIN)
    vote = {"voter_id": "dea", "candidate_id": "bo"}
    assert client.post(f"{base}/{election_id}/votes", json=vote, headers=ADMIN).status_code == 200
    r = client.post(f"{base}/{election_id}/votes", json=vote, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (422, "already_voted")
    r = client.post(
        f"{base}/{election_id}/votes", json={"voter_id": "zed", "candidate_id": "bo"}, headers=ADMIN
    )
    assert (r.status_code, r.json()["code"]) == (422, "voter_not_in_electorate")
    during = client.get(f"{base}/{election_id}", headers=READER).json()
    assert during["tally"] is None and during["votes_cast"] == 1
    result = client.post(f"{base}/{election_id}/close", headers=ADMIN).json()["result"]
    assert result["elected"][0]["relative_id"] == "bo"
    assert result["elected"][0]["term_years"] == 4
    assert len(result["substitutes"]) == 1
    members = client.get(f"/councils/{council_id}/members", headers=READER).json()
    assert {m["person_ref"] for m in members if m["kind"] == "relative"} == {
        e["relative_id"] for e in result["elected"]
    }
    upcoming = client.get(f"/councils/{council_id}/upcoming-election", headers=READER).json()
    assert upcoming["seats_up"] == ["R2"] and upcoming["due_on"] == "2032-03-01"
    assert upcoming["electorate_size"] == 6
    # a resignation lets the first substitute step in
    bo = next(m for m in members if m["person_ref"] == "bo")
    r = client.post(
        f"/councils/{council_id}/members/{bo['member_id']}/resign",
        json={"on": "2031-01-01"},
        headers=ADMIN,
    )
    assert r.status_code == 200, r.text
    members = client.get(f"/councils/{council_id}/members", headers=READER).json()
    assert result["substitutes"][0] in {m["person_ref"] for m in members}


def test_appointments_and_meetings(client: TestClient, form_council: Callable[..., str]) -> None:
    council_id = form_council(
        kind="resident_relatives_council", seats={"relatives": 2, "citizens": 1, "staff": 1}
    )
    r = client.post(
        f"/councils/{council_id}/members",
        json={"kind": "citizen", "person_ref": "citizen-1", "term_start": "2030-02-01"},
        headers=ADMIN,
    )
    assert r.status_code == 201, r.text
    r = client.post(
        f"/councils/{council_id}/members",
        json={"kind": "citizen", "person_ref": "citizen-2", "term_start": "2030-02-01"},
        headers=ADMIN,
    )
    assert (r.status_code, r.json()["code"]) == (422, "no_free_seat")
    r = client.post(
        f"/councils/{council_id}/meetings",
        json={"kind": "council_meeting", "at": "2030-04-01T17:00:00+02:00", "agenda": ["Valg"]},
        headers=ADMIN,
    )
    meeting_id = r.json()["result"]
    r = client.post(
        f"/councils/{council_id}/meetings/{meeting_id}/minutes",
        json={"minutes": "Referat", "attendees": ["citizen-1", "dept-1"]},
        headers=ADMIN,
    )
    assert r.status_code == 200, r.text
    meeting = client.get(f"/councils/{council_id}", headers=READER).json()["meetings"][0]
    assert meeting["attendees"] == ["citizen-1", "dept-1"]
