"""The access-log rule's parts shared by the services' tests (a route that reads either
logs the read in the access log, ``shared.privacy.access``, or is named with the reason
why it shows nothing personal): the routes every service's app serves that show nothing
personal, and whether a route's dependencies log its read."""

from __future__ import annotations

from typing import Any

from shared.privacy.access import is_logged_read

# Served by every service's app (shared.http.app.build_app): nothing personal.
OPERATIONS = {
    "GET /healthz": "operations",
    "GET /readyz": "operations",
    "GET /metrics": "operations: counters",
    "GET /asyncapi.json": "the event contracts' description",
    "GET /events/{domain}/{file}": "the event contracts' schemas",
}


def logs_its_read(dependant: Any) -> bool:
    """Whether a route's dependant (``APIRoute.dependant``), or any dependency of it at
    any depth, is a logged read."""
    return any(
        (d.call is not None and is_logged_read(d.call)) or logs_its_read(d)
        for d in dependant.dependencies
    )
