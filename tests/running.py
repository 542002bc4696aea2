"""A service's relay and consumer beside its API in a test, as production runs them: each
on its own store connection and command writer (as ``pkraft <service> relay|consumer``),
built by the same entrypoint code, in a background thread with its own event loop, from
the start of the ``with`` block to its end. No settings flag puts them into the API.

    with running(cases_settings, councils_settings), TestClient(cases_api(...)) as c: ...

Cases: its relay. Councils: its relay and its consumer. Read side: its consumer. The
communication service's processes are started by its tests where they need them.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager

from services.cases import bootstrap as cases
from services.cases.config import CasesSettings
from services.councils import bootstrap as councils
from services.councils.config import CouncilsSettings
from services.councils.entrypoints.consumer import consuming as councils_consuming
from services.readside.config import ReadsideSettings
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from shared.kafka.consumer import dlq_topic
from shared.relay.relay import EventRelay

Settings = CasesSettings | CouncilsSettings | ReadsideSettings


@contextlib.asynccontextmanager
async def _relaying(
    relay: EventRelay, common: CommonSettings, topics: list[str]
) -> AsyncIterator[None]:
    await ensure_topics(common, topics)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    try:
        yield
    finally:
        stop.set()
        await task  # a relay that failed fails the test here


@contextlib.asynccontextmanager
async def cases_relay(settings: CasesSettings) -> AsyncIterator[None]:
    app = cases.build_application(settings)
    try:
        async with _relaying(cases.build_relay(settings, app), settings.common, [settings.topic]):
            yield
    finally:
        app.close()


@contextlib.asynccontextmanager
async def councils_relay(settings: CouncilsSettings) -> AsyncIterator[None]:
    app = councils.build_application(settings)
    topics = [settings.topic, dlq_topic(settings.topic)]
    try:
        async with _relaying(councils.build_relay(settings, app), settings.common, topics):
            yield
    finally:
        app.close()


@contextlib.asynccontextmanager
async def councils_consumer(settings: CouncilsSettings) -> AsyncIterator[None]:
    async with councils_consuming(settings) as (_, broker):
        await broker.start()
        yield


@contextlib.asynccontextmanager
async def readside_consumer(settings: ReadsideSettings) -> AsyncIterator[None]:
    from services.readside import bootstrap as readside
    from services.readside.entrypoints.consumer import consuming as readside_consuming

    service = readside.build(settings)
    try:
        async with readside_consuming(settings, service.ingestor):
            yield
    finally:
        service.close()


def processes(settings: Settings) -> list[AbstractAsyncContextManager[None]]:
    """The processes a service runs beside its API (``pkraft/processes.py``)."""
    if isinstance(settings, CasesSettings):
        return [cases_relay(settings)]
    if isinstance(settings, CouncilsSettings):
        return [councils_consumer(settings), councils_relay(settings)]
    return [readside_consumer(settings)]


@contextlib.contextmanager
def running(*services: Settings, timeout: float = 60) -> Iterator[None]:
    """Run the relay and consumers of ``services`` until the block ends; each is started
    (topics made, broker joined) before the block begins."""
    started = threading.Event()
    failed: list[BaseException] = []
    loop: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    async def main() -> None:
        stop = asyncio.Event()
        loop.append((asyncio.get_running_loop(), stop))
        try:
            async with contextlib.AsyncExitStack() as stack:
                for settings in services:
                    for process in processes(settings):
                        await stack.enter_async_context(process)
                started.set()
                await stop.wait()
        except BaseException as exc:
            failed.append(exc)
        finally:
            started.set()

    thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
    thread.start()
    assert started.wait(timeout), "the relay and consumers did not start"
    try:
        if failed:
            raise failed[0]
        yield
    finally:
        if loop and thread.is_alive():
            event_loop, stop = loop[0]
            event_loop.call_soon_threadsafe(stop.set)
        thread.join(timeout)
    if failed:
        raise failed[0]
