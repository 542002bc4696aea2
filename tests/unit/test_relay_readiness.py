"""A relay halted before a restored store that was not marked restored is not ready."""

from __future__ import annotations

import asyncio
from typing import Any

from shared.config import CommonSettings
from shared.http.ops import relay_checks


class Relay:
    running = True
    halted = False

    async def lag(self) -> int:
        return 0


def checks(relay: Any) -> dict[str, bool]:
    common = CommonSettings(kafka_bootstrap_servers="127.0.0.1:1")
    return asyncio.run(relay_checks(relay, common))


def test_a_halted_relay_is_not_ready() -> None:
    relay = Relay()
    assert checks(relay)["relay"] is True
    relay.halted = True
    assert checks(relay)["relay"] is False
