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
    Process("councils-api", ("councils", "api"), 8102),
    Process("councils-consumer", ("councils", "consumer")),
    Process("communication-mailcatcher", ("communication", "mailcatcher")),
    Process("communication-api", ("communication", "api"), 8103),
    Process("communication-consumer", ("communication", "consumer")),
    Process("communication-relay", ("communication", "relay")),
    Process("readside-api", ("readside", "api"), 8104),
    Process("readside-consumer", ("readside", "consumer")),
]

TOPICS: list[str] = [
    "pkraft.cases.v1",
    "pkraft.cases.v1.dlq",
    "pkraft.councils.v1",
    "pkraft.councils.v1.dlq",
    "pkraft.communication.v1",
    "pkraft.communication.v1.dlq",
]
