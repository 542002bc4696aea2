"""The access log: who read whose personal data, when, where and why (issue 10).

One row per read, in the owning service's own database (table ``pkraft_access_log``,
made by its migrations; the cases, the councils and the communication service each keep
one). ``case_id`` names the aggregate read: a case in the cases service, a council in
the councils service, a theme evening in the communication service. Append-only and
hash-chained like the audit trail of the events. The recipe (repeated in docs/privacy.md
for whoever checks it elsewhere):

- the record is an object of exactly the :data:`HASHED_FIELDS` with their stored values:
  ``seq`` an integer; ``roles`` and ``subjects`` lists of strings (sorted); the rest
  strings or null;
- its canonical JSON has the keys sorted, no whitespace, non-ASCII written as itself;
- ``hash`` is the lower-case hex SHA-256 of the UTF-8 bytes of
  ``prev_hash + canonical_json(record)``; the first row's ``prev_hash`` is 64 zeros.

The rows hold ids, roles, an endpoint and a time: nothing personal.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from shared.sqldb import Database

TABLE = "pkraft_access_log"
GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "read_at",
    "actor",
    "roles",
    "endpoint",
    "case_id",
    "subjects",
    "correlation_id",
)
_LOCK_ID = 0x706B5F61636C  # PostgreSQL advisory lock: one appender at a time

_COLUMNS = (*HASHED_FIELDS, "prev_hash", "hash")
# The table, its index and its append-only guards (an UPDATE or DELETE is refused in the
# database too; whoever drops them to get round it leaves a broken chain for verify to
# name) are made by the owning service's migrations (``shared.store_tables``).


class AccessLogUnavailable(Exception):
    """The log could not be written; the read must not be served."""


@dataclass(frozen=True)
class AccessEntry:
    """One read: who (token subject and roles), when, which endpoint, case and subjects."""

    actor: str
    roles: list[str]
    endpoint: str
    case_id: str | None
    subjects: list[str]
    correlation_id: str | None
    read_at: str = ""
    seq: int = 0
    prev_hash: str = ""
    hash: str = ""

    def record(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in HASHED_FIELDS}

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link(previous: str, record: dict[str, Any]) -> str:
    """The hash of ``record`` chained to ``previous``."""
    body = canonical_json({k: record.get(k) for k in HASHED_FIELDS})
    return hashlib.sha256((previous + body).encode()).hexdigest()


@dataclass(frozen=True)
class Finding:
    kind: str  # altered, missing, chain_broken, unreadable
    seq: int
    detail: str


@dataclass
class VerifyReport:
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "rows": self.rows, "findings": [asdict(f) for f in self.findings]}


def _from_row(row: dict[str, Any]) -> AccessEntry:
    return AccessEntry(
        seq=int(row["seq"]),
        read_at=row["read_at"],
        actor=row["actor"],
        roles=json.loads(row["roles"]),
        endpoint=row["endpoint"],
        case_id=row["case_id"],
        subjects=json.loads(row["subjects"]),
        correlation_id=row["correlation_id"],
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


class AccessLog:
    """Appends reads to the chained log and pages through it."""

    def __init__(self, db: Database) -> None:
        """The log in ``db``, whose migrations made its table (cases, councils: r0001)."""
        self.db = db
        self._lock = threading.Lock()

    def append(self, entry: AccessEntry) -> AccessEntry:
        """Write one read to the log (raises AccessLogUnavailable when it cannot)."""
        try:
            with self._lock, self.db.write() as tx:
                if tx.postgres:
                    tx.execute("SELECT pg_advisory_xact_lock(?)", (_LOCK_ID,))
                last = tx.one(f"SELECT seq, hash FROM {TABLE} ORDER BY seq DESC LIMIT 1")
                seq, prev = (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS)
                done = AccessEntry(
                    actor=entry.actor,
                    roles=sorted(entry.roles),
                    endpoint=entry.endpoint,
                    case_id=entry.case_id,
                    subjects=sorted(entry.subjects),
                    correlation_id=entry.correlation_id,
                    read_at=entry.read_at or datetime.now(UTC).isoformat(),
                    seq=seq,
                    prev_hash=prev,
                )
                done = AccessEntry(**{**asdict(done), "hash": link(prev, done.record())})
                values = [getattr(done, c) for c in _COLUMNS]
                values[HASHED_FIELDS.index("roles")] = json.dumps(done.roles)
                values[HASHED_FIELDS.index("subjects")] = json.dumps(done.subjects)
                marks = ", ".join("?" for _ in _COLUMNS)
                tx.run(f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}) VALUES ({marks})", values)
        except Exception as exc:  # any failure: the read is refused, not served unlogged
            raise AccessLogUnavailable(str(type(exc).__name__)) from exc
        return done

    def for_case(self, case_id: str, offset: int = 0, limit: int = 100) -> list[AccessEntry]:
        """The reads of one case, oldest first."""
        with self.db.read() as tx:
            rows = tx.dicts(
                f"SELECT * FROM {TABLE} WHERE case_id = ? ORDER BY seq LIMIT ? OFFSET ?",
                (case_id, limit, offset),
            )
        return [_from_row(r) for r in rows]

    def count_for_case(self, case_id: str) -> int:
        with self.db.read() as tx:
            row = tx.one(f"SELECT COUNT(*) FROM {TABLE} WHERE case_id = ?", (case_id,))
        return int(row[0]) if row else 0

    def for_subject(self, subject_id: str) -> list[AccessEntry]:
        """The reads that touched one subject, oldest first."""
        case_id = subject_id.split(":")[1] if subject_id.count(":") >= 1 else ""
        with self.db.read() as tx:
            rows = tx.dicts(f"SELECT * FROM {TABLE} WHERE case_id = ? ORDER BY seq", (case_id,))
        return [e for e in map(_from_row, rows) if subject_id in e.subjects]

    def verify(self) -> VerifyReport:
        """Recompute the chain: rows altered (own hash wrong), missing (a gap in seq or a
        broken link to the row before)."""
        report = VerifyReport()
        with self.db.read() as tx:
            rows = tx.dicts(f"SELECT * FROM {TABLE} ORDER BY seq")
        previous, expected_seq = GENESIS, 1
        for row in rows:
            report.rows += 1
            seq = int(row["seq"])
            try:
                entry = _from_row(row)
            except (TypeError, ValueError):
                report.findings.append(Finding("unreadable", seq, "roles or subjects not JSON"))
                previous, expected_seq = str(row["hash"]), seq + 1
                continue
            if seq != expected_seq:
                gap = f"{expected_seq}" + (f"-{seq - 1}" if seq - 1 > expected_seq else "")
                report.findings.append(Finding("missing", expected_seq, f"rows {gap} missing"))
            elif entry.prev_hash != previous:
                report.findings.append(
                    Finding("chain_broken", seq, "prev_hash is not the hash of the row before")
                )
            if link(entry.prev_hash, entry.record()) != entry.hash:
                report.findings.append(
                    Finding("altered", seq, "the row's fields do not give its hash")
                )
            previous, expected_seq = entry.hash, seq + 1
        return report
