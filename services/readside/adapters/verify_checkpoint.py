"""The ``checkpoint`` part of ``audit verify``: the signed chain heads a source's relay
put on its topic, as the read side's consumer kept them (``rs_checkpoints``), checked
with the owner's public key; the newest valid one must be covered by the audit copy and
by the owner's store (the owner checks its chain passes through it: ``source_chain``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.readside.adapters.verify_report import Finding, Report, SourceEvent
from shared.sourcechain.signing import checkpoint_valid

CHECKPOINT = "checkpoint"

_COPY = {
    "missing": "not in the audit copy",
    "altered": "the audit copy's record differs from the owner's event",
}


@dataclass(frozen=True)
class Signed:
    """The checkpoints received for one service, sorted by their signatures."""

    received: int
    forged: int
    newest: dict[str, Any] | None  # the last received with a valid signature
    public_key: bool  # False: the owner serves none, nothing could be checked

    @property
    def through(self) -> tuple[int, str] | None:
        """The newest valid checkpoint's place and hash, for the owner to check."""
        if self.newest is None:
            return None
        return int(self.newest["notification_id"]), str(self.newest["hash"])


def signed(received: list[Any], public_key_pem: str | None) -> Signed:
    if public_key_pem is None:
        return Signed(len(received), 0, None, public_key=False)
    valid = [c for c in received if isinstance(c, dict) and checkpoint_valid(c, public_key_pem)]
    # One key, one partition: the last received is the newest.
    return Signed(len(received), len(received) - len(valid), valid[-1] if valid else None, True)


def checkpoint_part(
    report: Report,
    service: str,
    events: list[SourceEvent],
    cps: Signed,
    copy_found: dict[tuple[str | None, str], Finding],
    source_head: int | None = None,
) -> dict[str, Any]:
    """Name what the checkpoints show and summarise them. ``source_head``: the owner's
    chain head (every stored event, published or not: a store may keep events it never
    publishes, as councils' electorate does); without it, its newest published event."""

    def finding(kind: str, detail: str, **where: Any) -> None:
        report.findings.append(
            Finding(kind, detail=detail, part=CHECKPOINT, service=service, **where)
        )

    if not cps.received:
        return {"status": "none_found"}
    if not cps.public_key:
        detail = f"the {service} API has no public key to check the checkpoints received"
        finding("checkpoint_unverified", detail, ce_id="")
        return {"status": "no_public_key", "received": cps.received}
    if cps.forged:
        detail = (
            f"{cps.forged} checkpoint(s) received carry no valid signature of the {service} service"
        )
        finding("checkpoint_forged", detail, ce_id="")
    if cps.newest is None:
        return {"status": "none_valid", "received": cps.received, "forged": cps.forged}
    upto = int(cps.newest["notification_id"])
    covered = [e for e in events if e.notification_id is not None and e.notification_id <= upto]
    for ev in covered:
        if (copied := copy_found.get((service, ev.ce_id))) is not None:
            finding(
                copied.kind,
                f"signed into checkpoint {upto}, {_COPY[copied.kind]}",
                ce_id=ev.ce_id,
                seq=copied.seq,
                aggregate_id=copied.aggregate_id,
                version=copied.version,
            )
    published = max((ev.notification_id or 0 for ev in events), default=0)
    last = source_head if source_head is not None else published
    if last < upto:
        finding(
            "checkpoint_mismatch",
            f"the {service} store ends at notification {last}, the signed checkpoint "
            f"names {upto}: signed events are gone from the source",
            ce_id="",
        )
    return {
        "status": "verified",
        "notification_id": upto,
        "hash": cps.newest["hash"],
        "signed_at": cps.newest.get("signed_at"),
        "received": cps.received,
        "forged": cps.forged,
        "events_covered": len(covered),
    }
