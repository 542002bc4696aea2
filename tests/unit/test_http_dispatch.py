"""The route index answers every path with the route the full walk would choose."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.testclient import TestClient

from shared.config import CommonSettings
from shared.http.app import build_app


def _app() -> TestClient:
    router = APIRouter(prefix="/things")

    @router.get("/catalogue")
    async def catalogue() -> dict[str, str]:
        return {"route": "catalogue"}

    @router.get("/{thing_id}")
    async def one(thing_id: str) -> dict[str, str]:
        return {"route": "one", "id": thing_id}

    @router.post("/{thing_id}/notes", status_code=201)
    async def note(thing_id: str) -> dict[str, str]:
        return {"route": "note", "id": thing_id}

    @router.get("/{thing_id}/files/{name}")
    async def file(thing_id: str, name: str) -> dict[str, str]:
        return {"route": "file", "id": thing_id, "name": name}

    late = APIRouter()

    @late.get("/things/{thing_id}/catalogue")
    async def shadowed(thing_id: str) -> dict[str, str]:
        return {"route": "shadowed"}

    return TestClient(build_app(title="t", common=CommonSettings(), routers=[router, late]))


def test_the_first_declared_route_that_matches_answers() -> None:
    client = _app()
    assert client.get("/things/catalogue").json() == {"route": "catalogue"}
    assert client.get("/things/7").json() == {"route": "one", "id": "7"}
    assert client.post("/things/7/notes").json() == {"route": "note", "id": "7"}
    assert client.get("/things/7/files/a.pdf").json()["name"] == "a.pdf"
    assert client.get("/things/7/catalogue").json() == {"route": "shadowed"}


def test_misses_get_the_full_walks_answers() -> None:
    client = _app()
    assert client.get("/things/7/notes").status_code == 405
    assert client.get("/nothing/here").json()["code"] == "not_found"
    assert client.get("/healthz").json() == {"status": "ok"}
    slashed = client.get("/things/7/", follow_redirects=False)  # no redirect (app.py)
    assert (slashed.status_code, slashed.json()["code"]) == (404, "not_found")


def test_metrics_name_the_route_template_not_the_path() -> None:
    client = _app()
    client.post("/things/42/notes")
    metrics = client.get("/metrics").text
    assert 'route="/things/{thing_id}/notes",status="201"' in metrics
