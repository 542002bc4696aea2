"""Delivery channels: e-mail over SMTP (aiosmtplib) and a JSON webhook (httpx).

Both carry the message id so the receiving side can deduplicate a redelivery: the
e-mail's ``Message-ID`` header and the webhook's ``Idempotency-Key`` header.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate

import aiosmtplib
import httpx

from services.communication.domain.message import Message, PermanentFailure, TransientFailure


def message_id_header(message_id: str, domain: str) -> str:
    return f"<{message_id}@{domain}>"


def build_email(m: Message, sender: str, domain: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = m.address or ""
    mail["Subject"] = m.subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = message_id_header(m.message_id, domain)
    mail["X-Pkraft-Kind"] = m.template
    mail.set_content(m.body_text)
    mail.add_alternative(m.body_html, subtype="html")
    return mail


class EmailChannel:
    """SMTP submission; 5xx answers are permanent, connection trouble and 4xx transient."""

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        use_tls: bool = False,
        start_tls: bool = False,
        username: str = "",
        password: str = "",
        timeout: float = 15.0,
        domain: str = "pkraft.local",
    ) -> None:
        self._host = host
        self._port = port
        self._sender = sender
        self._use_tls = use_tls
        self._start_tls = start_tls
        self._username = username or None
        self._password = password or None
        self._timeout = timeout
        self._domain = domain

    async def send(self, message: Message) -> None:
        mail = build_email(message, self._sender, self._domain)
        try:
            await aiosmtplib.send(
                mail,
                hostname=self._host,
                port=self._port,
                use_tls=self._use_tls,
                start_tls=self._start_tls,
                username=self._username,
                password=self._password,
                timeout=self._timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [e.code for e in exc.recipients]
            if all(c >= 500 for c in codes):
                raise PermanentFailure("smtp_recipient_refused") from exc
            raise TransientFailure("smtp_recipient_deferred") from exc
        except aiosmtplib.SMTPResponseException as exc:
            if exc.code >= 500:
                raise PermanentFailure(f"smtp_{exc.code}") from exc
            raise TransientFailure(f"smtp_{exc.code}") from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise TransientFailure("smtp_unavailable") from exc


class WebhookChannel:
    """POSTs a JSON payload (for Digital Post, SMS or letter gateways)."""

    def __init__(self, url: str, token: str = "", timeout: float = 10.0) -> None:
        self._url = url
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._timeout = timeout

    async def send(self, message: Message) -> None:
        kind, _, address = (message.address or "").partition(":")
        payload = {
            "message_id": message.message_id,
            "kind": message.template,
            "channel": kind,
            "address": address,
            "subject": message.subject,
            "text": message.body_text,
            "html": message.body_html,
        }
        headers = {**self._headers, "Idempotency-Key": message.message_id}
        try:
            async with httpx.AsyncClient(timeout=self._timeout) as client:
                response = await client.post(self._url, json=payload, headers=headers)
        except httpx.HTTPError as exc:
            raise TransientFailure("webhook_unavailable") from exc
        status = response.status_code
        if status < 300:
            return
        if status in (408, 425, 429) or status >= 500:
            raise TransientFailure(f"webhook_{status}")
        raise PermanentFailure(f"webhook_{status}")
