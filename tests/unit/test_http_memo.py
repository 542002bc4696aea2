"""FastAPI's per-request pure functions, remembered (shared.http.memo), answer what the
originals answer for every parameter and dependency of the services' routes."""

from __future__ import annotations

from typing import Any

import fastapi.dependencies.utils as solving
from fastapi.routing import APIRoute

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from shared.http import memo


def _dependants(dependant: Any) -> list[Any]:
    found = [dependant]
    for sub in dependant.dependencies:
        found += _dependants(sub)
    return found


def test_remembered_answers_are_the_originals() -> None:
    memo.install()
    memo.install()  # once per process, however often apps are built
    module: Any = solving
    assert module._pkraft_memo is True
    app = create_app(CasesSettings(database_url="sqlite:///var/test-http-memo.sqlite"))
    routes = [r for r in app.routes if isinstance(r, APIRoute)]
    assert len(routes) > 10
    checked = 0
    original = memo.ORIGINALS
    for route in routes:
        for dependant in _dependants(route.dependant):
            expected = original["_get_cache_key"](dependant=dependant, uses_scopes_cache={})
            for _ in range(2):  # computed, then remembered
                assert module._get_cache_key(dependant=dependant, uses_scopes_cache={}) == expected
            fields = [
                *dependant.path_params,
                *dependant.query_params,
                *dependant.header_params,
                *dependant.body_params,
            ]
            for field in fields:
                annotation = field.field_info.annotation
                for _ in range(2):
                    assert module.field_annotation_is_sequence(annotation) == (
                        module.field_annotation_is_sequence.__wrapped__(annotation)
                    )
                    assert module._is_json_field(field) is False
                    for convert in (False, True):
                        got = module._get_param_aliases(field, convert_underscores=convert)
                        assert got == module._get_param_aliases(field, convert_underscores=convert)
                checked += 1
    assert checked > 20
