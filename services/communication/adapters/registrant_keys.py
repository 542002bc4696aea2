"""A theme-evening registrant's name and e-mail sealed at rest (docs/privacy.md).

Each registrant is a data subject ``registrant:<evening id>:<registration id>`` with a
random data key in ``pkraft_subject_keys`` (the rows of ``shared.privacy.keystore``,
wrapped by the communication master key), written in the caller's own transaction. A
value is stored as ``sealed:v1:`` + base64 of AES-GCM with the subject and the field as
associated data, so a ciphertext moved to another sign-up or field does not open. A
cancelled sign-up's key is destroyed: its fields then read as null.
"""

from __future__ import annotations

import base64
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Protocol

from shared.privacy.envelope import MasterKey, MasterKeyError, new_data_key, open_sealed, seal
from shared.privacy.keystore import TABLE

PREFIX = "sealed:v1:"
# The master key for the revision that seals rows kept in plain text (set around a migration).
MIGRATION_MASTER: ContextVar[MasterKey | None] = ContextVar("comm_master", default=None)


class Sql(Protocol):
    def all(self, sql: str, params: Any = ()) -> list[Any]: ...
    def run(self, sql: str, params: Any = ()) -> int: ...


def subject_of(evening_id: str, registration_id: str) -> str:
    return f"registrant:{evening_id}:{registration_id}"


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


class RegistrantKeys:
    """The registrants' data keys of one transaction (looked up once per evening)."""

    def __init__(self, master: MasterKey | None, sql: Sql) -> None:
        self._master = master
        self._sql = sql
        self._keys: dict[str, bytes | None] = {}
        self._loaded: set[str] = set()
        # (evening, sign-up, field) -> (plain, sealed) of what was opened: saved unchanged,
        # a value keeps its ciphertext instead of being sealed again.
        self._opened: dict[tuple[str, str, str], tuple[str, str]] = {}

    def master(self) -> MasterKey:
        if self._master is None:
            raise MasterKeyError("the communication master key is needed to seal registrants")
        return self._master

    def _load(self, evening_id: str) -> None:
        if evening_id in self._loaded:
            return
        rows = self._sql.all(
            f"SELECT subject_id, wrapped_key FROM {TABLE} WHERE aggregate_id = ?", (evening_id,)
        )
        for subject, wrapped in rows:
            key = self.master().unwrap(subject, base64.b64decode(wrapped)) if wrapped else None
            self._keys[subject] = key
        self._loaded.add(evening_id)

    def key(self, evening_id: str, registration_id: str, create: bool) -> bytes | None:
        """The sign-up's key; None when destroyed (or, without ``create``, never made)."""
        self._load(evening_id)
        subject = subject_of(evening_id, registration_id)
        if subject not in self._keys and create:
            key = new_data_key()
            wrapped = base64.b64encode(self.master().wrap(subject, key)).decode()
            self._sql.run(
                f"INSERT INTO {TABLE} (subject_id, aggregate_id, wrapped_key, master_key_id, "
                "created_at) VALUES (?, ?, ?, ?, ?)",
                (subject, evening_id, wrapped, self.master().key_id, _now()),
            )
            self._keys[subject] = key
        return self._keys.get(subject)

    def destroy(self, evening_id: str, registration_id: str, reason: str) -> None:
        """Destroy the sign-up's key (idempotent), as ``SubjectKeyStore.erase`` does."""
        self._load(evening_id)
        subject = subject_of(evening_id, registration_id)
        if subject not in self._keys:  # never had one (kept plain before r0002): say so
            self._sql.run(
                f"INSERT INTO {TABLE} (subject_id, aggregate_id, created_at, erased_at, "
                "erased_by, reason) VALUES (?, ?, ?, ?, ?, ?)",
                (subject, evening_id, _now(), _now(), "communication", reason),
            )
        elif self._keys[subject] is not None:
            self._sql.run(
                f"UPDATE {TABLE} SET wrapped_key = NULL, master_key_id = NULL, erased_at = ?, "
                "erased_by = ?, reason = ? WHERE subject_id = ? AND erased_at IS NULL",
                (_now(), "communication", reason, subject),
            )
        self._keys[subject] = None

    def seal(self, evening_id: str, registration_id: str, field: str, value: str | None) -> Any:
        """``value`` sealed under the sign-up's key (made on first use); None stays None."""
        if value is None or is_sealed(value):
            return value
        known = self._opened.get((evening_id, registration_id, field))
        if known is not None and known[0] == value:
            return known[1]
        key = self.key(evening_id, registration_id, create=True)
        if key is None:
            return None  # the key was destroyed: nothing of the value is kept
        return seal_value(key, evening_id, registration_id, field, value)

    def open(self, evening_id: str, registration_id: str, field: str, value: Any) -> Any:
        """The plain value; None when the key is destroyed. A value not sealed (a row the
        migration has not reached) is answered as it is."""
        if not is_sealed(value):
            return value
        key = self.key(evening_id, registration_id, create=False)
        if key is None:
            return None
        plain = open_value(key, evening_id, registration_id, field, value)
        self._opened[(evening_id, registration_id, field)] = (plain, value)
        return plain


def seal_value(key: bytes, evening_id: str, registration_id: str, field: str, value: str) -> str:
    """``value`` sealed under the sign-up's data ``key``, bound to the sign-up and field."""
    aad = _aad(evening_id, registration_id, field)
    return PREFIX + base64.b64encode(seal(key, value.encode(), aad)).decode()


def open_value(key: bytes, evening_id: str, registration_id: str, field: str, value: str) -> str:
    """A value :func:`seal_value` sealed, opened."""
    sealed = base64.b64decode(value[len(PREFIX) :])
    return open_sealed(key, sealed, _aad(evening_id, registration_id, field)).decode()


def _aad(evening_id: str, registration_id: str, field: str) -> bytes:
    return f"pkraft-registrant|{evening_id}|{registration_id}|{field}".encode()


def _now() -> str:
    return datetime.now(UTC).isoformat()
