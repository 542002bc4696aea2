"""Project rule: a communication route that reads either logs the read in the access log
(``shared.privacy.access``) or is named below with the reason why it shows nothing
personal. A new read route fails this test until it is one or the other."""

from __future__ import annotations

from pathlib import Path

from fastapi.routing import APIRoute

from services.communication.config import CommunicationSettings
from services.communication.entrypoints.api import create_app
from tests.access_log_rules import OPERATIONS, logs_its_read

NOT_PERSONAL = {
    "GET /cases/{case_id}/messages": "message log: ids, kinds, subject lines, states, times",
    "GET /cases/{case_id}/relatives/{relative_id}/messages": "the same for one relative",
    "GET /messages/{message_id}": "one line of the message log (no address, no body)",
    "GET /cases/{case_id}/relatives/{relative_id}/preferences": "channel kinds and codes",
    "GET /newsletters": "subjects, tilbud ids, staff ids and times",
    "GET /theme-evenings": "evenings: titles, times, places, seat counts",
    "GET /theme-evenings/{evening_id}": "one evening: no registrant's name or e-mail",
    "GET /survey-rounds": "tilbud, years and counts",
    "GET /survey-rounds/{tilbud_id}/{year}": "one round's counts",
    **OPERATIONS,
}


def test_every_read_is_logged_or_named_as_not_personal(tmp_path: Path) -> None:
    settings = CommunicationSettings(
        database_url=f"sqlite:///{tmp_path}/rule.sqlite",
        master_key_file=str(tmp_path / "communication-master.key"),
    )
    reads = {
        f"GET {route.path_format}": route
        for route in create_app(settings).routes
        if isinstance(route, APIRoute) and "GET" in (route.methods or set())
    }
    logged = {name for name, route in reads.items() if logs_its_read(route.dependant)}
    assert logged == {
        "GET /theme-evenings/{evening_id}/sign-ups",
        "GET /theme-evenings/{evening_id}/sign-ups/{registration_id}",
    }
    assert sorted(set(reads) - logged - set(NOT_PERSONAL)) == []
