"""Re-checking an exported history (JSON Lines) without the system: every line's two
hashes are recomputed and every aggregate chain in the file is followed link by link.

An export holds whole aggregate chains: the case's own, and those of messages about it
(every event of a message names its case). So each chain in the file starts at the
genesis hash and each record's predecessor is the record before it in that chain.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from services.readside.domain.chain import GENESIS, HASH_FIELDS, HASHED_FIELDS, chain_key, link


@dataclass(frozen=True)
class ExportFinding:
    """One discrepancy in an exported file; ``line`` counts from 1."""

    kind: str  # altered, missing, reordered, unreadable
    line: int
    detail: str
    seq: Any = None
    ce_id: Any = None
    aggregate_id: Any = None
    version: Any = None


@dataclass
class ExportReport:
    """What the offline check found; ``ok`` when nothing."""

    records: int = 0
    chains: int = 0
    findings: list[ExportFinding] = field(default_factory=list)

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
            "counts": counts,
            "findings": [asdict(f) for f in self.findings],
        }


def _record(raw: bytes) -> dict[str, Any] | str:
    """The parsed record, or why it cannot be one."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "the line is not valid UTF-8 JSON"
    if not isinstance(record, dict):
        return "the line is not a JSON object"
    lacking = [k for k in (*HASHED_FIELDS, *HASH_FIELDS) if k not in record]
    if lacking:
        return f"the line lacks {', '.join(lacking)}"
    if not all(isinstance(record[k], str) for k in HASH_FIELDS):
        return "a hash is not a string"
    return record


def _where(line: int, r: dict[str, Any]) -> dict[str, Any]:
    return {
        "line": line,
        "seq": r["seq"],
        "ce_id": r["ce_id"],
        "aggregate_id": r["aggregate_id"],
        "version": r["aggregate_version"],
    }


def check_export(lines: Iterable[bytes]) -> ExportReport:
    """Check an export's lines (bytes, as read from the file)."""
    report = ExportReport()
    records: list[tuple[int, dict[str, Any]]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        parsed = _record(raw)
        if isinstance(parsed, str):
            report.findings.append(ExportFinding("unreadable", number, parsed))
        else:
            records.append((number, parsed))
    report.records = len(records)
    line_of = {(_chain(r), r["aggregate_hash"]): n for n, r in records}
    last: dict[str, str] = {}
    last_seq: Any = None
    for number, r in records:
        where = _where(number, r)
        if link(r["prev_hash"], r) != r["hash"] or (
            link(r["prev_aggregate_hash"], r) != r["aggregate_hash"]
        ):
            report.findings.append(
                ExportFinding("altered", detail="the record does not match its hashes", **where)
            )
        chain = _chain(r)
        expected = last.get(chain, GENESIS)
        before = line_of.get((chain, r["prev_aggregate_hash"]))
        if r["prev_aggregate_hash"] != expected:
            detail = (
                "the record before it in its chain is not in the file (removed or changed)"
                if before is None
                else f"the record before it in its chain is on line {before}"
            )
            kind = "missing" if before is None else "reordered"
            report.findings.append(ExportFinding(kind, detail=detail, **where))
        elif _before(r["seq"], last_seq):
            detail = "recorded before the line above it (seq goes back)"
            report.findings.append(ExportFinding("reordered", detail=detail, **where))
        last[chain], last_seq = r["aggregate_hash"], r["seq"]
    report.chains = len(last)
    return report


def _chain(r: dict[str, Any]) -> str:
    return chain_key(str(r["topic"]), str(r["aggregate_id"]))


def _before(seq: Any, previous: Any) -> bool:
    return isinstance(seq, int) and isinstance(previous, int) and seq <= previous
