"""Project rule: a councils route that reads (anything but a command's acknowledgement)
either logs the read in the access log or is named below with the reason why it shows
nothing personal. A new read route fails this test until it is one or the other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.routing import APIRoute, iter_route_contexts

from services.councils.config import CouncilsSettings
from services.councils.entrypoints.api import create_app
from services.councils.entrypoints.schemas import CommandAccepted
from tests.access_log_rules import OPERATIONS, logs_its_read

NOT_PERSONAL = {
    "GET /councils/{council_id}/electorate": "relative ids and a count",
    "GET /councils/{council_id}/upcoming-election": "round, dates, seat names, a count",
    "GET /follow-group": "member ids, person_refs (ids) and roles",
    "GET /councils/{council_id}/access-log": "ids, roles, routes and times",
    "GET /pools/{year}/access-log": "ids, roles, routes and times",
    "GET /pools/{year}/activities": "ids, dates, participant counts and amounts",
    "GET /code-of-conduct": "the programme's published code of conduct, versions and dates",
    "GET /code-of-conduct/acknowledgements": "staff and relative ids, kinds, tilbud, dates",
    "GET /leader-hirings/{centre_id}": "ids, position codes, dates, counts of relatives",
    "GET /training": "session ids, course codes, dates, staff ids and tilbud, counts",
    "GET /privacy/subjects/{subject_id}": "ids, an erasure's time, actor and reason code",
    "POST /privacy/subjects/{subject_id}/erase": "ids, an erasure's time, actor and code",
    "GET /audit/events": "the published events in wire form: ids and codes only",
    "GET /audit/verify": "the store's hash chain: ids, versions, hashes and findings",
    "GET /audit/public-key": "the store's signing public key",
    **OPERATIONS,
}


def _reads(tmp_path: Path) -> list[tuple[str, Any]]:
    app = create_app(CouncilsSettings(database_url=f"sqlite:///{tmp_path}/rule.sqlite"))
    routes = [r for r in iter_route_contexts(app.routes) if isinstance(r.original_route, APIRoute)]
    return [
        (f"{method} {route.path_format}", route)
        for route in routes
        for method in sorted(route.methods)
        if route.response_model is not CommandAccepted
    ]


def test_every_councils_read_is_logged_or_named_as_not_personal(tmp_path: Path) -> None:
    unlogged = [name for name, route in _reads(tmp_path) if not logs_its_read(route.dependant)]
    assert sorted(set(unlogged) - set(NOT_PERSONAL)) == []


def test_the_reads_of_names_and_free_text_are_logged(tmp_path: Path) -> None:
    logged = {name for name, route in _reads(tmp_path) if logs_its_read(route.dependant)}
    assert {
        "GET /councils/{council_id}",
        "GET /councils/by-tilbud/{tilbud_id}",
        "GET /councils/{council_id}/members",
        "GET /councils/{council_id}/elections/{election_id}",
        "GET /pools/{year}",
    } <= logged
