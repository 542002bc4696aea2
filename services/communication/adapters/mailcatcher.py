"""A local SMTP catcher (aiosmtpd) for development and tests.

Every accepted mail is kept once per ``Message-ID`` (as a real mailbox provider
deduplicates), optionally written to ``<dir>/<message id>_pkraft.local.eml`` (the
``Message-ID`` with ``<>`` dropped and ``@`` as ``_``) so a newcomer can open
the mails the system sent. ``deliveries`` counts every DATA, duplicates included.
"""

from __future__ import annotations

import asyncio
import email
import logging
import re
import threading
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import Message as MailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class CaughtMail:
    message_id: str
    sender: str
    recipients: list[str]
    mail: MailMessage

    @property
    def subject(self) -> str:
        """The subject as written (RFC 2047 encoded words decoded: 'Bofællesskabet')."""
        return str(make_header(decode_header(str(self.mail["Subject"] or ""))))

    @property
    def kind(self) -> str:
        return str(self.mail["X-Pkraft-Kind"] or "")

    def text(self) -> str:
        for part in self.mail.walk():
            if part.get_content_type() == "text/plain":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    return payload.decode(part.get_content_charset() or "utf-8")
        return ""


@dataclass
class MailCatcher:
    """aiosmtpd handler: dedupes on Message-ID; can refuse or defer chosen recipients."""

    directory: Path | None = None
    refuse: set[str] = field(default_factory=set)
    defer: set[str] = field(default_factory=set)
    delay: float = 0.0  # seconds per DATA, to widen the sending window in crash tests
    deliveries: int = 0
    mails: dict[str, CaughtMail] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        if address in self.defer:
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        mail = email.message_from_bytes(envelope.content)
        message_id = str(mail["Message-ID"] or f"<no-id-{self.deliveries}>")
        with self._lock:
            self.deliveries += 1
            self.mails.setdefault(
                message_id,
                CaughtMail(message_id, envelope.mail_from, list(envelope.rcpt_tos), mail),
            )
        if self.directory is not None:
            self.directory.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9._-]", "_", message_id.strip("<>"))
            (self.directory / f"{name}.eml").write_bytes(envelope.content)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[CaughtMail]:
        with self._lock:
            return [m for m in self.mails.values() if address in m.recipients]


def start_catcher(host: str, port: int, catcher: MailCatcher) -> Controller:
    """Start the SMTP server in a background thread (``controller.stop()`` ends it)."""
    # aiosmtpd logs every SMTP command, addresses included: keep personal data out.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    controller = Controller(catcher, hostname=host, port=port)
    controller.start()
    return controller
