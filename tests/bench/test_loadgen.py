"""The freshness benchmark's connection pool survives a server closing idle connections."""

from __future__ import annotations

import asyncio

from bench.loadgen import Pool, build_get

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


async def test_a_connection_the_server_closed_is_replaced_and_the_request_sent_again() -> None:
    accepted = 0
    closed = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal accepted
        accepted += 1
        if accepted == 1:  # the first connection: closed as if idle too long
            writer.close()
            await writer.wait_closed()
            closed.set()
            return
        while await reader.readuntil(b"\r\n\r\n"):
            writer.write(OK)
            await writer.drain()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    pool = Pool(port, 1)
    await pool.open()
    await closed.wait()
    assert await pool.send(build_get("/x", "t")) == (200, b"ok")
    assert await pool.send(build_get("/x", "t")) == (200, b"ok")
    assert accepted == 2
    server.close()
