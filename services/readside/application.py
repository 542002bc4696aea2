"""The read side's use cases: thin async methods over a read store, plus the bounded
wait that gives a client read-your-writes (``min_version``)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

from services.readside.domain.envelope import utc_iso
from shared.errors import DomainError, NotFoundError
from shared.notify import Waker


class NotCaughtUp(DomainError):
    """The projection has not reached the version the client asked for (HTTP 503)."""

    status = 503


class ReadStore(Protocol):
    """What the read API needs from the projections."""

    def list_cases(self, criteria: Any, now: str, limit: int, offset: int) -> dict[str, Any]: ...

    def case_detail(
        self, case_id: str, now: str, timeline_limit: int, min_version: int | None = None
    ) -> dict[str, Any] | None:
        """None when the case is not projected, or with ``min_version`` not yet at it."""
        ...

    def timeline(self, case_id: str, limit: int, before_seq: int | None) -> dict[str, Any]: ...

    def case_version(self, case_id: str) -> int | None: ...

    def dashboard(self, tilbud_id: str | tuple[str, ...] | None, now: str) -> dict[str, Any]: ...

    def communication_stats(self) -> dict[str, Any]: ...

    def councils(self, tilbud_id: str | None) -> list[dict[str, Any]]: ...

    def case_versions(self, case_ids: list[str]) -> dict[str, int]: ...


def now_iso() -> str:
    return utc_iso(datetime.now(UTC))


NOTIFIED_FALLBACK_POLL = 0.05


@runtime_checkable
class VersionFeed(Protocol):
    """A waker that also tells which case versions came (PostgreSQL: the ingest's NOTIFY
    names them, ``adapters.notified_versions``)."""

    async def versions(self, timeout: float) -> dict[str, int] | None:
        """What the next notification within ``timeout`` names; None: ask the store."""
        ...


KNOWN_LIMIT = 100_000  # cases whose last seen version the watch remembers


class VersionWatch:
    """One poller per process for every read waiting on ``min_version``: each round is
    a single query for the versions of all awaited cases, however many reads wait; with
    a :class:`VersionFeed` a round that was told the versions needs no query at all."""

    def __init__(
        self, store: ReadStore, poll: float, waker: Waker | VersionFeed | None = None
    ) -> None:
        self._store = store
        self._poll = poll
        # On PostgreSQL the ingest NOTIFYs at commit: wait for that instead of polling
        # the server every few milliseconds (the poll stays as a slow fallback).
        self._waker = waker
        self._waiting: dict[str, list[tuple[int, asyncio.Future[int]]]] = {}
        self._task: asyncio.Task[None] | None = None
        # The highest version seen per case (versions only grow): a read that starts
        # waiting after its version was announced finds it here.
        self._known: dict[str, int] = {}

    def _learn(self, versions: dict[str, int]) -> None:
        if len(self._known) > KNOWN_LIMIT:
            self._known.clear()
        for case_id, version in versions.items():
            if version > self._known.get(case_id, 0):
                self._known[case_id] = version
        for case_id, entries in self._waiting.items():
            known = self._known.get(case_id)
            for wanted, future in entries:
                if known is not None and known >= wanted and not future.done():
                    future.set_result(known)

    async def _next(self) -> dict[str, int] | None:
        """Wait for the next change; the versions it names, if it names them."""
        if isinstance(self._waker, VersionFeed):
            return await self._waker.versions(NOTIFIED_FALLBACK_POLL)
        if self._waker is not None:
            await self._waker.wait(NOTIFIED_FALLBACK_POLL)
        else:
            await asyncio.sleep(self._poll)
        return None

    async def _run(self) -> None:
        pushed: dict[str, int] | None = None
        while self._waiting:
            if pushed is None:
                pushed = await asyncio.to_thread(self._store.case_versions, list(self._waiting))
            self._learn(pushed)
            pushed = await self._next() if self._waiting else None
        self._task = None

    async def wait(self, case_id: str, min_version: int, timeout: float) -> int | None:
        """The case's version once it reaches ``min_version``; None after ``timeout``."""
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        known = self._known.get(case_id)
        if known is not None and known >= min_version:
            return known
        entry = (min_version, future)
        self._waiting.setdefault(case_id, []).append(entry)
        if self._task is None:
            self._task = asyncio.create_task(self._run())
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return None
        finally:
            entries = self._waiting.get(case_id, [])
            if entry in entries:
                entries.remove(entry)
            if not entries:
                self._waiting.pop(case_id, None)


class ReadsideQueries:
    """Queries of the read API."""

    def __init__(
        self,
        store: ReadStore,
        wait_ms: int = 2000,
        poll_ms: float = 2,
        waker: Waker | VersionFeed | None = None,
    ) -> None:
        self.store = store
        self.wait = wait_ms / 1000
        self.watch = VersionWatch(store, poll_ms / 1000, waker)

    async def list_cases(self, criteria: Any, limit: int, offset: int) -> dict[str, Any]:
        return await asyncio.to_thread(self.store.list_cases, criteria, now_iso(), limit, offset)

    async def wait_for(self, case_id: str, min_version: int) -> int:
        """Wait (bounded) until the case is projected at ``min_version`` or later."""
        reached = await self.watch.wait(case_id, min_version, self.wait)
        if reached is not None:
            return reached
        projected = await asyncio.to_thread(self.store.case_version, case_id)
        # The read side cannot prove an id wrong (its first event may still be on its way),
        # but it can say that no service's event about it has ever arrived.
        seen = projected is not None or bool(
            (await asyncio.to_thread(self.store.timeline, case_id, 1, None))["items"]
        )
        message = (
            "The read model has not caught up with that version yet; retry shortly."
            if seen
            else "No event for this case has reached the read side; check the id "
            "(or retry shortly if the case was only just opened)."
        )
        raise NotCaughtUp(
            "projection_behind",
            message,
            requested_version=min_version,
            projected_version=projected,
            case_seen=seen,
            waited_ms=int(self.wait * 1000),
        )

    async def case(
        self, case_id: str, min_version: int | None = None, timeline_limit: int = 100
    ) -> dict[str, Any]:
        """The case's detail; with ``min_version`` once it is projected at that version.
        A read that finds it there costs one query (version checked in the same round
        trip); only a read that is ahead of the projection waits, then reads again."""
        detail = await asyncio.to_thread(
            self.store.case_detail, case_id, now_iso(), timeline_limit, min_version
        )
        if detail is None and min_version is not None:
            await self.wait_for(case_id, min_version)
            detail = await asyncio.to_thread(
                self.store.case_detail, case_id, now_iso(), timeline_limit
            )
        if detail is None:
            raise NotFoundError("case_not_found", "no case with that id in the read model")
        return detail

    async def timeline(self, case_id: str, limit: int, before_seq: int | None) -> dict[str, Any]:
        page = await asyncio.to_thread(self.store.timeline, case_id, limit, before_seq)
        if not page["items"] and before_seq is None:
            raise NotFoundError("case_not_found", "no case with that id in the read model")
        return page

    async def dashboard(self, tilbud_id: str | tuple[str, ...] | None) -> dict[str, Any]:
        return await asyncio.to_thread(self.store.dashboard, tilbud_id, now_iso())

    async def councils(self, tilbud_id: str | None) -> list[dict[str, Any]]:
        return await asyncio.to_thread(self.store.councils, tilbud_id)

    async def communication_stats(self) -> dict[str, Any]:
        return await asyncio.to_thread(self.store.communication_stats)
