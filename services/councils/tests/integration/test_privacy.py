"""Councils privacy (issue 10): the names given at nomination and appointment, agendas,
minutes and budget texts are not readable at rest; a person is erased by destroying
their key, and the council keeps working; every read of names is in the access log."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from services.councils import bootstrap
from services.councils.application import CouncilsApplication
from services.councils.config import CouncilsSettings
from services.councils.domain.council_privacy import person_subject, text_subject
from services.councils.entrypoints.api import create_app
from services.councils.tests.conftest import ADMIN, LEADER, auth
from services.councils.tests.integration.privacy_flow import (
    ACTIVITY,
    MEMBER_NAME,
    MINUTES,
    NAMES,
    DrivenCouncil,
    Former,
    Seeder,
    drive_council,
    ok,
    own_former,
    own_seeder,
    raw_bytes,
    readable,
)
from shared.eventstore import StoreUrl
from shared.privacy.envelope import MasterKeyError

OFFICER = auth("privacy_officer", "dpo-1")
AUDITOR = auth("auditor", "aud-1")


@pytest.fixture
def snapshotting(councils_settings: CouncilsSettings) -> CouncilsSettings:
    return councils_settings.model_copy(update={"snapshot_interval": 3})


def test_no_name_or_free_text_is_readable_in_the_store(snapshotting: CouncilsSettings) -> None:
    with TestClient(create_app(snapshotting)) as client:
        driven = drive_council(client, own_former(client), own_seeder(client))
        shown = ok(client.get(f"/councils/{driven.council_id}", headers=ADMIN))
        assert MEMBER_NAME in [m["name"] for m in shown["members"]]
    stored = raw_bytes(snapshotting.database_url)
    assert driven.council_id.encode() in stored  # ids stay in clear: the grep reads the store
    assert readable(DrivenCouncil.secrets(), stored) == []


def test_the_check_finds_them_without_the_key_store(
    councils_settings: CouncilsSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: with the plain application every value is found."""

    def plain(settings: CouncilsSettings) -> CouncilsApplication:
        env = StoreUrl.parse(settings.database_url).application_env(cache_size=10)
        return CouncilsApplication(env, snapshot_interval=settings.snapshot_interval)

    monkeypatch.setattr(bootstrap, "build_application", plain)
    with TestClient(create_app(councils_settings)) as client:
        drive_council(client, own_former(client), own_seeder(client))
    stored = raw_bytes(councils_settings.database_url)
    assert readable(DrivenCouncil.secrets(), stored) == DrivenCouncil.secrets()


def test_erasing_a_candidate_keeps_the_council_working(
    client: TestClient, form_council: Former, electorate: Seeder
) -> None:
    driven = drive_council(client, form_council, electorate)
    base = f"/councils/{driven.council_id}"
    karen = person_subject(driven.council_id, "r-karen")
    erase, why = f"/privacy/subjects/{karen}/erase", {"reason": "data_subject_request"}
    assert client.post(erase, json=why, headers=ADMIN).status_code == 403
    erased = ok(client.post(erase, json=why, headers=OFFICER))
    assert erased["erased"] is True and erased["erased_by"] == "dpo-1"
    again = ok(client.post(erase, json=why, headers=OFFICER))
    assert again["erased_at"] == erased["erased_at"]
    assert ok(client.get(f"/privacy/subjects/{karen}", headers=OFFICER))["erased"] is True

    election = ok(client.get(f"{base}/elections/{driven.election_id}", headers=ADMIN))
    assert election["candidate_names"] == {"r-karen": None, "r-bodil": NAMES["r-bodil"]}
    council = ok(client.get(base, headers=ADMIN))
    assert council["erased_subjects"][karen]["erased_at"] == erased["erased_at"]
    # every command still works: vote, count; the elected erased relative has no name
    ev = f"{base}/elections/{driven.election_id}"
    ok(client.post(f"{ev}/open-voting", headers=ADMIN))
    vote = {"voter_id": "r-bodil", "candidate_id": "r-karen"}
    ok(client.post(f"{ev}/votes", json=vote, headers=ADMIN))
    ok(client.post(f"{ev}/close", headers=ADMIN))
    members = {m["person_ref"]: m for m in ok(client.get(f"{base}/members", headers=ADMIN))}
    assert members["r-karen"]["name"] is None
    assert members["r-karen"]["erasure"]["erased_at"] == erased["erased_at"]
    assert members["r-bodil"]["name"] == NAMES["r-bodil"]
    assert members["citizen-ref-1"]["name"] == MEMBER_NAME
    # and a fresh process (no cache, no snapshot) reads the same
    client.app.state.service.app.repository.cache = None  # type: ignore[attr-defined]
    again_members = ok(client.get(f"{base}/members", headers=ADMIN))
    assert {m["person_ref"]: m["name"] for m in again_members}["r-karen"] is None


def test_erasure_answers_404_for_unknown_and_422_for_malformed_ids(client: TestClient) -> None:
    body = {"reason": "data_subject_request"}
    unknown = person_subject("00000000-0000-0000-0000-000000000001", "r-x")
    r = client.post(f"/privacy/subjects/{unknown}/erase", json=body, headers=OFFICER)
    assert r.status_code == 404 and r.json()["code"] == "subject_not_found"
    r = client.post("/privacy/subjects/nonsense/erase", json=body, headers=OFFICER)
    assert r.status_code == 422 and r.json()["code"] == "invalid_subject_id"


def test_every_read_of_names_is_in_the_councils_access_log(
    client: TestClient, form_council: Former, electorate: Seeder
) -> None:
    driven = drive_council(client, form_council, electorate)
    base = f"/councils/{driven.council_id}"
    reader = auth("caseworker", "cw-7")
    ok(client.get(base, headers=reader))
    ok(client.get(f"{base}/members", headers=reader))
    ok(client.get(f"{base}/elections/{driven.election_id}", headers=reader))
    ok(client.get("/councils/by-tilbud/tilbud-privacy", headers=reader))
    assert client.get(f"{base}/access-log", headers=reader).status_code == 403
    page = ok(client.get(f"{base}/access-log", headers=AUDITOR))
    mine = [e for e in page["entries"] if e["actor"] == "cw-7"]
    assert [e["endpoint"] for e in mine] == [
        "GET /councils/{council_id}",
        "GET /councils/{council_id}/members",
        "GET /councils/{council_id}/elections/{election_id}",
        "GET /councils/by-tilbud/{tilbud_id}",
    ]
    assert all(e["case_id"] == driven.council_id for e in mine)
    assert person_subject(driven.council_id, "r-karen") in mine[0]["subjects"]
    assert mine[0]["roles"] == ["caseworker"]
    assert page["total"] == len(page["entries"])
    assert ok(client.get(f"{base}/access-log", headers=OFFICER))["total"] == page["total"]
    rows = client.app.state.access_log.verify()  # type: ignore[attr-defined]
    assert rows.ok and rows.rows == page["total"]


def test_outside_dev_mode_the_service_refuses_to_start_without_its_master_key(
    councils_settings: CouncilsSettings, tmp_path: object
) -> None:
    common = councils_settings.common.model_copy(
        update={"dev_mode": False, "auth_secret": "a-real-secret-of-enough-length-0123456789"}
    )
    settings = councils_settings.model_copy(
        update={"common": common, "master_key_file": f"{tmp_path}/missing.key"}
    )
    with pytest.raises(MasterKeyError, match="PKRAFT_COUNCILS_MASTER_KEY_FILE"):
        bootstrap.build(settings)


def test_a_pools_free_text_is_logged_when_read_and_erasable(
    client: TestClient, form_council: Former, electorate: Seeder
) -> None:
    driven = drive_council(client, form_council, electorate)
    pool = ok(client.get("/pools/2030", headers=ADMIN))
    application = pool["applications"][0]
    assert application["activity"] == ACTIVITY
    log = ok(client.get("/pools/2030/access-log", headers=AUDITOR))
    assert [e["endpoint"] for e in log["entries"]] == ["GET /pools/{year}"]
    subject = text_subject(pool["id"], application["application_id"])
    assert log["entries"][0]["subjects"] == [subject]
    why = {"reason": "data_subject_request"}
    ok(client.post(f"/privacy/subjects/{subject}/erase", json=why, headers=OFFICER))
    after = ok(client.get("/pools/2030", headers=ADMIN))
    assert after["applications"][0]["activity"] is None
    assert subject in after["erased_subjects"]
    grant = client.post(
        f"/pools/2030/applications/{application['application_id']}/grant", json={}, headers=LEADER
    )
    assert grant.status_code == 200, grant.text  # the pool keeps working
    council = ok(client.get(f"/councils/{driven.council_id}", headers=ADMIN))
    assert council["meetings"][0]["minutes"] == MINUTES  # the council's own text is untouched


def test_a_malformed_id_is_refused_before_anything_is_logged(client: TestClient) -> None:
    for path in ("/councils/not-a-uuid", "/councils/not-a-uuid/members", "/pools/1"):
        r = client.get(path, headers=ADMIN)
        assert r.status_code == 422, (path, r.text)
