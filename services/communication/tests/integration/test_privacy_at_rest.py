"""A theme-evening registrant's name and e-mail are not readable at rest: sealed per
sign-up in the evening's events and in the messages queued to them; a cancelled sign-up's
key is destroyed, so its fields read as null (docs/privacy.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.communication.adapters.registrant_keys import RegistrantKeys
from services.communication.adapters.sealed_evenings import RegistrantSealer
from services.communication.bootstrap import build
from services.communication.config import CommunicationSettings
from services.communication.entrypoints.api import create_app
from services.communication.tests.conftest import auth
from shared.config import CommonSettings
from shared.privacy.envelope import MasterKeyError
from tests.stored_bytes import raw_bytes

COMMS = auth("communications")
EVENING = {
    "evening_id": "ev-at-rest",
    "title": "Økonomi",
    "topic": "finances",
    "organiser": "municipality",
    "organiser_name": "Aarhus Kommune",
    "starts_at": "2031-03-04T18:00:00+01:00",
    "location": "Aarhus",
    "capacity": 1,
}
PEOPLE = [("Grethe Ravnsborg", "grethe.ravnsborg@example.dk"), ("Ib Kjærsgaard", "ibk@example.dk")]
SECRETS = [value for person in PEOPLE for value in person]


def readable(secrets: list[str], stored: bytes) -> list[str]:
    """The secrets found in the stored bytes, as UTF-8 or as JSON writes them (æ: \\u00e6)."""
    forms = {s: (s.encode(), json.dumps(s)[1:-1].encode()) for s in secrets}
    return [s for s in secrets if any(form in stored for form in forms[s])]


def sign_up_and_cancel_one(client: TestClient) -> list[str]:
    """Two sign-ups (a seat, the waiting list); the first cancels, the second moves up."""
    assert client.post("/theme-evenings", json=EVENING, headers=COMMS).status_code == 201
    assert client.post("/theme-evenings/ev-at-rest/announce", headers=COMMS).status_code == 200
    ids = []
    for name, email in PEOPLE:
        r = client.post(
            "/theme-evenings/ev-at-rest/registrations",
            json={"name": name, "email": email},
            headers=auth("integration"),
        )
        assert r.status_code == 201
        ids.append(r.json()["registration_id"])
    r = client.delete(f"/theme-evenings/ev-at-rest/registrations/{ids[0]}", headers=COMMS)
    assert r.status_code == 204
    return ids


def test_no_registrant_name_or_email_is_readable_in_the_store(
    settings: CommunicationSettings,
) -> None:
    with TestClient(create_app(settings)) as client:
        sign_up_and_cancel_one(client)
        service = client.app.state.service  # type: ignore[attr-defined]
        evening = service.evenings.get("ev-at-rest")
        # The service reads the live sign-up; the cancelled one reads as nobody.
        assert [(r.name, r.email, r.status) for r in evening.registrations] == [
            (None, None, "cancelled"),
            (*PEOPLE[1], "registered"),
        ]
        with service.store.transaction() as tx:
            told = [m for m in tx.messages() if m.recipient_type == "registrant"]
        # Both are told; the cancelled one's key goes once the confirmation of the
        # cancellation is sent (test_sign_up_cancelled_mail.py). Sealed at rest meanwhile.
        assert {m.address for m in told} == {PEOPLE[0][1], PEOPLE[1][1]}
        assert {json.loads(m.context)["name"] for m in told} == {PEOPLE[0][0], PEOPLE[1][0]}
    stored = raw_bytes(settings.database_url)
    assert b"ev-at-rest" in stored  # ids stay in clear: the grep reads the store
    assert readable(SECRETS, stored) == []


def test_the_check_finds_them_when_nothing_is_sealed(
    settings: CommunicationSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: with sealing switched off every name and address is found, so the
    test above would fail if the fields were kept in plain text."""
    for sealing in (RegistrantKeys, RegistrantSealer):
        monkeypatch.setattr(sealing, "seal", lambda self, e, r, f, value: value)
        monkeypatch.setattr(sealing, "destroy", lambda self, e, r, reason: None)
    with TestClient(create_app(settings)) as client:
        sign_up_and_cancel_one(client)
    assert readable(SECRETS, raw_bytes(settings.database_url)) == SECRETS


def test_outside_dev_mode_the_service_refuses_to_start_without_its_master_key(
    store_url: str, tmp_path: Path
) -> None:
    prod = CommonSettings(
        dev_mode=False,
        auth_secret="a-real-secret-of-sufficient-length-0123",
        var_dir=tmp_path / "var",
    )
    settings = CommunicationSettings(database_url=store_url, common=prod)
    with pytest.raises(MasterKeyError, match="PKRAFT_COMMUNICATION_MASTER_KEY_FILE"):
        build(settings)
    assert not (tmp_path / "var").exists()

    key = tmp_path / "k.key"
    dev = CommunicationSettings(database_url=store_url, master_key_file=str(key))
    build(dev).close()  # dev mode makes the key on first start
    assert key.exists()
