"""The HTTP server's answer to a request it cannot parse, in the error shape.

uvicorn's HTTP parser refuses some requests before any app sees them (httptools: a
control character such as U+0001 or DEL in a header value, e.g. ``If-Match``; h11: a NUL)
and answers a bare 400 ``text/plain`` "Invalid HTTP request received.". The protocols
here answer the same 400, as JSON ``{"code": "invalid_request", "message", "details"}``
like every other answer of the APIs (``serve`` uses them). They override uvicorn's
``send_400_response`` (the same name and role in its httptools and h11 protocols since
0.1x); ``tests/unit/test_http_bad_request.py`` runs both against a real server.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import h11
from uvicorn.protocols.http.auto import AutoHTTPProtocol
from uvicorn.protocols.http.h11_impl import H11Protocol

from shared.http.errors import error_body

MESSAGE = (
    "the request could not be read as HTTP (e.g. a control character in a header value); "
    "nothing was done"
)
BODY = json.dumps(
    error_body(
        "invalid_request",
        MESSAGE,
        errors=[{"loc": ["header"], "msg": MESSAGE, "type": "http_unparsable"}],
    )
).encode("ascii")
_HEADERS = [(b"content-type", b"application/json"), (b"connection", b"close")]


class JsonH11Protocol(H11Protocol):
    """uvicorn's h11 protocol; a request it cannot parse gets the JSON 400."""

    def send_400_response(self, msg: str) -> None:
        event = h11.Response(status_code=400, headers=_HEADERS, reason=b"Bad Request")
        for part in (event, h11.Data(data=BODY), h11.EndOfMessage()):
            self.transport.write(self.conn.send(part) or b"")
        self.transport.close()


_PROTOCOLS: dict[str, type[asyncio.Protocol]] = {"h11": JsonH11Protocol}

try:
    from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
except ImportError:  # pragma: no cover (httptools is a dependency; uvicorn then uses h11)
    pass
else:

    class JsonHttpToolsProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol; a request it cannot parse gets the JSON 400."""

        def send_400_response(self, msg: str) -> None:
            content = [STATUS_LINE[400]]
            for name, value in self.server_state.default_headers:
                content.extend([name, b": ", value, b"\r\n"])
            for name, value in [*_HEADERS, (b"content-length", str(len(BODY)).encode())]:
                content.extend([name, b": ", value, b"\r\n"])
            content.extend([b"\r\n", BODY])
            self.transport.write(b"".join(content))
            self.transport.close()

    _PROTOCOLS["httptools"] = JsonHttpToolsProtocol

_PROTOCOLS["auto"] = _PROTOCOLS.get(
    "httptools" if AutoHTTPProtocol.__name__ == "HttpToolsProtocol" else "h11", JsonH11Protocol
)


def json_bad_request(http: Any = "auto") -> Any:
    """The protocol for uvicorn's ``http`` option: ``auto``, ``httptools`` or ``h11`` as
    the JSON-answering one; anything else (another protocol class or name) unchanged."""
    return _PROTOCOLS.get(http, http) if isinstance(http, str) else http
