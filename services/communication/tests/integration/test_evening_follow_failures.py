"""A follow that fails (here: the key store's database) never turns a stored command into
an error: the command answers, the evening is held and tried again by the next command,
and other evenings' mails go on meanwhile. A sign-up cancelled after the key cache
expired is confirmed (the key read before the follower's transaction: on SQLite it
shares the connection)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.communication.application import evening_follower
from services.communication.application.evening_messages import CONFIRMS_CANCELLATION, trigger
from services.communication.bootstrap import CommunicationService
from services.communication.config import CommunicationSettings
from services.communication.entrypoints.api import create_app
from services.communication.tests.conftest import auth
from services.communication.tests.integration.test_evening_follower import EVENING
from shared.privacy import keystore

COMMS = auth("communications", "mette")
SIGNED_UP = "theme_evening_registration:registered"


@pytest.fixture
def client(settings: CommunicationSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def no_key_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every key read goes to the database, as once the 30 s cache has expired."""
    monkeypatch.setattr(keystore, "_CACHE_SECONDS", 0.0)


def _fail_key_reads(monkeypatch: pytest.MonkeyPatch, when: Callable[[str], bool]) -> list[str]:
    """The key store's database read fails for the subjects ``when`` picks; returns the
    subjects it failed for."""
    failed: list[str] = []
    real = keystore.SubjectKeyStore._row

    def row(self: keystore.SubjectKeyStore, subject_id: str) -> Any:
        if when(subject_id):
            failed.append(subject_id)
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, subject_id)

    monkeypatch.setattr(keystore.SubjectKeyStore, "_row", row)
    return failed


def _evening(client: TestClient, evening_id: str) -> None:
    body = {**EVENING, "evening_id": evening_id, "capacity": 5}
    assert client.post("/theme-evenings", json=body, headers=COMMS).status_code == 201
    assert client.post(f"/theme-evenings/{evening_id}/announce", headers=COMMS).status_code == 200


def _sign_up(client: TestClient, evening_id: str, name: str) -> str:
    person = {"name": name, "email": f"{name.lower()}@example.dk"}
    r = client.post(f"/theme-evenings/{evening_id}/registrations", json=person, headers=COMMS)
    assert r.status_code == 201
    return str(r.json()["registration_id"])


def _count(service: CommunicationService, rule: str, evening_id: str) -> int:
    with service.store.transaction() as tx:
        return tx.count_messages(rule, trigger(evening_id))


@pytest.mark.usefixtures("no_key_cache")
def test_a_sign_up_cancelled_after_the_key_cache_expired_is_confirmed(
    client: TestClient, service: CommunicationService
) -> None:
    _evening(client, "qa-te-3")
    reg = _sign_up(client, "qa-te-3", "Xena")
    gone = client.delete(f"/theme-evenings/qa-te-3/registrations/{reg}", headers=COMMS)
    assert gone.status_code == 204
    assert _count(service, CONFIRMS_CANCELLATION, "qa-te-3") == 1
    assert service.evenings.follower.held() == {}


@pytest.mark.usefixtures("no_key_cache")
def test_a_follow_that_failed_once_is_done_by_the_next_command(
    client: TestClient, service: CommunicationService, monkeypatch: pytest.MonkeyPatch
) -> None:
    _evening(client, "ev-a")
    _evening(client, "ev-b")
    reg = _sign_up(client, "ev-a", "Xena")
    failures = evening_follower.FAILURES._value.get()
    failed = _fail_key_reads(monkeypatch, lambda subject: not failed)  # the next read only

    gone = client.delete(f"/theme-evenings/ev-a/registrations/{reg}", headers=COMMS)
    assert gone.status_code == 204  # stored, and answered so
    assert failed and evening_follower.FAILURES._value.get() == failures + 1
    assert _count(service, CONFIRMS_CANCELLATION, "ev-a") == 0
    assert len(service.evenings.follower.held()) == 1
    version = client.get("/theme-evenings/ev-a", headers=COMMS).json()["version"]
    assert version == 4  # planned, announced, signed up, cancelled

    _sign_up(client, "ev-b", "Yrsa")  # another evening's command: 201, the retry first
    assert _count(service, CONFIRMS_CANCELLATION, "ev-a") == 1
    assert _count(service, SIGNED_UP, "ev-b") == 1
    assert service.evenings.follower.held() == {}


@pytest.mark.usefixtures("no_key_cache")
def test_an_evening_that_keeps_failing_holds_only_its_own_mails(
    service: CommunicationService, monkeypatch: pytest.MonkeyPatch
) -> None:
    evenings = service.evenings
    for evening_id in ("ev-a", "ev-b"):
        evenings.create("mette", **{**EVENING, "evening_id": evening_id, "capacity": 5})
        evenings.announce(evening_id, 1, "mette")
    anna = evenings.register("ev-a", "Anna", "anna@example.dk", "mette")
    failing = True
    anna_key = f"registrant:ev-a:{anna.registration_id}"
    _fail_key_reads(monkeypatch, lambda subject: failing and subject == anna_key)

    evenings.cancel_registration("ev-a", anna.registration_id, "mette")  # no error
    evenings.register("ev-b", "Bo", "bo@example.dk", "mette")
    evenings.register("ev-a", "Cia", "cia@example.dk", "mette")  # waits behind the failed one
    assert _count(service, SIGNED_UP, "ev-b") == 1
    assert _count(service, SIGNED_UP, "ev-a") == 1  # Anna's; Cia's waits, in order
    assert _count(service, CONFIRMS_CANCELLATION, "ev-a") == 0
    assert len(evenings.follower.held()) == 1
    assert evening_follower.HELD_EVENINGS._value.get() == 1

    failing = False  # the cause mended: the next catch-up does what waited, once
    evenings.follower.catch_up()
    evenings.follower.catch_up()
    assert _count(service, CONFIRMS_CANCELLATION, "ev-a") == 1
    assert _count(service, SIGNED_UP, "ev-a") == 2
    assert evenings.follower.held() == {}
    assert evening_follower.HELD_EVENINGS._value.get() == 0
