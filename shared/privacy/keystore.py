"""The data-key store: one random AES-256 key per data subject, wrapped by the master key.

Rows live in the owning service's own database (table ``pkraft_subject_keys``, with a
partial index on erased subjects: made by the service's migrations, never here). Erasing a
subject overwrites its wrapped key with NULL and records when, by whom and why; every
value encrypted under that key is unreadable from then on, and no event row changes.
"""

from __future__ import annotations

import base64
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from shared.errors import NotFoundError
from shared.privacy.envelope import MasterKey, new_data_key
from shared.sqldb import Database

TABLE = "pkraft_subject_keys"
_CACHE_SECONDS = 30.0  # another process's erasure is seen within this time


@dataclass(frozen=True)
class Erasure:
    """When, by whom and why a subject's key was destroyed."""

    subject_id: str
    aggregate_id: str
    erased_at: str
    erased_by: str
    reason: str


@dataclass(frozen=True)
class _Row:
    subject_id: str
    aggregate_id: str
    wrapped_key: str | None
    master_key_id: str | None
    created_at: str
    erased_at: str | None
    erased_by: str | None
    reason: str | None


class SubjectKeyStore:
    """Data keys per subject; on a database, or in memory when ``db`` is None (unit tests)."""

    def __init__(self, master: MasterKey, db: Database | None = None) -> None:
        self.master = master
        self.db = db
        self._memory: dict[str, _Row] = {}
        self._cache: dict[str, tuple[bytes | None, float]] = {}
        self._lock = threading.Lock()

    # -- reading and creating keys ------------------------------------------------------

    def key_for(self, subject_id: str, aggregate_id: str, create: bool) -> bytes | None:
        """The subject's data key; None when it was erased (or, with ``create`` False,
        never existed). With ``create`` a missing key is made and stored first."""
        cached = self._cache.get(subject_id)
        if cached is not None and cached[1] > time.monotonic():
            return cached[0]  # only subjects with a row are cached: a key, or erased
        row = self._row(subject_id)
        if row is None and create:
            self._insert(subject_id, aggregate_id)
            row = self._row(subject_id)
        key = None
        if row is not None and row.wrapped_key is not None:
            key = self.master.unwrap(subject_id, base64.b64decode(row.wrapped_key))
        if row is not None:
            self._cache[subject_id] = (key, time.monotonic() + _CACHE_SECONDS)
        return key

    def _insert(self, subject_id: str, aggregate_id: str) -> None:
        wrapped = base64.b64encode(self.master.wrap(subject_id, new_data_key())).decode()
        row = _Row(subject_id, aggregate_id, wrapped, self.master.key_id, _now(), None, None, None)
        if self.db is None:
            with self._lock:
                self._memory.setdefault(subject_id, row)
            return
        with self.db.write() as tx:
            tx.run(
                f"INSERT INTO {TABLE} (subject_id, aggregate_id, wrapped_key, master_key_id, "
                "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (subject_id) DO NOTHING",
                (subject_id, aggregate_id, wrapped, self.master.key_id, row.created_at),
            )

    def _row(self, subject_id: str) -> _Row | None:
        if self.db is None:
            return self._memory.get(subject_id)
        with self.db.read() as tx:
            found = tx.one(f"SELECT * FROM {TABLE} WHERE subject_id = ?", (subject_id,))
        return _Row(*found) if found is not None else None

    # -- erasure ------------------------------------------------------------------------

    def erase(self, subject_id: str, erased_by: str, reason: str) -> Erasure:
        """Destroy the subject's key (idempotent: a second call answers the first erasure)."""
        now = _now()
        if self.db is None:
            with self._lock:
                row = self._memory.get(subject_id)
                if row is not None and row.erased_at is None:
                    self._memory[subject_id] = _Row(
                        subject_id, row.aggregate_id, None, None, row.created_at,
                        now, erased_by, reason,
                    )  # fmt: skip
        else:
            with self.db.write() as tx:
                tx.run(
                    f"UPDATE {TABLE} SET wrapped_key = NULL, master_key_id = NULL, "
                    "erased_at = ?, erased_by = ?, reason = ? "
                    "WHERE subject_id = ? AND erased_at IS NULL",
                    (now, erased_by, reason, subject_id),
                )
        self._cache[subject_id] = (None, time.monotonic() + _CACHE_SECONDS)
        erasure = self.erasure(subject_id)
        if erasure is None:
            self._cache.pop(subject_id, None)
            raise NotFoundError("subject_not_found", "no data subject with that id")
        return erasure

    def erasure(self, subject_id: str) -> Erasure | None:
        """The subject's erasure, or None when it was not erased (or is unknown)."""
        row = self._row(subject_id)
        return _erasure(row) if row is not None else None

    def exists(self, subject_id: str) -> bool:
        return self._row(subject_id) is not None

    def erasures(self, aggregate_id: str) -> dict[str, Erasure]:
        """Every erased subject of one aggregate."""
        if self.db is None:
            rows = [r for r in self._memory.values() if r.aggregate_id == aggregate_id]
        else:
            with self.db.read() as tx:
                found = tx.all(
                    f"SELECT * FROM {TABLE} WHERE aggregate_id = ? AND erased_at IS NOT NULL",
                    (aggregate_id,),
                )
            rows = [_Row(*r) for r in found]
        return {r.subject_id: e for r in rows if (e := _erasure(r)) is not None}

    # -- rotation -----------------------------------------------------------------------

    def rotate(self, new_master: MasterKey) -> int:
        """Rewrap every live data key under ``new_master``; returns how many were rewrapped.
        Keys already under the new master are skipped, so an interrupted run can resume."""
        count = 0
        for row in self._live_rows():
            if row.master_key_id == new_master.key_id or row.wrapped_key is None:
                continue
            key = self.master.unwrap(row.subject_id, base64.b64decode(row.wrapped_key))
            wrapped = base64.b64encode(new_master.wrap(row.subject_id, key)).decode()
            self._rewrap(row, wrapped, new_master.key_id)
            count += 1
        self.master = new_master
        self._cache.clear()
        return count

    def _live_rows(self) -> list[_Row]:
        if self.db is None:
            return [r for r in self._memory.values() if r.wrapped_key is not None]
        with self.db.read() as tx:
            found = tx.all(f"SELECT * FROM {TABLE} WHERE wrapped_key IS NOT NULL")
        return [_Row(*r) for r in found]

    def _rewrap(self, row: _Row, wrapped: str, key_id: str) -> None:
        if self.db is None:
            self._memory[row.subject_id] = _Row(
                row.subject_id, row.aggregate_id, wrapped, key_id, row.created_at,
                None, None, None,
            )  # fmt: skip
            return
        with self.db.write() as tx:
            tx.run(
                f"UPDATE {TABLE} SET wrapped_key = ?, master_key_id = ? "
                "WHERE subject_id = ? AND wrapped_key IS NOT NULL",
                (wrapped, key_id, row.subject_id),
            )

    def close(self) -> None:
        """Close the database connections (the key cache stays until the object goes)."""
        if self.db is not None:
            self.db.close()

    def raw_rows(self) -> list[dict[str, Any]]:
        """The stored rows as they are (for tests and the operator's inspection)."""
        if self.db is None:
            return [vars(r) for r in self._memory.values()]
        with self.db.read() as tx:
            rows: list[dict[str, Any]] = tx.dicts(f"SELECT * FROM {TABLE} ORDER BY subject_id")
        return rows


def _erasure(row: _Row) -> Erasure | None:
    if row.erased_at is None:
        return None
    return Erasure(
        row.subject_id, row.aggregate_id, row.erased_at, row.erased_by or "", row.reason or ""
    )


def _now() -> str:
    return datetime.now(UTC).isoformat()
