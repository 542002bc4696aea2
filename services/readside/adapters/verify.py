"""``audit verify``: recompute every hash chain, then compare the audit store with the
source event stores event by event (missing, altered, extra, reordered)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from services.readside.adapters import audit
from services.readside.domain.chain import GENESIS, chain_key, link
from shared.eventid import parse_event_id
from shared.sqldb import Database

CHAIN = "audit_chain"


@dataclass(frozen=True)
class Finding:
    """One discrepancy."""

    kind: str  # chain_broken, missing, altered, extra, reordered, unreadable, checkpoint_*
    ce_id: str
    detail: str
    seq: int | None = None
    aggregate_id: str | None = None
    version: int | None = None
    # audit_chain (the copy's own hashes), audit_copy (copy vs the owner's feed),
    # source_chain (the owner's own store, by its API), checkpoint (the signed heads)
    part: str = "audit_copy"
    service: str | None = None


def _about(row: dict[str, Any] | None, ce_id: str) -> dict[str, Any]:
    """Where a finding is: the audit row's seq, aggregate and version, else the ce_id's
    ``<aggregate id>:<version>``."""
    if row is not None:
        return {
            "ce_id": row["ce_id"],
            "seq": row["seq"],
            "aggregate_id": row["aggregate_id"],
            "version": row["aggregate_version"],
        }
    aggregate, _, version = ce_id.rpartition(":")
    return {
        "ce_id": ce_id,
        "aggregate_id": aggregate or None,
        "version": int(version) if version.isdigit() else None,
    }


def _payload(row: dict[str, Any]) -> Any:
    """The audited payload, or None when it no longer parses."""
    try:
        return json.loads(row["data"])
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class SourceEvent:
    """An event as its service's own store says it was published."""

    ce_id: str
    ce_type: str
    data: dict[str, Any]
    unreadable: str | None = None  # why the stored event no longer deserialises
    notification_id: int | None = None  # its place in the owner's store


@dataclass
class Report:
    """What verify found; ``ok`` when nothing."""

    records: int = 0
    chains: int = 0
    sources_checked: list[str] = field(default_factory=list)
    source_events: int = 0
    findings: list[Finding] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)  # per source, per part

    @property
    def ok(self) -> bool:
        return not self.findings

    def as_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
        return {
            "ok": self.ok,
            "records": self.records,
            "chains": self.chains,
            "sources_checked": self.sources_checked,
            "source_events": self.source_events,
            "counts": counts,
            "sources": self.sources,
            "findings": [asdict(f) for f in self.findings],
        }


def check_chains(rows: Iterable[dict[str, Any]], heads: dict[str, tuple[int, str]]) -> Report:
    """Recompute the global chain and every aggregate chain over ``rows`` (seq order)."""
    report = Report()
    previous = GENESIS
    last_of: dict[str, str] = {}
    last_seq = 0
    for row in rows:
        report.records += 1
        chain = chain_key(row["topic"], row["aggregate_id"])
        where = _about(row, row["ce_id"])
        if link(row["prev_hash"], row) != row["hash"]:
            report.findings.append(
                Finding("altered", detail="record does not match its hash", part=CHAIN, **where)
            )
        if row["prev_hash"] != previous:
            report.findings.append(
                Finding(
                    "chain_broken",
                    detail="global chain: previous record missing, changed or moved",
                    part=CHAIN,
                    **where,
                )
            )
        if row["prev_aggregate_hash"] != last_of.get(chain, GENESIS):
            report.findings.append(
                Finding(
                    "chain_broken",
                    detail="case chain: previous record missing, changed or moved",
                    part=CHAIN,
                    **where,
                )
            )
        previous, last_of[chain], last_seq = row["hash"], row["aggregate_hash"], row["seq"]
    report.chains = len(last_of)
    head_seq, head_hash = heads.get(audit.GLOBAL, (0, GENESIS))
    if (head_seq, head_hash) != (last_seq, previous):
        report.findings.append(
            Finding(
                "missing",
                ce_id="",
                seq=head_seq,
                detail="the newest records were removed (chain head)",
                part=CHAIN,
            )
        )
    return report


def compare(
    report: Report, service: str, audited: list[dict[str, Any]], source: Iterator[SourceEvent]
) -> None:
    """Compare one service's audited records (seq order) with its source events."""
    report.sources_checked.append(service)
    first = len(report.findings)
    by_id = {r["ce_id"]: r for r in audited}
    seen: set[str] = set()
    for event in source:
        report.source_events += 1
        seen.add(event.ce_id)
        row = by_id.get(event.ce_id)
        where = _about(row, event.ce_id)
        if event.unreadable is not None:
            detail = f"the stored source event no longer deserialises ({event.unreadable})"
            report.findings.append(Finding("unreadable", detail=detail, **where))
        elif row is None:
            report.findings.append(Finding("missing", detail="in the source, not audited", **where))
        elif (payload := _payload(row)) is None:
            detail = "the audited payload is no longer valid JSON"
            report.findings.append(Finding("altered", detail=detail, **where))
        elif row["ce_type"] != event.ce_type or payload != event.data:
            detail = "audited content differs from the source"
            report.findings.append(Finding("altered", detail=detail, **where))
    last_version: dict[str, tuple[int, int]] = {}
    for row in audited:
        where = _about(row, row["ce_id"])
        if row["ce_id"] not in seen:
            report.findings.append(Finding("extra", detail="audited, not in the source", **where))
        if row["aggregate_version"] is None:
            continue
        # After a restore of the source store its later incarnation's versions start
        # again below those audited before (``shared.eventid``).
        parsed = parse_event_id(row["ce_id"])
        version = (parsed.incarnation if parsed else 0, int(row["aggregate_version"]))
        if version <= last_version.get(row["aggregate_id"], (0, 0)):
            detail = "recorded after a later version of the same case"
            report.findings.append(Finding("reordered", detail=detail, **where))
        last_version[row["aggregate_id"]] = max(
            version, last_version.get(row["aggregate_id"], (0, 0))
        )
    report.findings[first:] = [replace(f, service=service) for f in report.findings[first:]]


def verify(db: Database, sources: dict[str, Iterator[SourceEvent]]) -> Report:
    """Chains plus a comparison with each service's source (``{"cases": events}``)."""
    with db.read() as tx:
        heads = {
            str(c): (int(s), str(h))
            for c, s, h in tx.all(
                "SELECT chain, seq, hash FROM rs_audit_heads WHERE chain = ?", (audit.GLOBAL,)
            )
        }
        rows = list(audit.iterate(tx))
    report = check_chains(rows, heads)
    for service, events in sources.items():
        compare(report, service, [r for r in rows if r["service"] == service], events)
    return report
