"""Run schemathesis against one service's OpenAPI, in process, on the app a test built
(its lifespan running, its stores real), with seeded ids for the path parameters."""

from __future__ import annotations

import time
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import auth


def not_a_server_error_but_a_declared_wait(ctx: Any, response: Any, case: Any) -> bool | None:
    """No 5xx, except the read side's documented 503 ``projection_behind`` (a read with
    ``min_version`` the projection has not reached: an answer, not a failure)."""
    if response.status_code == 503 and response.json().get("code") == "projection_behind":
        return None
    return not_a_server_error(ctx, response, case)


CHECKS = [
    not_a_server_error_but_a_declared_wait,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
BASE_URL = "http://testserver"

# Examples per operation: a few hundred per service, about a minute for all four.
EXAMPLES = {"cases": 25, "councils": 20, "communication": 30, "readside": 40}


def report(service: str, statuses: dict[int, int], failures: list[str], started: float) -> None:
    took = time.monotonic() - started
    sent = sum(statuses.values())
    print(f"{service}: {sent} examples in {took:.1f} s, by status {sorted(statuses.items())}")
    assert not failures, f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures)


def _request_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """requests-style keyword arguments (what schemathesis serialises) for httpx."""
    out = {k: kwargs[k] for k in ("method", "url", "params", "headers") if k in kwargs}
    if kwargs.get("cookies"):
        out["cookies"] = kwargs["cookies"]
    if "json" in kwargs:
        out["json"] = kwargs["json"]
    if kwargs.get("data") is not None:
        data = kwargs["data"]
        out["content" if isinstance(data, bytes | str) else "data"] = data
    return out


def fuzz(
    client: TestClient, seeds: dict[str, Any], examples: int
) -> tuple[dict[int, int], list[str]]:
    """How many answers of each status, and the failures found (a server error, or an
    answer whose status, media type or body the OpenAPI does not declare). Half the
    examples put the seeded ids into the path, so that requests reach the rules and not
    only the 404s."""
    schema = schemathesis.openapi.from_dict(client.app.openapi())  # type: ignore[attr-defined]
    token = auth()
    failures: list[str] = []
    statuses: dict[int, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        if "operations" in operation.definition.raw.get("tags", []):
            continue
        strategy = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )

        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy, seeded=st.booleans())
        def check(case: Any, seeded: bool) -> None:
            if seeded and case.path_parameters:
                case.path_parameters = {k: seeds.get(k, v) for k, v in case.path_parameters.items()}
            kwargs = case.as_transport_kwargs(base_url=BASE_URL, headers=token)
            response = client.request(**_request_kwargs(kwargs))
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            case.validate_response(response, checks=CHECKS)

        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"{operation.label}: {exc}"[:3000])
    return statuses, failures
