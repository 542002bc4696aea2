"""The channels against real servers: an aiosmtpd SMTP server and an HTTP webhook."""

from __future__ import annotations

import email
import json
import threading
from collections.abc import Iterator
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from pkraft.broker import free_port
from services.communication.adapters.channels import EmailChannel, WebhookChannel
from services.communication.adapters.mailcatcher import MailCatcher, start_catcher
from services.communication.domain.message import Message, PermanentFailure, TransientFailure


def message(address: str, channel: str = "email") -> Message:
    return Message(
        message_id="m-1",
        rule="r",
        trigger_id="t",
        template="welcome",
        case_id="c",
        tilbud_id="lyngen",
        recipient_type="relative",
        recipient_id="a",
        channel=channel,
        address=address,
        consent_scope="send_messages",
        subject="Velkommen til Bofællesskabet Lyngen",
        body_text="Kære Karen\n",
        body_html="<p>Kære Karen</p>",
    )


@pytest.fixture
def smtp() -> Iterator[tuple[MailCatcher, int]]:
    catcher = MailCatcher(refuse={"gone@x.dk"}, defer={"later@x.dk"})
    port = free_port()
    controller = start_catcher("127.0.0.1", port, catcher)
    yield catcher, port
    controller.stop()


async def test_email_arrives_with_text_html_and_the_message_id(
    smtp: tuple[MailCatcher, int], tmp_path: Any
) -> None:
    catcher, port = smtp
    catcher.directory = tmp_path
    await EmailChannel("127.0.0.1", port, "noreply@pkraft.local").send(message("karen@x.dk"))
    await EmailChannel("127.0.0.1", port, "noreply@pkraft.local").send(message("karen@x.dk"))
    (mail,) = catcher.to("karen@x.dk")
    assert (
        mail.message_id == "<m-1@pkraft.local>"
        and mail.subject == "Velkommen til Bofællesskabet Lyngen"
    )
    assert mail.text().strip() == "Kære Karen" and mail.kind == "welcome"
    assert catcher.deliveries == 2  # a redelivery is deduplicated on its Message-ID
    assert [p.name for p in tmp_path.iterdir()] == ["m-1_pkraft.local.eml"]


async def test_refused_is_permanent_deferred_and_unreachable_are_transient(
    smtp: tuple[MailCatcher, int],
) -> None:
    _, port = smtp
    channel = EmailChannel("127.0.0.1", port, "noreply@pkraft.local")
    with pytest.raises(PermanentFailure):
        await channel.send(message("gone@x.dk"))
    with pytest.raises(TransientFailure):
        await channel.send(message("later@x.dk"))
    with pytest.raises(TransientFailure):
        await EmailChannel("127.0.0.1", free_port(), "x@y.dk", timeout=2).send(message("a@x.dk"))


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[dict[str, Any], str]]] = []
    status = 202

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Hook.received.append((body, self.headers["Idempotency-Key"]))
        self.send_response(_Hook.status)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return None


async def test_webhook_posts_json_with_an_idempotency_key() -> None:
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/send"
    try:
        await WebhookChannel(url).send(message("digital_post:0707614285", "webhook"))
        ((body, key),) = _Hook.received
        assert key == "m-1" and body["channel"] == "digital_post" and body["subject"]
        _Hook.status = 400
        with pytest.raises(PermanentFailure):
            await WebhookChannel(url).send(message("phone:+4512345678", "webhook"))
        _Hook.status = 503
        with pytest.raises(TransientFailure):
            await WebhookChannel(url).send(message("phone:+4512345678", "webhook"))
    finally:
        server.shutdown()


async def test_the_dev_mail_catcher_writes_each_mail_to_var_mail(tmp_path: Any) -> None:
    import os
    import subprocess
    import sys
    import time

    from pkraft.broker import port_open

    port = free_port()
    env = {**os.environ, "PKRAFT_VAR_DIR": str(tmp_path), "PKRAFT_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pkraft.cli", "communication", "mailcatcher", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not port_open("127.0.0.1", port) and time.monotonic() < deadline:
            time.sleep(0.1)
        await EmailChannel("127.0.0.1", port, "noreply@pkraft.local").send(message("k@x.dk"))
        files = list((tmp_path / "mail").iterdir())
        assert [f.name for f in files] == ["m-1_pkraft.local.eml"]
        written = email.message_from_string(files[0].read_text())
        subject = str(make_header(decode_header(str(written["Subject"]))))
        assert subject == "Velkommen til Bofællesskabet Lyngen"
        # the docs name the files as the catcher writes them (message id "m-1")
        documented = "var/mail/" + files[0].name.replace("m-1", "<message id>")
        docs = Path(__file__).resolve().parents[4] / "docs" / "communication.md"
        assert documented in docs.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
