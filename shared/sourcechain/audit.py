"""Verify a service's store against its chain and its latest signed checkpoint on the
broker: what ``pkraft <service> verify`` and ``GET /audit/verify`` run."""

from __future__ import annotations

import asyncio
from typing import Any

from shared.config import CommonSettings
from shared.sourcechain.broker import latest_checkpoint
from shared.sourcechain.signing import load_signing_key, public_pem, signing_key_path
from shared.sourcechain.store import verify_application
from shared.sourcechain.verify import Finding, Report


def service_public_key(common: CommonSettings, service: str) -> str:
    """The PEM public key of the service's checkpoint signing key."""
    path = signing_key_path(common.var_dir, common.signing_key_file, service)
    return public_pem(load_signing_key(path, dev_mode=common.dev_mode, service=service))


async def verify_service(
    service: str,
    app: Any,
    common: CommonSettings,
    topic: str,
    *,
    broker: bool = True,
    through: tuple[int, str] | None = None,
) -> Report:
    """The chain recomputed from the store, through the latest valid checkpoint on
    ``topic`` (``checkpoint_status``: verified, none_found, unavailable or skipped), or
    through the ``(notification id, hash)`` a caller holds signed (``given``; the read
    side checks the signature itself, with the public key)."""
    checkpoint: dict[str, Any] | None = None
    forged = 0
    status = "skipped"
    if through is not None:
        given = {"notification_id": through[0], "hash": through[1]}
        report = await asyncio.to_thread(verify_application, service, app, given)
        report.checkpoint_status, report.checkpoint = "given", None  # not signed here
        return report
    if broker:
        try:
            checkpoint, forged = await latest_checkpoint(
                common.kafka_bootstrap_servers, topic, service, service_public_key(common, service)
            )
            status = "verified" if checkpoint else "none_found"
        except Exception:  # the broker is down: say so, still check the chain
            status = "unavailable"
    report = await asyncio.to_thread(verify_application, service, app, checkpoint)
    report.checkpoint_status = status
    if forged:
        report.findings.append(
            Finding(
                "checkpoint_forged",
                None,
                None,
                None,
                f"{forged} checkpoint(s) on "
                f"{topic} carry no valid signature of the {service} service",
            )
        )
    return report
