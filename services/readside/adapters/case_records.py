"""The newest audit records about a case, a page at a time, read through its indexes.

A record is about a case when the case is its aggregate (the cases service's events) or
its ``case_id`` (other services' events about the case). Asked as one condition,
``aggregate_id = :id OR case_id = :id ... ORDER BY seq DESC LIMIT n``, PostgreSQL walks
the whole log backwards from its newest record and filters, reading every other case's
records on the way (7.7 ms and 1,475 buffers for a 100-entry page of one of 50 cases in
15,000 records). Here each side takes its newest ``n`` from its own index
(``rs_audit_aggregate``, ``rs_audit_case``: ``(id, seq)``), the union of those at most
``2n`` seqs cut to the newest ``n``, and those rows read by primary key (joined, with
no LIMIT outside: with one the planner walks the log backwards again), newest first:
the same rows, in time that grows with the page, not with the log.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, select, union

from services.readside.adapters.tables import rs_audit as a

NEWEST = 2**62  # a seq above every record's: the first page
# What a timeline entry shows (``queries.timeline_entry``): not the hashes, offsets, ...
SHOWN = ("seq", "service", "ce_type", "aggregate_version", "occurred_at", "actor", "data")


def newest_records(
    case_id: Any, limit: Any, before_seq: Any = None, gate: ColumnElement[bool] | None = None
) -> Select[Any]:
    """The newest ``limit`` records about ``case_id`` before ``before_seq`` (newest
    first; the columns a timeline shows), with ``gate`` as an extra condition. Values or
    ``bindparam``s."""
    before = before_seq if before_seq is not None else NEWEST
    sides = [
        select(a.c.seq)
        .where(column == case_id, a.c.seq < before)
        .order_by(a.c.seq.desc())
        .limit(limit)
        .subquery()
        for column in (a.c.aggregate_id, a.c.case_id)
    ]
    both = union(select(sides[0].c.seq), select(sides[1].c.seq))
    seqs = both.order_by(both.selected_columns.seq.desc()).limit(limit).subquery("newest")
    shown = [a.c[name] for name in SHOWN]
    query = select(*shown).join(seqs, a.c.seq == seqs.c.seq)  # by primary key, page-sized
    if gate is not None:
        query = query.where(gate)
    return query.order_by(a.c.seq.desc())
