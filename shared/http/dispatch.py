"""Route matching that looks only at the routes a path can match.

Starlette tries every route in turn (and FastAPI's included routers match twice, once to
choose the router and once inside it), so a command on ``/cases/{id}/...`` paid for
some fifty regular expressions before its own. Here routes are indexed by their number
of path segments and the literal segments they have; a request tries only the routes
whose literals it carries, in the app's order, so the first full match is the same
route the full walk would choose. Anything else (no full match: a 404, a 405, a
trailing-slash redirect; a websocket; lifespan) goes to the router's own walk.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI
from starlette.routing import BaseRoute, Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send

# literal positions -> literal values at them -> (order, route)
Shape = dict[tuple[int, ...], dict[tuple[str, ...], list[tuple[int, BaseRoute]]]]


def _segments(route: BaseRoute) -> list[str] | None:
    """The route's path segments, or None when it cannot be indexed (a ``path``
    convertor spans segments; a mount or host matches prefixes)."""
    path = getattr(route, "path_format", None)
    if not isinstance(route, Route) or not isinstance(path, str) or ":path}" in path:
        return None
    return path.split("/")


class RouteIndex:
    """The candidates for a path, in the order of ``routes``."""

    def __init__(self, routes: Sequence[BaseRoute]) -> None:
        self.size = len(routes)
        self._shapes: dict[int, Shape] = {}
        self._everywhere: list[tuple[int, BaseRoute]] = []
        for order, route in enumerate(routes):
            segments = _segments(route)
            if segments is None:
                self._everywhere.append((order, route))
                continue
            positions = tuple(i for i, s in enumerate(segments) if "{" not in s)
            literals = tuple(segments[i] for i in positions)
            shape = self._shapes.setdefault(len(segments), {})
            shape.setdefault(positions, {}).setdefault(literals, []).append((order, route))

    def candidates(self, path: str) -> list[BaseRoute]:
        parts = path.split("/")
        found = list(self._everywhere)
        for positions, by_literals in self._shapes.get(len(parts), {}).items():
            hits = by_literals.get(tuple(parts[i] for i in positions))
            if hits:
                found.extend(hits)
        if len(found) > 1:
            found.sort(key=lambda hit: hit[0])
        return [route for _, route in found]


class IndexedDispatch:
    """Stands in for the router's own dispatch (``router.middleware_stack``)."""

    def __init__(self, app: FastAPI, walk: ASGIApp) -> None:
        self._router = app.router
        self._walk = walk
        self._index = RouteIndex(())

    def _current(self) -> RouteIndex:
        routes = self._router.routes
        if self._index.size != len(routes):  # routes added after the app was built
            self._index = RouteIndex(routes)
        return self._index

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope.get("root_path"):
            for route in self._current().candidates(scope["path"]):
                match, child_scope = route.matches(scope)
                if match == Match.FULL:
                    scope.setdefault("router", self._router)
                    scope.update(child_scope)
                    await route.handle(scope, receive, send)
                    return
        await self._walk(scope, receive, send)


def flatten(app: FastAPI, router: object) -> bool:
    """Add a router's routes to the app itself (what ``include_router`` did before
    FastAPI's lazily combined routers); False when it holds more than plain routes."""
    routes = getattr(router, "routes", None)
    if routes is None or getattr(router, "_low_priority_routes", None):
        return False
    if not all(isinstance(r, Route) for r in routes):
        return False
    app.router.routes.extend(routes)
    return True


def install(app: FastAPI) -> None:
    """Match the app's requests through a route index."""
    app.router.middleware_stack = IndexedDispatch(app, app.router.middleware_stack)
