"""The consumer tries a held theme evening again by itself (no command or restart needed),
waiting longer each time it stays held."""

from __future__ import annotations

import asyncio
from typing import Any

from services.communication.entrypoints.consumer import retry_held_evenings


class Follower:
    """Held until its second catch-up, which ends the consumer (stop set)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
        self.loop, self.stop = loop, stop
        self.catch_ups = 0

    def held(self) -> dict[str, int]:
        return {"evening": 7} if self.catch_ups < 2 else {}

    def catch_up(self) -> int:
        self.catch_ups += 1
        if self.catch_ups == 2:
            self.loop.call_soon_threadsafe(self.stop.set)
        return 1


async def test_a_held_evening_is_tried_again_until_it_is_followed() -> None:
    stop = asyncio.Event()
    follower: Any = Follower(asyncio.get_running_loop(), stop)
    await asyncio.wait_for(retry_held_evenings(follower, stop, first=0.001, most=0.004), 10)
    assert follower.catch_ups == 2
