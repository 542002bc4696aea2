"""``audit verify`` over three things that must agree, per source service, without
opening its database: its own chain (the owner's ``GET /audit/verify``), its signed
checkpoints (the newest one the read side received, checked with the owner's public key
from ``GET /audit/public-key``; the audit copy must hold every event up to it) and the
independent audit copy (compared with the owner's ``GET /audit/events``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.readside.adapters import checkpoints
from services.readside.adapters.owner_api import OwnerApi
from services.readside.adapters.sources import owner_events
from services.readside.adapters.verify import Finding, Report, SourceEvent, verify
from shared.errors import NotFoundError
from shared.sourcechain.signing import checkpoint_valid
from shared.sqldb import Database

SOURCE_CHAIN = "source_chain"
CHECKPOINT = "checkpoint"


@dataclass(frozen=True)
class Evidence:
    """What one owner's API says: its chain report, its public key, its published events."""

    service: str
    chain: dict[str, Any]
    public_key_pem: str | None
    events: list[SourceEvent]


def gather(api: OwnerApi, token: str | None = None) -> Evidence:
    """Ask the owner everything first: an owner that cannot answer raises
    ``<service>_api_unavailable`` (503, exit 2) before any report is made."""
    # The owner's own chain only: the read side checks the signed checkpoints itself from
    # the ones its consumer kept, so the owner need not read its topic (slow on a quiet one).
    chain = api.get("/audit/verify", {"broker": "false"}, token).json()
    try:
        pem: str | None = str(api.get("/audit/public-key", {}, token).json()["public_key_pem"])
    except NotFoundError:
        pem = None
    return Evidence(api.service, chain, pem, list(owner_events(api, token)))


def verify_all(db: Database, evidence: dict[str, Evidence]) -> Report:
    """The audit copy's chains, then per source: its own chain, its checkpoints, its copy."""
    checkpoints.ensure_schema(db)
    with db.read() as tx:  # read before the copy's snapshot: that one is then no older
        received = {name: checkpoints.received(tx, name) for name in evidence}
    report = verify(db, {name: iter(e.events) for name, e in evidence.items()})
    # What the copy lacks or holds otherwise than the owner publishes it: of that, what
    # a checkpoint signed is named by the checkpoint part too.
    copy_found = {
        (f.service, f.ce_id): f
        for f in report.findings
        if f.part == "audit_copy" and f.kind in ("missing", "altered")
    }
    for name, e in evidence.items():
        report.sources[name] = {
            SOURCE_CHAIN: _source_chain(report, e),
            CHECKPOINT: _checkpoint(report, e, received[name], copy_found),
            "audit_copy": {"source_events": len(e.events)},
        }
    return report


def _source_chain(report: Report, e: Evidence) -> dict[str, Any]:
    for f in e.chain.get("findings", []):
        aggregate, version = f.get("aggregate_id"), f.get("version")
        report.findings.append(
            Finding(
                str(f["kind"]),
                ce_id=f"{aggregate}:{version}" if aggregate is not None else "",
                detail=f"the {e.service} store: {f.get('detail', '')}",
                aggregate_id=aggregate,
                version=version,
                part=SOURCE_CHAIN,
                service=e.service,
            )
        )
    return {
        "ok": bool(e.chain.get("ok")),
        "events": e.chain.get("events"),
        "head": e.chain.get("head"),
        "checkpoint_status": e.chain.get("checkpoint_status"),
    }


def _checkpoint(
    report: Report,
    e: Evidence,
    received: list[Any],
    copy_found: dict[tuple[str | None, str], Finding],
) -> dict[str, Any]:
    def finding(kind: str, detail: str, **where: Any) -> None:
        report.findings.append(
            Finding(kind, detail=detail, part=CHECKPOINT, service=e.service, **where)
        )

    if not received:
        return {"status": "none_found"}
    if e.public_key_pem is None:
        finding(
            "checkpoint_unverified",
            f"the {e.service} API has no public key to check the checkpoints received",
            ce_id="",
        )
        return {"status": "no_public_key", "received": len(received)}
    pem = e.public_key_pem
    valid = [c for c in received if isinstance(c, dict) and checkpoint_valid(c, pem)]
    if forged := len(received) - len(valid):
        finding(
            "checkpoint_forged",
            f"{forged} checkpoint(s) received carry no valid signature of the {e.service} service",
            ce_id="",
        )
    if not valid:
        return {"status": "none_valid", "received": len(received), "forged": forged}
    newest = valid[-1]  # one key, one partition: the last received is the newest
    upto = int(newest["notification_id"])
    signed = [
        ev for ev in e.events if ev.notification_id is not None and ev.notification_id <= upto
    ]
    for ev in signed:
        if (copied := copy_found.get((e.service, ev.ce_id))) is not None:
            what = {
                "missing": "not in the audit copy",
                "altered": f"the audit copy's record differs from the {e.service} service's event",
            }
            finding(
                copied.kind,
                f"signed into checkpoint {upto}, {what[copied.kind]}",
                ce_id=ev.ce_id,
                seq=copied.seq,
                aggregate_id=copied.aggregate_id,
                version=copied.version,
            )
    last = max((ev.notification_id or 0 for ev in e.events), default=0)
    if last < upto:
        finding(
            "checkpoint_mismatch",
            f"the {e.service} store ends at notification {last}, the signed checkpoint "
            f"names {upto}: signed events are gone from the source",
            ce_id="",
        )
    owner_cp = e.chain.get("checkpoint") or {}
    if owner_cp.get("notification_id") == upto and owner_cp.get("hash") != newest["hash"]:
        finding("checkpoint_mismatch", "the owner checked another head at the same place", ce_id="")
    return {
        "status": "verified",
        "notification_id": upto,
        "hash": newest["hash"],
        "signed_at": newest.get("signed_at"),
        "received": len(received),
        "forged": forged,
        "events_covered": len(signed),
    }
