"""What ``audit verify`` reports: findings, each named by part, service, aggregate and
version (docs/audit.md), and the report they make up."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from shared.eventid import parse_event_id


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


def about(row: dict[str, Any] | None, ce_id: str) -> dict[str, Any]:
    """Where a finding is: the audit row's seq, aggregate and version, else the ce_id's
    ``<aggregate id>:<version>[@<incarnation>]`` (``shared.eventid``)."""
    if row is not None:
        return {
            "ce_id": row["ce_id"],
            "seq": row["seq"],
            "aggregate_id": row["aggregate_id"],
            "version": row["aggregate_version"],
        }
    parsed = parse_event_id(ce_id)
    if parsed is None:
        return {"ce_id": ce_id}
    return {"ce_id": ce_id, "aggregate_id": parsed.aggregate_id, "version": parsed.version}


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
