"""Reads of theme-evening registrants' names are in the communication access log
(``shared.privacy.access``, table ``pkraft_access_log`` made by r0005): one row per read
before it is answered, naming every registrant it showed; none for a refused read; 503
``access_log_unavailable`` instead of an unlogged answer. The rows cannot be changed or
deleted, and a database at r0004 gets the log on ``migrate``. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from services.communication.adapters.schema import MIGRATIONS, migrate
from services.communication.config import CommunicationSettings
from services.communication.entrypoints.api import create_app
from services.communication.tests.conftest import auth
from services.communication.tests.integration.test_api_signups import COMMS, PEOPLE
from services.communication.tests.integration.test_api_signups import (
    _evening_with_sign_ups as evening_with_sign_ups,
)
from shared import migrations
from shared.eventstore import StoreUrl
from shared.privacy.access_log import AccessEntry, AccessLog
from shared.sqldb import Database

LIST = "GET /theme-evenings/{evening_id}/sign-ups"
ONE = "GET /theme-evenings/{evening_id}/sign-ups/{registration_id}"


@pytest.fixture
def client(settings: CommunicationSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def _db(client: TestClient) -> Database:
    return client.app.state.service.store.db  # type: ignore[attr-defined,no-any-return]


def _rows(client: TestClient) -> list[AccessEntry]:
    log = AccessLog(_db(client))
    return [e for e in log.for_case("oekonomi", limit=1000)]


def _subject(registration_id: str) -> str:
    return f"registrant:oekonomi:{registration_id}"


def test_each_read_is_one_row_naming_every_registrant_shown(client: TestClient) -> None:
    ids = evening_with_sign_ups(client)  # the first cancelled: not listed
    assert client.get("/theme-evenings/oekonomi/sign-ups", headers=COMMS).status_code == 200
    page = client.get("/theme-evenings/oekonomi/sign-ups?limit=1&offset=2", headers=COMMS)
    assert [s["name"] for s in page.json()["items"]] == ["Bodil Hansen"]
    one = client.get(f"/theme-evenings/oekonomi/sign-ups/{ids[2]}", headers=COMMS)
    assert one.json()["name"] == "Søren Holm"

    rows = _rows(client)
    assert [(e.endpoint, e.actor, e.roles, e.case_id) for e in rows] == [
        (LIST, "mette", ["communications"], "oekonomi"),
        (LIST, "mette", ["communications"], "oekonomi"),
        (ONE, "mette", ["communications"], "oekonomi"),
    ]
    assert [e.subjects for e in rows] == [
        sorted(_subject(i) for i in ids[1:]),
        [_subject(ids[3])],
        [_subject(ids[2])],
    ]
    assert all(e.read_at and e.correlation_id for e in rows)
    # Each registrant shown finds that read among their own rows, once per read.
    log = AccessLog(_db(client))
    assert [len(log.for_subject(_subject(i))) for i in ids] == [0, 1, 2, 2]
    assert AccessLog(_db(client)).verify().ok
    with _db(client).read() as tx:  # ids, roles, routes and times: no name, no address
        stored = str(tx.all("SELECT * FROM pkraft_access_log"))
    assert not any(p in stored for person in PEOPLE for p in person)


def test_a_refused_read_writes_nothing(client: TestClient) -> None:
    ids = evening_with_sign_ups(client)
    assert (
        client.get("/theme-evenings/oekonomi/sign-ups", headers=auth("leader")).status_code == 403
    )
    assert client.get("/theme-evenings/nope/sign-ups", headers=COMMS).status_code == 404
    assert client.get("/theme-evenings/oekonomi/sign-ups?limit=0", headers=COMMS).status_code == 422
    gone = client.get(f"/theme-evenings/oekonomi/sign-ups/{ids[0]}", headers=COMMS)
    assert gone.status_code == 404
    empty = client.get("/theme-evenings/oekonomi/sign-ups?offset=9", headers=COMMS)
    assert empty.json()["items"] == []  # nobody shown
    assert _rows(client) == []


def test_the_rows_cannot_be_changed_or_deleted(client: TestClient) -> None:
    evening_with_sign_ups(client)
    assert client.get("/theme-evenings/oekonomi/sign-ups", headers=COMMS).status_code == 200
    for change in ("UPDATE pkraft_access_log SET actor = 'x'", "DELETE FROM pkraft_access_log"):
        with pytest.raises(Exception, match="append-only"), _db(client).write() as tx:
            tx.run(change)
    assert [e.actor for e in _rows(client)] == ["mette"]


def test_when_the_log_cannot_be_written_no_name_is_served(client: TestClient) -> None:
    ids = evening_with_sign_ups(client)
    with _db(client).write() as tx:
        tx.run("DROP TABLE pkraft_access_log")
    for path in (
        "/theme-evenings/oekonomi/sign-ups",
        f"/theme-evenings/oekonomi/sign-ups/{ids[1]}",
    ):
        r = client.get(path, headers=COMMS)
        assert (r.status_code, r.json()["code"]) == (503, "access_log_unavailable")
        assert "Ib Kjærsgaard" not in r.text
    spec = client.get("/openapi.json").json()["paths"]
    for path in (
        "/theme-evenings/{evening_id}/sign-ups",
        "/theme-evenings/{evening_id}/sign-ups/{registration_id}",
    ):
        assert "503" in spec[path]["get"]["responses"]


def _back_to_r0004(db: Database) -> None:
    """The database as r0004 left it: no access log (r0005 adds only that)."""
    with db.write() as tx:
        tx.run("DROP TABLE pkraft_access_log")
        if tx.postgres:
            tx.run("DROP FUNCTION pkraft_access_log_append_only()")
        tx.run(f"UPDATE {migrations.VERSION_TABLE} SET version_num = 'r0004'")


def test_a_database_at_r0004_gets_the_log_on_migrate(
    settings: CommunicationSettings, store_url: str
) -> None:
    with TestClient(create_app(settings)) as client:
        evening_with_sign_ups(client)
        _back_to_r0004(_db(client))
    assert migrations.current(store_url, MIGRATIONS) == "r0004"
    assert migrate(StoreUrl.parse(store_url)) == ("r0004", "r0005")
    assert migrations.head(MIGRATIONS) == "r0005"
    with TestClient(create_app(settings)) as client:
        read = client.get("/theme-evenings/oekonomi/sign-ups", headers=COMMS)
        assert [s["name"] for s in read.json()["items"]] == [
            "Ib Kjærsgaard", "Søren Holm", "Bodil Hansen"
        ]  # fmt: skip
        assert [len(e.subjects) for e in _rows(client)] == [3]
        with pytest.raises(Exception, match="append-only"), _db(client).write() as tx:
            tx.run("DELETE FROM pkraft_access_log")
