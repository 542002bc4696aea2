"""A lean HTTP/1.1 keep-alive load generator on asyncio streams.

httpx tops out near 400 requests/s on this machine (its pool, not the server), which
would measure the client; this sends pre-built requests on raw connections instead.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Mapping


def build_post(
    host: str, path: str, body: Mapping[str, object], headers: Mapping[str, str]
) -> bytes:
    payload = json.dumps(body).encode()
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: {host}",
        "Content-Type: application/json",
        f"Content-Length: {len(payload)}",
    ]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = await reader.readexactly(length) if length else b""
    return status, body


async def drive(
    port: int,
    requests: list[Callable[[int], bytes]],
    seconds: float,
) -> tuple[int, int, list[float]]:
    """One connection per entry of ``requests`` (a function of the sequence number);
    returns (ok, failed, latencies)."""
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    counts = [0, 0]

    async def client(make: Callable[[int], bytes]) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        n = 0
        try:
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                writer.write(make(n))
                status, _ = await _read_response(reader)
                latencies.append(time.perf_counter() - t0)
                counts[0 if status < 400 else 1] += 1
                n += 1
        finally:
            writer.close()

    await asyncio.gather(*(client(r) for r in requests))
    return counts[0], counts[1], latencies


def build_get(path: str, token: str) -> bytes:
    """A GET with a bearer token."""
    return (f"GET {path} HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer {token}\r\n\r\n").encode()


class Pool:
    """Keep-alive HTTP/1.1 connections; one request at a time on each."""

    def __init__(self, port: int, size: int) -> None:
        self.port, self.size = port, size
        self.free: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = (
            asyncio.Queue()
        )

    async def open(self) -> None:
        """``size`` fresh connections (again before each round: a server closes a keep-alive
        connection left idle for a few seconds, as while the consumer catches up)."""
        while not self.free.empty():
            self.free.get_nowait()[1].close()
        for _ in range(self.size):
            self.free.put_nowait(await asyncio.open_connection("127.0.0.1", self.port))

    async def send(self, raw: bytes) -> tuple[int, bytes]:
        reader, writer = await self.free.get()
        try:
            writer.write(raw)
            return await _read_response(reader)
        except (asyncio.IncompleteReadError, ConnectionError):
            # Closed by the server while idle, before this request: once more on a new one.
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
            writer.write(raw)
            return await _read_response(reader)
        finally:
            self.free.put_nowait((reader, writer))
