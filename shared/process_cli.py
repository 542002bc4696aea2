"""What every service's ``pkraft <service> <process>`` command does, written once: name the
process's logs, stop with exit code 2 and the command that upgrades a database behind this
release's schema (``shared.schema_cli``), then serve the API or run the process."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, Protocol, TypeVar

from shared.config import CommonSettings
from shared.http.serve import serve
from shared.logging import configure_logging
from shared.schema_cli import schema_checked


class ServiceSettings(Protocol):
    """A service's settings (``config.py``) as its processes use them."""

    http_host: str
    http_port: int

    @property
    def common(self) -> CommonSettings: ...


S = TypeVar("S", bound=ServiceSettings)

# Every API the same way (uvicorn's "auto" would pick these too, when installed).
SERVER = {"loop": "uvloop", "http": "httptools"}


def _logging(process: str, common: CommonSettings) -> None:
    configure_logging(process, common.log_level, common.log_format)


def run_process(process: str, settings: S, main: Callable[[S], Coroutine[Any, Any, None]]) -> None:
    """Run ``main(settings)``, a relay or consumer named ``<service>-<role>``."""
    _logging(process, settings.common)
    with schema_checked(process.partition("-")[0]):
        asyncio.run(main(settings))


def serve_api(process: str, settings: S, create_app: Callable[[S], Any]) -> None:
    """Build the API (``create_app(settings)``) and serve it on the configured address."""
    _logging(process, settings.common)
    with schema_checked(process.partition("-")[0]):
        app = create_app(settings)
    serve(app, host=settings.http_host, port=settings.http_port, **SERVER)
