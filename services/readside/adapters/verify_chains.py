"""The ``audit_chain`` part of ``audit verify``: the audit copy's own hashes recomputed,
every link checked against the record before it on its record chain (``*`` or its
partition's, by ``chain_seq``) and on its aggregate's chain (by ``seq``), and every
chain head against the chain's last record (records cut off at the end). A record on
``*`` was kept before partition chains existed (migration r0003): its ``chain_seq`` is
its ``seq`` and its ``seq`` is below every partition chain record's, so a record moved
there (relinked at the end of ``*``) is named."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from services.readside.adapters.verify_report import Finding, Report, about
from services.readside.domain.chain import (
    GENESIS,
    LEGACY,
    chain_key,
    is_record_chain,
    link,
    partition_chain,
)

CHAIN = "audit_chain"


def check_chains(rows: Iterable[dict[str, Any]], heads: dict[str, tuple[int, str]]) -> Report:
    """Recompute every record chain and every aggregate chain over ``rows`` (seq order);
    ``heads`` is ``rs_audit_heads``: every chain's last seq and hash."""
    report = Report()
    last_of: dict[str, dict[str, Any]] = {}
    on_chain: dict[str, list[dict[str, Any]]] = {}

    def found(kind: str, row: dict[str, Any], detail: str) -> None:
        where = about(row, row["ce_id"])
        report.findings.append(
            Finding(kind, detail=detail, part=CHAIN, service=row["service"], **where)
        )

    for row in rows:
        report.records += 1
        on_chain.setdefault(row["chain"], []).append(row)
        chain = chain_key(row["topic"], row["aggregate_id"])
        before = last_of.get(chain)
        if link(row["prev_hash"], row) != row["hash"]:
            found("altered", row, "record does not match its hash")
        if row["prev_aggregate_hash"] != (before["aggregate_hash"] if before else GENESIS):
            found("chain_broken", row, "case chain: previous record missing, changed or moved")
        last_of[chain] = row
    first = min((r["seq"] for n, c in on_chain.items() if n != LEGACY for r in c), default=None)
    for name, chained in sorted(on_chain.items()):
        _record_chain(name, sorted(chained, key=lambda r: r["chain_seq"]), found)
    for row in on_chain.get(LEGACY, []):
        if row["chain_seq"] != row["seq"]:
            found(
                "altered", row, f"global chain: its chain_seq ({row['chain_seq']}) is not its seq"
            )
        elif first is not None and row["seq"] > first:
            detail = f"global chain: recorded after a partition chain's first record (seq {first})"
            found("altered", row, detail)
    report.chains = len(last_of)
    _record_heads(report, heads, on_chain)
    _aggregate_heads(report, heads, last_of)
    return report


def _record_chain(name: str, rows: list[dict[str, Any]], found: Any) -> None:
    """One record chain in its own order: each record names its predecessor's hash, is
    the next place on it and has a later ``seq``; a partition's chain holds only records
    of that partition."""
    previous: dict[str, Any] | None = None
    for row in rows:
        if name != LEGACY and name != partition_chain(row["topic"], row["kafka_partition"]):
            found("chain_broken", row, f"record of another partition on chain {name}")
        follows = (
            row["prev_hash"] == (previous["hash"] if previous else GENESIS)
            and row["chain_seq"] == (previous["chain_seq"] if previous else 0) + 1
            and row["seq"] > (previous["seq"] if previous else 0)
        )
        if not follows:
            what = "global chain" if name == LEGACY else f"chain {name}"
            found("chain_broken", row, f"{what}: previous record missing, changed or moved")
        previous = row


def _record_heads(
    report: Report, heads: dict[str, tuple[int, str]], on_chain: dict[str, list[dict[str, Any]]]
) -> None:
    """Each record chain's head must name its last record (one further on: the newest
    records were removed)."""
    names = {c for c in heads if is_record_chain(c)} | set(on_chain) | {LEGACY}
    for name in sorted(names):
        rows = on_chain.get(name, [])
        last = max(rows, key=lambda r: r["chain_seq"]) if rows else None
        head_seq, head_hash = heads.get(name, (0, GENESIS))
        last_seq, last_hash = (last["seq"], last["hash"]) if last else (0, GENESIS)
        if (head_seq, head_hash) == (last_seq, last_hash):
            continue
        what = "" if name == LEGACY else f" of chain {name}"
        report.findings.append(
            Finding(
                "missing",
                ce_id="",
                seq=head_seq,
                detail=f"the newest records{what} were removed (chain head at seq {head_seq}, "
                f"the last record is seq {last_seq})",
                part=CHAIN,
            )
        )


def _aggregate_heads(
    report: Report, heads: dict[str, tuple[int, str]], last_of: dict[str, dict[str, Any]]
) -> None:
    """Each aggregate's head must name its last record: one further on names records cut
    off (from the version after the last one left), one further back records added."""
    services = {r["topic"]: r["service"] for r in last_of.values()}
    for chain, (seq, hash_) in sorted(heads.items()):
        last = last_of.get(chain)
        if is_record_chain(chain) or (
            last and (last["seq"], last["aggregate_hash"]) == (seq, hash_)
        ):
            continue
        topic, _, aggregate = chain.partition("|")
        if last is None or seq > last["seq"]:
            version = last["aggregate_version"] if last else None
            report.findings.append(
                Finding(
                    "missing",
                    ce_id="",
                    seq=seq,
                    aggregate_id=aggregate,
                    version=version + 1 if version is not None else None,
                    detail=f"the newest records of this aggregate were removed (its chain "
                    f"head is at seq {seq}, "
                    + (f"its last record at seq {last['seq']})" if last else "none is left)"),
                    part=CHAIN,
                    service=services.get(topic),
                )
            )
        else:
            where = about(last, last["ce_id"])
            report.findings.append(
                Finding(
                    "chain_broken",
                    detail=f"the aggregate's chain head (seq {seq}) is not its last record",
                    part=CHAIN,
                    service=last["service"],
                    **where,
                )
            )
