"""The real cases API on a free port, served by uvicorn in a background thread, for tests
where the communication service asks it for contact details over HTTP; and a stub of its
contact endpoint for tests whose case events are made up."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.communication.tests.builders import FakeContacts
from tests.served import serve_app


@contextlib.contextmanager
def cases_api(settings: CasesSettings) -> Iterator[str]:
    """Serve the cases API; yields its base URL and stops it afterwards."""
    with serve_app(create_app(settings)) as url:
        yield url


@contextlib.contextmanager
def contact_stub(directory: FakeContacts) -> Iterator[str]:
    """Only the cases API's contact endpoint, answering from ``directory`` (for tests whose
    case events are made up, so no cases store holds their relatives)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = self.path.strip("/").split("/")
            found = None
            if len(parts) == 5 and parts[0] == "cases" and parts[4] == "contact":
                found = directory.known.get((parts[1], parts[3]))
            body = json.dumps(
                {"code": "relative_not_found"} if found is None else {**asdict(found)}
            ).encode()
            self.send_response(404 if found is None else 200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
