"""``audit verify``: recompute every hash chain, then compare the audit store with the
source event stores event by event (missing, altered, extra, reordered)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from services.readside.adapters import audit
from services.readside.adapters.tables import rs_audit_heads
from services.readside.adapters.verify_chains import check_chains
from services.readside.adapters.verify_report import Finding, Report, SourceEvent, about
from shared.eventid import parse_event_id
from shared.sqldb import Database

__all__ = ["Finding", "Report", "SourceEvent", "compare", "verify"]


def _payload(row: dict[str, Any]) -> Any:
    """The audited payload, or None when it no longer parses."""
    try:
        return json.loads(row["data"])
    except (TypeError, ValueError):
        return None


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
        where = about(row, event.ce_id)
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
        where = about(row, row["ce_id"])
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
        rows_ = tx.all(select(rs_audit_heads.c.chain, rs_audit_heads.c.seq, rs_audit_heads.c.hash))
        heads = {str(c): (int(s), str(h)) for c, s, h in rows_}
        rows = list(audit.iterate(tx))
    report = check_chains(rows, heads)
    for service, events in sources.items():
        compare(report, service, [r for r in rows if r["service"] == service], events)
    return report
