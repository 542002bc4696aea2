"""A request the HTTP server's parser refuses (a control character in ``If-Match``) is
answered by the server itself, before any app: a 400 in the error shape, JSON, on both
of uvicorn's parsers (before: ``text/plain`` "Invalid HTTP request received.")."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from shared.http.bad_request import json_bad_request
from shared.http.serve import GracefulServer
from tests.api.conftest import auth


@pytest.fixture(params=["httptools", "h11"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, int]]:
    app = create_app(CasesSettings(database_url=f"sqlite:///{tmp_path}/cases.sqlite"))
    config = uvicorn.Config(app, http=json_bad_request(request.param), log_config=None)
    running = GracefulServer(config)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()  # a connection waits in the backlog until the server has started
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]})
    thread.start()
    yield request.param, sock.getsockname()[1]
    running.should_exit = True
    thread.join(timeout=30)


def _send(port: int, if_match: bytes) -> tuple[int, str, dict[str, object]]:
    token = auth()["Authorization"].encode()
    head = (
        b"POST /cases/00000000-0000-4000-8000-000000000001/close HTTP/1.1\r\nHost: a\r\n"
        b"Authorization: " + token + b"\r\nIf-Match: " + if_match + b"\r\n"
        b"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head)
        s.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    top, _, body = answer.partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    kind = next(v for k, _, v in (h.partition(": ") for h in lines) if k.lower() == "content-type")
    return int(lines[0].split()[1]), kind, json.loads(body)


def test_a_request_the_parser_refuses_is_answered_in_the_error_shape(
    server: tuple[str, int],
) -> None:
    parser, port = server
    refused = b'"3\x01"' if parser == "httptools" else b'"3\x00"'  # h11 takes U+0001
    status, kind, body = _send(port, refused)
    assert (status, kind) == (400, "application/json")
    assert set(body) == {"code", "message", "details"} and body["code"] == "invalid_request"


def test_one_the_parser_passes_reaches_the_app(server: tuple[str, int]) -> None:
    _, port = server
    status, kind, body = _send(port, b'"3\x80"')  # a byte above 0x7f: both parsers pass it
    assert (status, kind, body["code"]) == (422, "application/json", "invalid_if_match")
