"""Re-checking an exported history (JSON Lines) without the system: every line's two
hashes are recomputed, every aggregate chain in the file is followed link by link, and
every record chain (topic partition) as far as the file holds it.

An export holds whole aggregate chains: the case's own, and those of messages about it
(every event of a message names its case). So each chain in the file starts at the
genesis hash and each record's predecessor is the record before it in that chain.

It holds only a part of each record chain (other cases' records lie between), placed by
``chain`` and ``chain_seq``: each line must be on its own partition's chain or on ``*``
(records kept before partition chains: there ``chain_seq`` equals ``seq``, and each one's
``seq`` is below every partition chain record's in the file), its places
increase with ``seq``, the first place's predecessor is the genesis hash, and where two
lines are next to each other on a chain the later one links to the earlier one's
``hash``. The places between two lines that are not next to each other are records the
file does not hold (``unlinked``): only the store can show those links
(``pkraft audit verify``). An export made before record chains has no places; its
aggregate chains are checked alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from services.readside.domain.chain import (
    GENESIS,
    HASH_FIELDS,
    HASHED_FIELDS,
    LEGACY,
    PLACE_FIELDS,
    chain_key,
    link,
    partition_chain,
)


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
    chain: Any = None  # the record chain, when the finding is about a link on it


@dataclass
class ExportReport:
    """What the offline check found; ``ok`` when nothing."""

    records: int = 0
    chains: int = 0  # aggregate chains
    record_chains: int = 0
    unlinked: int = 0  # places on the record chains between lines, not in the file
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
            "record_chains": self.record_chains,
            "unlinked": self.unlinked,
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
    if any(k in record for k in PLACE_FIELDS) and not (
        isinstance(record.get("chain"), str) and _place(record.get("chain_seq")) > 0
    ):
        return "the record's place (chain, chain_seq) is not a name and a positive integer"
    return record


def _place(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _ids(r: dict[str, Any]) -> dict[str, Any]:
    keys = ("seq", "ce_id", "aggregate_id")
    return {**{k: r[k] for k in keys}, "version": r["aggregate_version"]}


def _where(line: int, r: dict[str, Any]) -> dict[str, Any]:
    return {"line": line, **_ids(r)}


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
    placed = sum(1 for _, r in records if "chain" in r)
    if 0 < placed < len(records):  # places dropped from some lines
        report.findings += [
            ExportFinding("unreadable", n, "the line lacks chain, chain_seq", **_ids(r))
            for n, r in records
            if "chain" not in r
        ]
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
    _check_record_chains([(n, r) for n, r in records if "chain" in r], report)
    return report


def _check_record_chains(records: list[tuple[int, dict[str, Any]]], report: ExportReport) -> None:
    """Follow each record chain through the lines on it (``records`` in file order)."""
    last: dict[str, tuple[int, dict[str, Any]]] = {}
    line_of = {(r["chain"], r["hash"]): n for n, r in records}
    first = _first_on_partitions(records)
    for number, r in records:
        chain, place = r["chain"], r["chain_seq"]
        where = {**_where(number, r), "chain": chain}
        own = partition_chain(str(r["topic"]), r["kafka_partition"])
        if chain not in (own, LEGACY):
            detail = f"it is placed on {chain}, not on its partition's chain {own}"
            report.findings.append(ExportFinding("altered", detail=detail, **where))
        if chain == LEGACY and (detail := _legacy_finding(r, first)):
            report.findings.append(ExportFinding("altered", detail=detail, **where))
        previous = last.get(chain)
        before = line_of.get((chain, r["prev_hash"]))
        kind, detail = _link_finding(place, r["prev_hash"], previous, before)
        if kind:
            report.findings.append(ExportFinding(kind, detail=detail, **where))
        elif previous is not None:
            report.unlinked += place - previous[1]["chain_seq"] - 1
        if previous is None or place > previous[1]["chain_seq"]:
            last[chain] = (number, r)
    report.record_chains = len(last)


def _first_on_partitions(records: list[tuple[int, dict[str, Any]]]) -> tuple[int, Any] | None:
    """The line and ``seq`` of the earliest record on a partition chain (None: none)."""
    placed = [(r["seq"], n) for n, r in records if r["chain"] != LEGACY and _place(r["seq"])]
    if not placed:
        return None
    seq, line = min(placed)
    return line, seq


def _legacy_finding(r: dict[str, Any], first: tuple[int, Any] | None) -> str:
    """What is wrong with a line on ``*`` ('' when nothing): every record there was kept
    before partition chains existed, at ``chain_seq`` equal to its ``seq``, and every
    partition chain's record was recorded after all of them (higher ``seq``)."""
    if r["chain_seq"] != r["seq"]:
        return f"on chain {LEGACY} its chain_seq ({r['chain_seq']}) must equal its seq"
    if first is not None and _place(r["seq"]) > first[1]:
        line, seq = first
        return (
            f"on chain {LEGACY} but recorded after line {line} (seq {seq}) on a partition "
            f"chain: every {LEGACY} record is older than every partition chain's"
        )
    return ""


def _link_finding(
    place: int, prev_hash: str, previous: tuple[int, dict[str, Any]] | None, before: int | None
) -> tuple[str, str]:
    """What is wrong with a line's link on its record chain ('' when nothing): the line
    before it on the chain in the file is ``previous``; ``before`` the line whose hash
    its ``prev_hash`` is."""
    if (place == 1) != (prev_hash == GENESIS):
        return "reordered", f"chain_seq {place}: only chain_seq 1 links to the genesis hash"
    if previous is None:
        return "", ""  # its predecessor lies before the file's first line on the chain
    line, r = previous
    if place <= r["chain_seq"]:
        return "reordered", f"chain_seq {place} is not after line {line}'s ({r['chain_seq']})"
    if place == r["chain_seq"] + 1 and prev_hash != r["hash"]:
        detail = "the record before it on its record chain is not the one on line"
        return "missing", f"{detail} {line} (removed, or changed together with its hash)"
    if place > r["chain_seq"] + 1 and before is not None:
        return "reordered", f"its predecessor is line {before}, not a record between"
    return "", ""


def _chain(r: dict[str, Any]) -> str:
    return chain_key(str(r["topic"]), str(r["aggregate_id"]))


def _before(seq: Any, previous: Any) -> bool:
    return isinstance(seq, int) and isinstance(previous, int) and seq <= previous
