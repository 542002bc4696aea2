"""Every process of the system and every topic, as ``make run`` and the container
entrypoints start them. A service adds itself here when it lands."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Process:
    """One long-running process: ``pkraft <args>``; ``port`` if it serves HTTP."""

    name: str
    args: tuple[str, ...]
    port: int | None = None


PROCESSES: list[Process] = [
    Process("cases-api", ("cases", "api"), 8101),
    Process("cases-relay", ("cases", "relay")),
]

TOPICS: list[str] = [
    "pkraft.cases.v1",
]
