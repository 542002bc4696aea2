"""The watch behind ``min_version``: one query per round for every waiting read, none
when the ingest's notification names the versions, and a read that starts waiting
after its version was announced is answered at once."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from services.readside.adapters.notified_versions import CHUNK, parse, payloads
from services.readside.application import VersionWatch


class Store:
    def __init__(self, versions: dict[str, int]) -> None:
        self.versions = versions
        self.queries = 0

    def case_versions(self, case_ids: list[str]) -> dict[str, int]:
        self.queries += 1
        return {c: v for c, v in self.versions.items() if c in case_ids}

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the watch read {name}")


class Feed:
    """Notifications the test pushes."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[dict[str, int] | None] = asyncio.Queue()

    async def versions(self, timeout: float) -> dict[str, int] | None:
        try:
            return await asyncio.wait_for(self.queue.get(), timeout)
        except TimeoutError:
            return None

    async def wait(self, timeout: float) -> None:
        await self.versions(timeout)

    async def close(self) -> None:
        return None


def test_pushed_versions_end_waits_without_a_query_and_are_remembered() -> None:
    async def scenario() -> None:
        store, feed = Store({"a": 1, "b": 1}), Feed()
        watch = VersionWatch(store, 0.002, feed)
        a = asyncio.create_task(watch.wait("a", 2, 10))
        while store.queries == 0:
            await asyncio.sleep(0.001)
        await feed.queue.put({"a": 2, "b": 3})  # a batch committed a:2 and b:3
        assert await a == 2
        assert store.queries == 1
        # b's reader started waiting only now: the announced version answers it at once
        assert await watch.wait("b", 3, 10) == 3
        assert store.queries == 1

    asyncio.run(scenario())


def test_payloads_stay_under_the_notify_limit_and_name_every_version() -> None:
    versions: dict[str, int | None] = {f"{i:036d}": 10_000 + i for i in range(2 * CHUNK + 7)}
    versions["not-projected"] = None
    sent = list(payloads(versions))
    assert len(sent) == 3 and all(len(p.encode()) < 8000 for p in sent)
    named: dict[str, int] = {}
    for p in sent:
        named.update(parse(p) or {})
    assert named == {k: v for k, v in versions.items() if v is not None}
    assert list(payloads({})) == ["{}"] and parse("{}") is None
    assert parse(json.dumps({"x": "y"})) == {}
