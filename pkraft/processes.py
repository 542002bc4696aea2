"""Every process of the system and every topic, as ``make run`` and the container
entrypoints start them. A service adds itself here when it lands.

Every service runs the same way: its API, its relay (if it publishes events) and its
consumer (if it takes in other services' events) are separate processes, each its own
entry here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Process:
    """One long-running process: ``pkraft <args>``; ``port`` if it serves an API.

    A process without an API (relay, consumer, mail catcher) serves ``/healthz``,
    ``/readyz`` and ``/metrics`` on ``ops_port`` under ``make run`` (``PKRAFT_OPS_PORT``;
    the containers use 9100 instead).
    """

    name: str
    args: tuple[str, ...]
    port: int | None = None
    ops_port: int | None = None

    @property
    def ready_port(self) -> int:
        """The port whose ``/readyz`` tells whether this process is ready."""
        port = self.port or self.ops_port
        if port is None:
            raise ValueError(f"{self.name} has neither an API port nor an ops port")
        return port


PROCESSES: list[Process] = [
    Process("cases-api", ("cases", "api"), 8101),
    Process("cases-relay", ("cases", "relay"), ops_port=8111),
    Process("councils-api", ("councils", "api"), 8102),
    Process("councils-consumer", ("councils", "consumer"), ops_port=8112),
    Process("councils-relay", ("councils", "relay"), ops_port=8117),
    Process("communication-mailcatcher", ("communication", "mailcatcher"), ops_port=8113),
    Process("communication-api", ("communication", "api"), 8103),
    Process("communication-consumer", ("communication", "consumer"), ops_port=8114),
    Process("communication-relay", ("communication", "relay"), ops_port=8115),
    Process("readside-api", ("readside", "api"), 8104),
    Process("readside-consumer", ("readside", "consumer"), ops_port=8116),
    Process("console", ("console", "api"), 8100),
]

TOPICS: list[str] = [
    "pkraft.cases.v1",
    "pkraft.cases.v1.dlq",
    "pkraft.councils.v1",
    "pkraft.councils.v1.dlq",
    "pkraft.communication.v1",
    "pkraft.communication.v1.dlq",
]
