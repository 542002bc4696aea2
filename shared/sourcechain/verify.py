"""Recompute a store's chain from its raw rows and name every finding (pure, no I/O).

Kinds: ``altered`` (an event's bytes no longer give its link's hash), ``missing`` (a
linked event is gone, or a link's predecessor is not the link before it), ``extra`` (a
stored event no link covers), ``reordered`` (an event sits at another event's place, or
an aggregate's versions go back), ``unreadable`` (a row that cannot be read as an
event or a link), ``checkpoint_mismatch`` (the chain does not pass through the latest
signed checkpoint: rewritten, or cut off). A damaged row is a finding, never an error.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from shared.sourcechain.recipe import GENESIS, ChainRow, canonical_id, event_digest, link


@dataclass(frozen=True)
class Finding:
    kind: str
    notification_id: int | None
    aggregate_id: str | None
    version: int | None
    detail: str


@dataclass
class Report:
    service: str
    events: int = 0
    head_notification_id: int = 0
    head_hash: str = GENESIS
    checkpoint: dict[str, Any] | None = None
    checkpoint_status: str = "skipped"
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def as_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
        return {
            "service": self.service,
            "ok": self.ok,
            "events": self.events,
            "head": {"notification_id": self.head_notification_id, "hash": self.head_hash},
            "checkpoint": self.checkpoint,
            "checkpoint_status": self.checkpoint_status,
            "counts": counts,
            "findings": [asdict(f) for f in self.findings],
        }


@dataclass(frozen=True)
class _Event:
    nid: int
    oid: str
    version: int
    digest: str


def _event(raw: tuple[Any, ...]) -> _Event | str:
    try:
        nid, oid, version, topic, state = raw
        if not isinstance(state, bytes | bytearray | memoryview) or not isinstance(topic, str):
            return f"notification {nid}: state or topic of the wrong type"
        return _Event(
            int(nid),
            canonical_id(oid),
            int(version),
            event_digest(oid, int(version), topic, bytes(state)),
        )
    except (TypeError, ValueError) as exc:
        return f"{type(exc).__name__} reading {raw[:3]!r}"


def _link(raw: tuple[Any, ...]) -> ChainRow | str:
    try:
        nid, oid, version, prev, hsh, prev_agg, agg = raw
        texts = (oid, prev, hsh, prev_agg, agg)
        if not all(isinstance(t, str) for t in texts):
            return f"link {nid}: a column of the wrong type"
        return ChainRow(int(nid), oid, int(version), prev, hsh, prev_agg, agg)
    except (TypeError, ValueError) as exc:
        return f"{type(exc).__name__} reading link {raw[:3]!r}"


def verify_rows(
    service: str,
    raw_events: list[tuple[Any, ...]],
    raw_links: list[tuple[Any, ...]],
    checkpoint: dict[str, Any] | None = None,
) -> Report:
    """Check every stored event against its link, and the links against each other."""
    report = Report(service, checkpoint=checkpoint)
    out = report.findings
    events: dict[int, _Event] = {}
    damaged: set[int | None] = set()
    for raw in raw_events:
        read = _event(raw)
        if isinstance(read, str):
            damaged.add(_int(raw[0]))
            out.append(Finding("unreadable", _int(raw[0]), None, None, read))
        else:
            events[read.nid] = read
    links: dict[int, ChainRow] = {}
    for raw in raw_links:
        got = _link(raw)
        if isinstance(got, str):
            out.append(Finding("unreadable", _int(raw[0]), None, None, got))
        else:
            links[got.notification_id] = got
    report.events = len(events)
    placed = {(lk.originator_id, lk.originator_version): nid for nid, lk in links.items()}
    prev_hash = GENESIS
    aggregates: dict[str, ChainRow] = {}
    for nid in sorted(set(events) | set(links)):
        e, lk = events.get(nid), links.get(nid)
        if lk is None:
            assert e is not None
            out.append(Finding("extra", nid, e.oid, e.version, "stored event without a link"))
            continue
        if lk.prev_hash != prev_hash:
            out.append(_at("missing", lk, "the link before this one was removed or replaced"))
        if e is None:
            if nid not in damaged:
                out.append(_at("missing", lk, "linked event no longer stored"))
        elif (e.oid, e.version) != (lk.originator_id, lk.originator_version):
            where = placed.get((e.oid, e.version))
            moved = f"; it was linked at {where}" if where is not None else ""
            out.append(
                Finding(
                    "reordered",
                    nid,
                    e.oid,
                    e.version,
                    f"stored in place of {lk.originator_id} v{lk.originator_version}{moved}",
                )
            )
        elif link(lk.prev_hash, nid, e.digest) != lk.hash or (
            link(lk.prev_aggregate_hash, e.version, e.digest) != lk.aggregate_hash
        ):
            out.append(_at("altered", lk, "stored bytes differ from what was chained"))
        _check_aggregate(aggregates, lk, out)
        prev_hash = lk.hash
        report.head_notification_id, report.head_hash = nid, lk.hash
    for i, f in enumerate(out):
        lk = links.get(f.notification_id or 0)
        if f.kind == "unreadable" and f.aggregate_id is None and lk is not None:
            out[i] = Finding(
                f.kind, f.notification_id, lk.originator_id, lk.originator_version, f.detail
            )
    if checkpoint is not None:
        _check_checkpoint(checkpoint, links, report)
    return report


def _check_aggregate(aggregates: dict[str, ChainRow], lk: ChainRow, out: list[Finding]) -> None:
    before = aggregates.get(lk.originator_id)
    expected_prev = before.aggregate_hash if before else GENESIS
    last_version = before.originator_version if before else 0
    if lk.originator_version <= last_version:
        out.append(_at("reordered", lk, f"version after version {last_version}"))
    elif lk.originator_version != last_version + 1 or lk.prev_aggregate_hash != expected_prev:
        gap = f"versions {last_version + 1}..{lk.originator_version - 1}"
        out.append(_at("missing", lk, f"aggregate chain broken before it ({gap})"))
    aggregates[lk.originator_id] = lk


def _check_checkpoint(cp: dict[str, Any], links: dict[int, ChainRow], report: Report) -> None:
    nid = _int(cp.get("notification_id"))
    at = links.get(nid) if nid is not None else None
    if at is None:
        detail = (
            "the store's chain ends before the signed checkpoint"
            if (nid is not None and nid > report.head_notification_id)
            else "no link at the signed checkpoint"
        )
        report.findings.append(Finding("checkpoint_mismatch", nid, None, None, detail))
    elif at.hash != cp.get("hash"):
        report.findings.append(
            Finding(
                "checkpoint_mismatch",
                nid,
                at.originator_id,
                at.originator_version,
                "the chain up to the signed checkpoint was rewritten",
            )
        )


def _at(kind: str, lk: ChainRow, detail: str) -> Finding:
    return Finding(kind, lk.notification_id, lk.originator_id, lk.originator_version, detail)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
