"""``audit verify`` over three things that must agree, per source service, without
opening its database: its own chain (the owner's ``GET /audit/verify``, through the
newest signed checkpoint the read side holds), its signed checkpoints (checked with the
owner's public key from ``GET /audit/public-key``; the audit copy must hold every event
up to the newest) and the independent audit copy (compared with the owner's
``GET /audit/events``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from services.readside.adapters import checkpoints
from services.readside.adapters.owner_api import OwnerApi
from services.readside.adapters.sources import owner_events
from services.readside.adapters.verify import Finding, Report, SourceEvent, verify
from services.readside.adapters.verify_checkpoint import CHECKPOINT, checkpoint_part, signed
from shared.errors import NotFoundError
from shared.sqldb import Database

SOURCE_CHAIN = "source_chain"

# The owner's chain report, through a signed checkpoint's (notification id, hash) if any.
ChainAsk = Callable[[tuple[int, str] | None], dict[str, Any]]


@dataclass(frozen=True)
class Evidence:
    """What one owner's API says: its public key, its published events, and (asked once
    the newest signed checkpoint is known) its own chain report."""

    service: str
    public_key_pem: str | None
    events: list[SourceEvent]
    chain: ChainAsk


def gather(api: OwnerApi, token: str | None = None) -> Evidence:
    """Ask the owner first: an owner that cannot answer raises
    ``<service>_api_unavailable`` (503, exit 2), and no report is made."""
    try:
        pem: str | None = str(api.get("/audit/public-key", {}, token).json()["public_key_pem"])
    except NotFoundError:
        pem = None

    def chain(through: tuple[int, str] | None) -> dict[str, Any]:
        # The owner need not read its topic: the read side holds the checkpoints.
        query = {"broker": "false"} | ({"through": f"{through[0]}:{through[1]}"} if through else {})
        body: dict[str, Any] = api.get("/audit/verify", query, token).json()
        return body

    return Evidence(api.service, pem, list(owner_events(api, token)), chain)


def verify_all(db: Database, evidence: dict[str, Evidence]) -> Report:
    """The audit copy's chains, then per source: its own chain, its checkpoints, its copy."""
    checkpoints.ensure_schema(db)
    with db.read() as tx:  # read before the copy's snapshot: that one is then no older
        cps = {
            name: signed(checkpoints.received(tx, name), e.public_key_pem)
            for name, e in evidence.items()
        }
    chains = {name: e.chain(cps[name].through) for name, e in evidence.items()}
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
            SOURCE_CHAIN: _source_chain(report, name, chains[name], cps[name].through),
            CHECKPOINT: checkpoint_part(
                report, name, e.events, cps[name], copy_found, _head(chains[name])
            ),
            "audit_copy": {"source_events": len(e.events)},
        }
    return report


def _head(chain: dict[str, Any]) -> int | None:
    """The owner's chain head (its newest stored event's notification id), if it said."""
    head = chain.get("head")
    if isinstance(head, dict) and isinstance(head.get("notification_id"), int):
        return int(head["notification_id"])
    return None


def _source_chain(
    report: Report, service: str, chain: dict[str, Any], through: tuple[int, str] | None
) -> dict[str, Any]:
    if through is not None and chain.get("checkpoint_status") != "given":
        report.findings.append(  # an owner too old to know `through`: say so, never pass
            Finding(
                "checkpoint_unverified",
                ce_id="",
                detail=f"the {service} API did not check its chain through checkpoint "
                f"{through[0]} (checkpoint_status {chain.get('checkpoint_status')})",
                part=SOURCE_CHAIN,
                service=service,
            )
        )
    for f in chain.get("findings", []):
        aggregate, version = f.get("aggregate_id"), f.get("version")
        report.findings.append(
            Finding(
                str(f["kind"]),
                ce_id=f"{aggregate}:{version}" if aggregate is not None else "",
                detail=f"the {service} store: {f.get('detail', '')}",
                aggregate_id=aggregate,
                version=version,
                part=SOURCE_CHAIN,
                service=service,
            )
        )
    return {
        "ok": bool(chain.get("ok")),
        "events": chain.get("events"),
        "head": chain.get("head"),
        "checkpoint_status": chain.get("checkpoint_status"),
    }
