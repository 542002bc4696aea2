"""Project rule: a cases route whose answer can carry personal data logs the read.

A response model "can carry personal data" when it has a field named like a personal
field of the case events (services/cases/adapters/personal.py), when it takes fields it
does not declare (``extra="allow"``), or when it has a field of free shape (``dict``,
``Any``), at any depth. Such a route must depend on the access-log dependency
(``services/cases/entrypoints/access.py``), or be named below with the reason why not.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel

from services.cases.adapters.personal import PERSONAL_FIELDS
from services.cases.config import CasesSettings
from services.cases.entrypoints.access import is_logged_read
from services.cases.entrypoints.api import create_app

# Routes whose answer has a free shape but holds no personal data, and why.
NOT_PERSONAL = {
    "GET /audit/events": "the events as the relay publishes them: ids and codes only",
    "GET /catalogue/staircase": "reference data: the staircase catalogue",
    "GET /privacy/subjects/{subject_id}": "ids, an erasure's time, actor and reason code",
    "POST /privacy/subjects/{subject_id}/erase": "ids, an erasure's time, actor and code",
}


def _personal_names() -> set[str]:
    names = set()
    for spec in PERSONAL_FIELDS.values():
        for personal in spec.personal:
            for part in personal.path.replace("[]", "").split("."):
                if part and part != "*":
                    names.add(part)
    return names


def _free(annotation: Any) -> bool:
    if annotation is Any or annotation is dict:
        return True
    origin = typing.get_origin(annotation)
    if origin is dict:
        return any(_free(a) for a in typing.get_args(annotation)[1:])
    if origin in (list, tuple, typing.Union, types.UnionType):
        return any(_free(a) for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _carries(annotation, _personal_names())
    return False


def _carries(model: type[BaseModel], personal: set[str]) -> bool:
    if model.model_config.get("extra") == "allow":
        return True
    return any(
        name in personal or _free(field.annotation) for name, field in model.model_fields.items()
    )


def _returns_personal(route: Any) -> bool:
    answer = route.response_model
    return answer is not None and _free(answer)


def _logs(dependant: Any) -> bool:
    return any(
        (d.call is not None and is_logged_read(d.call)) or _logs(d) for d in dependant.dependencies
    )


def _routes(tmp_path: Path) -> list[Any]:
    """Every route of the cases app (routers are included lazily: their effective routes)."""
    app = create_app(CasesSettings(database_url=f"sqlite:///{tmp_path}/rule.sqlite"))
    found = [r for r in iter_route_contexts(app.routes) if isinstance(r.original_route, APIRoute)]
    assert len(found) > 20
    return found


def test_every_route_that_can_answer_personal_data_logs_the_read(tmp_path: Path) -> None:
    unlogged = [
        f"{method} {route.path_format}"
        for route in _routes(tmp_path)
        for method in sorted(route.methods)
        if _returns_personal(route)
        and not _logs(route.dependant)
        and f"{method} {route.path_format}" not in NOT_PERSONAL
    ]
    assert unlogged == []


def test_the_rule_sees_the_case_view_and_the_history() -> None:
    from services.cases.entrypoints.access import LoggedReader  # noqa: F401
    from services.cases.entrypoints.responses import CasePublic, CommandAccepted, HistoryEntry

    assert _free(CasePublic) and _free(list[HistoryEntry])
    assert not _free(CommandAccepted)


def test_the_openapi_declares_the_503_of_a_logged_read(tmp_path: Path) -> None:
    app = create_app(CasesSettings(database_url=f"sqlite:///{tmp_path}/rule.sqlite"))
    paths = app.openapi()["paths"]
    assert "503" in paths["/cases/{case_id}"]["get"]["responses"]
    assert "503" in paths["/privacy/subjects/{subject_id}/export"]["get"]["responses"]
    # a read that logs nothing cannot be refused for the log (writes declare 503 for a
    # store outage, store_unavailable, so they are no witness here)
    assert "503" not in paths["/catalogue/involvement-kinds"]["get"]["responses"]
