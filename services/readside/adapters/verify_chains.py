"""The ``audit_chain`` part of ``audit verify``: the audit copy's own hashes recomputed,
every link checked against the record before it (globally and per aggregate), and every
chain head against the chain's last record (records cut off at the end)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from services.readside.adapters import audit
from services.readside.adapters.verify_report import Finding, Report, about
from services.readside.domain.chain import GENESIS, chain_key, link

CHAIN = "audit_chain"


def check_chains(rows: Iterable[dict[str, Any]], heads: dict[str, tuple[int, str]]) -> Report:
    """Recompute the global chain and every aggregate chain over ``rows`` (seq order);
    ``heads`` is ``rs_audit_heads``: every chain's last seq and hash."""
    report = Report()
    previous = GENESIS
    last_of: dict[str, dict[str, Any]] = {}
    last_seq = 0

    def found(kind: str, row: dict[str, Any], detail: str) -> None:
        where = about(row, row["ce_id"])
        report.findings.append(
            Finding(kind, detail=detail, part=CHAIN, service=row["service"], **where)
        )

    for row in rows:
        report.records += 1
        chain = chain_key(row["topic"], row["aggregate_id"])
        before = last_of.get(chain)
        if link(row["prev_hash"], row) != row["hash"]:
            found("altered", row, "record does not match its hash")
        if row["prev_hash"] != previous:
            found("chain_broken", row, "global chain: previous record missing, changed or moved")
        if row["prev_aggregate_hash"] != (before["aggregate_hash"] if before else GENESIS):
            found("chain_broken", row, "case chain: previous record missing, changed or moved")
        previous, last_of[chain], last_seq = row["hash"], row, row["seq"]
    report.chains = len(last_of)
    head_seq, head_hash = heads.get(audit.GLOBAL, (0, GENESIS))
    if (head_seq, head_hash) != (last_seq, previous):
        report.findings.append(
            Finding(
                "missing",
                ce_id="",
                seq=head_seq,
                detail=f"the newest records were removed (chain head at seq {head_seq}, "
                f"the last record is seq {last_seq})",
                part=CHAIN,
            )
        )
    _aggregate_heads(report, heads, last_of)
    return report


def _aggregate_heads(
    report: Report, heads: dict[str, tuple[int, str]], last_of: dict[str, dict[str, Any]]
) -> None:
    """Each aggregate's head must name its last record: one further on names records cut
    off (from the version after the last one left), one further back records added."""
    services = {r["topic"]: r["service"] for r in last_of.values()}
    for chain, (seq, hash_) in sorted(heads.items()):
        last = last_of.get(chain)
        if chain == audit.GLOBAL or (
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
