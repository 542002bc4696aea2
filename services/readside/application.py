"""The read side's use cases: thin async methods over a read store, plus the bounded
wait that gives a client read-your-writes (``min_version``)."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any, Protocol

from services.readside.domain.envelope import utc_iso
from shared.errors import DomainError, NotFoundError


class NotCaughtUp(DomainError):
    """The projection has not reached the version the client asked for (HTTP 503)."""

    status = 503


class ReadStore(Protocol):
    """What the read API needs from the projections."""

    def list_cases(self, criteria: Any, now: str, limit: int, offset: int) -> dict[str, Any]: ...

    def case_detail(self, case_id: str, now: str) -> dict[str, Any] | None: ...

    def case_version(self, case_id: str) -> int | None: ...

    def dashboard(self, tilbud_id: str | None, now: str) -> dict[str, Any]: ...

    def communication_stats(self) -> dict[str, Any]: ...

    def councils(self, tilbud_id: str | None) -> list[dict[str, Any]]: ...

    def position(self) -> int: ...


def now_iso() -> str:
    return utc_iso(datetime.now(UTC))


class PositionWatch:
    """One poller per process for every waiting read: it watches the projections'
    position (a single-row read) and wakes the waiters when it moves, instead of each
    waiter querying its case over and over."""

    def __init__(self, store: ReadStore, poll: float) -> None:
        self._store = store
        self._poll = poll
        self._moved = asyncio.Event()
        self._waiters = 0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        last = await asyncio.to_thread(self._store.position)
        while self._waiters:
            await asyncio.sleep(self._poll)
            now = await asyncio.to_thread(self._store.position)
            if now != last:
                last, moved, self._moved = now, self._moved, asyncio.Event()
                moved.set()
        self._task = None

    async def wait(self, timeout: float) -> None:
        """Return when the position moved (or after ``timeout``)."""
        self._waiters += 1
        if self._task is None:
            self._task = asyncio.create_task(self._run())
        try:
            await asyncio.wait_for(self._moved.wait(), timeout)
        except TimeoutError:
            pass
        finally:
            self._waiters -= 1


class ReadsideQueries:
    """Queries of the read API."""

    def __init__(self, store: ReadStore, wait_ms: int = 2000, poll_ms: float = 2) -> None:
        self.store = store
        self.wait = wait_ms / 1000
        self.watch = PositionWatch(store, poll_ms / 1000)

    async def list_cases(self, criteria: Any, limit: int, offset: int) -> dict[str, Any]:
        return await asyncio.to_thread(self.store.list_cases, criteria, now_iso(), limit, offset)

    async def wait_for(self, case_id: str, min_version: int) -> int:
        """Wait (bounded) until the case is projected at ``min_version`` or later."""
        deadline = time.monotonic() + self.wait
        while True:
            version = await asyncio.to_thread(self.store.case_version, case_id)
            if version is not None and version >= min_version:
                return version
            if time.monotonic() >= deadline:
                raise NotCaughtUp(
                    "projection_behind",
                    "The read model has not caught up with that version yet; retry shortly.",
                    requested_version=min_version,
                    projected_version=version,
                    waited_ms=int(self.wait * 1000),
                )
            await self.watch.wait(deadline - time.monotonic())

    async def case(self, case_id: str, min_version: int | None = None) -> dict[str, Any]:
        if min_version is not None:
            await self.wait_for(case_id, min_version)
        detail = await asyncio.to_thread(self.store.case_detail, case_id, now_iso())
        if detail is None:
            raise NotFoundError("case_not_found", "no case with that id in the read model")
        return detail

    async def dashboard(self, tilbud_id: str | None) -> dict[str, Any]:
        return await asyncio.to_thread(self.store.dashboard, tilbud_id, now_iso())

    async def councils(self, tilbud_id: str | None) -> list[dict[str, Any]]:
        return await asyncio.to_thread(self.store.councils, tilbud_id)

    async def communication_stats(self) -> dict[str, Any]:
        return await asyncio.to_thread(self.store.communication_stats)
