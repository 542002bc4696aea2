"""``pkraft communication rotate-master-key``: the registrants' data keys rewrapped under a
new master key; with it their names read as before, with the old one the start fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.communication.bootstrap import build
from services.communication.config import CommunicationSettings
from services.communication.tests.conftest import Clock

PEOPLE = [("Grethe Ravnsborg", "grethe@example.dk"), ("Ib Kjærsgaard", "ibk@example.dk")]


def _signed_up(settings: CommunicationSettings, clock: Clock) -> None:
    svc = build(settings, clock=clock)
    try:
        svc.evenings.create(
            "mette",
            evening_id="april",
            title="Økonomi",
            topic="finances",
            organiser="municipality",
            organiser_name="Aarhus Kommune",
            starts_at="2031-04-01T19:00:00+02:00",
            location="Aarhus",
            capacity=5,
        )
        svc.evenings.announce("april", None, "mette")
        for name, email in PEOPLE:
            svc.evenings.register("april", name, email, "mette")
    finally:
        svc.close()


def _names(settings: CommunicationSettings, clock: Clock) -> list[tuple[str | None, ...]]:
    svc = build(settings, clock=clock)
    try:
        return [(r.name, r.email) for r in svc.evenings.get("april").registrations]
    finally:
        svc.close()


def test_rotation_rewraps_the_registrants_keys(
    settings: CommunicationSettings, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _signed_up(settings, clock)
    monkeypatch.setenv("PKRAFT_COMMUNICATION_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("PKRAFT_COMMUNICATION_MASTER_KEY_FILE", settings.master_key_file)
    new_key = tmp_path / "new-communication.key"

    done = CliRunner().invoke(
        pkraft, ["communication", "rotate-master-key", "--new-key-file", str(new_key)]
    )
    assert done.exit_code == 0, done.output
    assert "rewrapped 2 data keys" in done.output and new_key.exists()
    assert "Grethe" not in done.output

    rotated = settings.model_copy(update={"master_key_file": str(new_key)})
    assert _names(rotated, clock) == PEOPLE
    again = CliRunner().invoke(
        pkraft, ["communication", "rotate-master-key", "--new-key-file", str(new_key)]
    )
    assert "rewrapped 0 data keys" in again.output  # an interrupted run resumes; twice is safe
