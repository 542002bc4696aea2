"""A service's API, written once: the built service starts with the app, answers its
``/readyz`` and stops with it. Each service's ``entrypoints/api.py`` names only its
settings, its ``build``, its title, description and routers
(``create_app = api_factory(...)``); its relay and consumers are processes of their own."""

from __future__ import annotations

import asyncio
import contextlib
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Protocol, TypeVar

from fastapi import APIRouter, FastAPI

from shared.config import CommonSettings
from shared.http.app import build_app
from shared.logging import configure_logging

VERSIONED_COMMANDS = (  # the last paragraph of an event-sourced service's description
    "Every command answers with the {aggregate}'s new version (also in `ETag`); send it "
    "back in\n`If-Match` to make the next command conditional (409 with `current_version` "
    "if stale)."
)


class Served(Protocol):
    """What an API needs of its built service (``bootstrap.build``)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def readiness(self) -> dict[str, bool]: ...

    def state(self) -> dict[str, object]:
        """What the routes find on ``app.state`` besides ``service`` (e.g. ``commands``)."""
        ...


class DatabaseService(ABC):
    """A service whose API runs nothing beside its requests (its consumer and relay are
    processes of their own): ready while its database answers; stopping closes it."""

    @abstractmethod
    def database_answers(self) -> bool:
        """A blocking probe of the database (raises or answers False when it does not)."""

    @abstractmethod
    def close(self) -> None: ...

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        self.close()

    async def readiness(self) -> dict[str, bool]:
        try:
            database = await asyncio.to_thread(self.database_answers)
        except Exception:
            database = False
        return {"database": database}  # no broker: the API does not use it

    def state(self) -> dict[str, object]:
        return {}


class Configured(Protocol):
    """A service's settings (``config.py``): they hold the common ones."""

    @property
    def common(self) -> CommonSettings: ...


S = TypeVar("S", bound=Configured)
S_in = TypeVar("S_in", bound=Configured, contravariant=True)


class AppFactory(Protocol[S_in]):
    """A service's ``create_app``."""

    def __call__(self, settings: S_in | None = None) -> FastAPI: ...


def service_app(
    service: Served,
    common: CommonSettings,
    *,
    name: str,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
) -> FastAPI:
    """The FastAPI app of service ``name`` (logs as ``<name>-api``, also in each worker
    process uvicorn starts); ``app.state.service`` is the service."""
    configure_logging(f"{name}-api", common.log_level, common.log_format)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            await service.stop()

    app = build_app(
        title=title,
        description=description,
        common=common,
        routers=routers,
        lifespan=lifespan,
        readiness=service.readiness,
    )
    app.state.service = service
    for key, value in service.state().items():
        setattr(app.state, key, value)
    return app


def api_factory(
    settings_type: Callable[[], S],
    build: Callable[[S], Served],
    *,
    name: str,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
) -> AppFactory[S]:
    """``create_app(settings=None)``: the API over the service ``build`` makes of
    ``settings`` (default: read from the environment; ``uvicorn --factory`` calls it so,
    once in each worker process)."""

    def create_app(settings: S | None = None) -> FastAPI:
        settings = settings or settings_type()
        return service_app(
            build(settings),
            settings.common,
            name=name,
            title=title,
            description=description,
            routers=routers,
        )

    return create_app
