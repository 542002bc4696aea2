"""Registrants are kept until PKRAFT_COMMUNICATION_REGISTRANT_RETENTION_DAYS after their
evening: ``pkraft communication retention`` lists them (ids only), ``--apply`` destroys
their keys, so their name and e-mail read as null and are not readable at rest."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.communication.application.retention import RegistrantRetention
from services.communication.bootstrap import build
from services.communication.config import CommunicationSettings
from services.communication.tests.conftest import Clock

PEOPLE = [("Grethe Ravnsborg", "grethe@example.dk"), ("Ib Kjærsgaard", "ibk@example.dk")]


def _plan(settings: CommunicationSettings, clock: Clock) -> dict[str, list[str]]:
    """An evening on 1 April 2031 with both people, and one on 1 June with one."""
    svc = build(settings, clock=clock)
    ids: dict[str, list[str]] = {}
    try:
        for evening_id, starts_at, people in [
            ("april", "2031-04-01T19:00:00+02:00", PEOPLE),
            ("june", "2031-06-01T19:00:00+02:00", PEOPLE[:1]),
        ]:
            svc.evenings.create(
                "mette",
                evening_id=evening_id,
                title="Økonomi",
                topic="finances",
                organiser="municipality",
                organiser_name="Aarhus Kommune",
                starts_at=starts_at,
                location="Aarhus",
                capacity=5,
            )
            svc.evenings.announce(evening_id, None, "mette")
            ids[evening_id] = [
                svc.evenings.register(evening_id, name, email, "mette").registration_id
                for name, email in people
            ]
    finally:
        svc.close()
    return ids


def _retention(*args: str) -> dict[str, Any]:
    done = CliRunner().invoke(pkraft, ["communication", "retention", *args])
    assert done.exit_code == 0, done.output
    report: dict[str, Any] = json.loads(done.output)
    return report


@pytest.fixture
def env(settings: CommunicationSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PKRAFT_COMMUNICATION_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("PKRAFT_COMMUNICATION_MASTER_KEY_FILE", settings.master_key_file)


def test_registrants_are_forgotten_30_days_after_their_evening(
    settings: CommunicationSettings, clock: Clock, env: None
) -> None:
    ids = _plan(settings, clock)
    assert _retention("--as-of", "2031-05-01T16:00:00+00:00")["due"] == []  # 30 days less 1 h

    dry = _retention("--as-of", "2031-05-02T12:00:00+00:00")
    assert (dry["retention_days"], dry["applied"], dry["registrants"]) == (30, False, 2)
    assert dry["due"] == [
        {
            "evening_id": "april",
            "starts_at": "2031-04-01T19:00:00+02:00",
            "registrations": ids["april"],
        }
    ]
    assert "Grethe" not in json.dumps(dry) and "@" not in json.dumps(dry)
    svc = build(settings, clock=clock)
    try:  # a dry run changes nothing
        assert [r.name for r in svc.evenings.get("april").registrations] == [p[0] for p in PEOPLE]
    finally:
        svc.close()

    done = _retention("--apply", "--as-of", "2031-05-02T12:00:00+00:00")
    assert (done["applied"], done["registrants"]) == (True, 2)
    svc = build(settings, clock=clock)
    try:
        april = svc.evenings.get("april").registrations
        assert [(r.name, r.email, r.status) for r in april] == [(None, None, "registered")] * 2
        june = svc.evenings.get("june").registrations
        assert [(r.name, r.email) for r in june] == [PEOPLE[0]]  # its evening is to come
        with svc.store.transaction() as tx:
            told = {m.recipient_id: m.address for m in tx.messages(limit=100)}
        assert [told[i] for i in ids["april"]] == [None, None]
        assert told[ids["june"][0]] == PEOPLE[0][1]
    finally:
        svc.close()
    assert _retention("--as-of", "2031-05-02T12:00:00+00:00")["due"] == []  # once is enough


def test_as_of_with_apply_is_for_development_only(
    settings: CommunicationSettings, env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PKRAFT_DEV_MODE", "false")
    done = CliRunner().invoke(
        pkraft, ["communication", "retention", "--apply", "--as-of", "2031-05-02"]
    )
    assert done.exit_code == 2 and "development only" in done.output


def test_in_one_process_what_was_forgotten_is_not_due_again(
    settings: CommunicationSettings, clock: Clock
) -> None:
    """The evening cached in memory still holds the names it read; the key store decides."""
    ids = _plan(settings, clock)
    clock.now = datetime(2031, 5, 2, 12, tzinfo=UTC)
    svc = build(settings, clock=clock)
    try:
        svc.evenings.get("april")  # read (and cached) before the keys go
        job = RegistrantRetention(
            svc.evenings.app, svc.store, svc.evenings.follower.erasure, 30, clock
        )
        assert [d.registration_ids for d in job.apply()] == [ids["april"]]
        assert job.due() == []
    finally:
        svc.close()
