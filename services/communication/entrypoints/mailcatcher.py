"""The dev mail catcher process: an aiosmtpd server writing mails to ``var/mail/``."""

from __future__ import annotations

import asyncio

from services.communication.adapters.mailcatcher import MailCatcher, start_catcher
from services.communication.config import CommunicationSettings
from shared.http import metrics  # noqa: F401  (the shared metric families on /metrics)
from shared.http.ops import ops_server
from shared.logging import get_logger
from shared.stopping import stop_on_signals

log = get_logger(__name__)


async def _smtp_answers(host: str, port: int) -> dict[str, bool]:
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 3)
        greeting = await asyncio.wait_for(reader.readline(), 3)
        writer.close()
        return {"smtp": greeting.startswith(b"220")}
    except (OSError, TimeoutError):
        return {"smtp": False}


async def run_mailcatcher(settings: CommunicationSettings, port: int) -> None:
    """Catch mails on ``http_host:port`` until SIGTERM or SIGINT."""
    stop = stop_on_signals()
    directory = settings.common.var_dir / "mail"
    host = settings.http_host
    controller = start_catcher(host, port, MailCatcher(directory=directory))
    probe = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    log.info("mailcatcher_started", port=port)
    print(f"mail catcher on {host}:{port} -> {directory}/", flush=True)
    try:
        async with ops_server(lambda: _smtp_answers(probe, port)):
            await stop.wait()
    finally:
        await asyncio.to_thread(controller.stop)
