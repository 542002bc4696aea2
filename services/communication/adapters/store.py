"""The SQL store: projection, messages, timers, the theme evenings' list and follower
position, records and the outbox."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import fields
from datetime import datetime
from typing import Any

from services.communication.adapters import schema
from services.communication.adapters.evening_rows import open_message, seal_message
from services.communication.adapters.registrant_keys import RegistrantKeys
from services.communication.adapters.schema import OUTBOX_CHANNEL, OUTBOX_LOCK_KEY
from services.communication.domain.message import SENDING, Message, parse_stamp, stamp
from services.communication.domain.model import CaseView
from services.communication.domain.rules import Timer
from shared.contracts.communication import CommunicationEvent
from shared.eventstore import StoreUrl
from shared.privacy.envelope import MasterKey
from shared.sqldb import Database, Row, Tx

MESSAGE_COLUMNS = [f.name for f in fields(Message)]
_SELECT = f"SELECT {', '.join(MESSAGE_COLUMNS)} FROM comm_messages"


class SqlTx:
    """:class:`StoreTx` on one SQL transaction (a registrant's fields sealed with
    ``master``, see ``registrant_keys.py``)."""

    def __init__(self, tx: Tx, master: MasterKey | None = None) -> None:
        self._tx = tx
        self._keys = RegistrantKeys(master, tx)

    def _message(self, row: Row) -> Message:
        values = dict(zip(MESSAGE_COLUMNS, row, strict=True))
        return Message(**open_message(values, self._keys))

    def claim_inbound(self, ce_id: str) -> bool:
        return (
            self._tx.run(
                "INSERT INTO comm_inbox (ce_id, received_at) VALUES (?, CURRENT_TIMESTAMP) "
                "ON CONFLICT DO NOTHING",
                (ce_id,),
            )
            == 1
        )

    def load_case(self, case_id: str) -> CaseView | None:
        row = self._tx.one("SELECT data FROM comm_cases WHERE case_id = ?", (case_id,))
        return CaseView.from_json(json.loads(row[0])) if row else None

    def save_case(self, view: CaseView) -> None:
        self._tx.run(
            "INSERT INTO comm_cases (case_id, tilbud_id, data) VALUES (?, ?, ?) ON CONFLICT "
            "(case_id) DO UPDATE SET tilbud_id = excluded.tilbud_id, data = excluded.data",
            (view.case_id, view.tilbud_id, json.dumps(view.to_json())),
        )

    def cases_of(self, tilbud_ids: list[str] | None) -> list[CaseView]:
        if tilbud_ids is None:
            rows = self._tx.all("SELECT data FROM comm_cases ORDER BY case_id")
        else:
            marks = ", ".join("?" for _ in tilbud_ids) or "NULL"
            rows = self._tx.all(
                f"SELECT data FROM comm_cases WHERE tilbud_id IN ({marks}) ORDER BY case_id",
                tilbud_ids,
            )
        return [CaseView.from_json(json.loads(r[0])) for r in rows]

    def queue(self, message: Message, now: str) -> bool:
        values = {c: getattr(message, c) for c in MESSAGE_COLUMNS}
        values = {**seal_message(values, self._keys), "created_at": now}
        cols = [*MESSAGE_COLUMNS, "next_attempt_at"]
        return (
            self._tx.run(
                f"INSERT INTO comm_messages ({', '.join(cols)}) VALUES "
                f"({', '.join('?' for _ in cols)}) ON CONFLICT DO NOTHING",
                [*values.values(), now],
            )
            == 1
        )

    def publish(self, ce_id: str, subject: str, event: CommunicationEvent) -> None:
        if self._tx.postgres:
            self._tx.run("SELECT pg_advisory_xact_lock(?)", (OUTBOX_LOCK_KEY,))
            self._tx.notify(OUTBOX_CHANNEL)
        self._tx.run(
            "INSERT INTO comm_outbox (ce_id, ce_type, subject, occurred_at, data) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                ce_id,
                event.ce_type(),
                subject,
                event.occurred_at.isoformat(),
                event.model_dump_json(),
            ),
        )

    def set_timer(self, timer: Timer) -> None:
        self._tx.run(
            "INSERT INTO comm_timers (timer_id, kind, due_at, case_id, payload, state) "
            "VALUES (?, ?, ?, ?, ?, 'pending') ON CONFLICT DO NOTHING",
            (timer.timer_id, timer.kind, _stamp(timer), timer.case_id, json.dumps(timer.payload)),
        )

    def cancel_timer(self, timer_id: str) -> None:
        self._tx.run(
            "UPDATE comm_timers SET state = 'cancelled' WHERE timer_id = ? AND state = 'pending'",
            (timer_id,),
        )

    def due_timers(self, now: str, limit: int) -> list[Timer]:
        rows = self._tx.all(
            "SELECT timer_id, kind, due_at, case_id, payload FROM comm_timers WHERE "
            "state = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?",
            (now, limit),
        )
        return [Timer(r[0], r[1], parse_stamp(r[2]), r[3], json.loads(r[4])) for r in rows]

    def fire_timer(self, timer_id: str) -> None:
        self._tx.run("UPDATE comm_timers SET state = 'fired' WHERE timer_id = ?", (timer_id,))

    def claim_next(self, now: str, lease_until: str) -> Message | None:
        row = self._tx.one(
            f"{_SELECT} WHERE (status = 'queued' AND next_attempt_at <= ?) OR "
            "(status = 'sending' AND lease_until <= ?) ORDER BY next_attempt_at LIMIT 1",
            (now, now),
        )
        if row is None:
            return None
        message = self._message(row)
        self._tx.run(
            "UPDATE comm_messages SET status = ?, attempts = attempts + 1, lease_until = ? "
            "WHERE message_id = ?",
            (SENDING, lease_until, message.message_id),
        )
        return self.load_message(message.message_id)

    def load_message(self, message_id: str) -> Message | None:
        row = self._tx.one(f"{_SELECT} WHERE message_id = ?", (message_id,))
        return self._message(row) if row else None

    def mark(
        self,
        message_id: str,
        status: str,
        *,
        now: str,
        error: str | None = None,
        retry_at: str | None = None,
        channel: str | None = None,
        uncount: bool = False,
    ) -> None:
        self._tx.run(
            "UPDATE comm_messages SET status = ?, last_error = ?, lease_until = NULL, "
            "next_attempt_at = COALESCE(?, next_attempt_at), channel = COALESCE(?, channel), "
            "attempts = attempts - ?, "
            "sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE message_id = ?",
            (status, error, retry_at, channel, 1 if uncount else 0, status, now, message_id),
        )

    def messages(
        self, *, case_id: str | None = None, relative_id: str | None = None, limit: int = 200
    ) -> list[Message]:
        where, params = ["1 = 1"], []
        if case_id is not None:
            where.append("case_id = ?")
            params.append(case_id)
        if relative_id is not None:
            where.append("recipient_type = 'relative' AND recipient_id = ?")
            params.append(relative_id)
        rows = self._tx.all(
            f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY created_at, message_id LIMIT ?",
            [*params, limit],
        )
        return [self._message(r) for r in rows]

    def followed(self, name: str) -> int:
        row = self._tx.one("SELECT position FROM comm_followed WHERE name = ?", (name,))
        return int(row[0]) if row else 0

    def follow(self, name: str, position: int) -> None:
        self._tx.run(
            "INSERT INTO comm_followed (name, position) VALUES (?, ?) ON CONFLICT (name) "
            "DO UPDATE SET position = excluded.position",
            (name, position),
        )

    def index_evening(self, evening_id: str, starts_at: datetime) -> None:
        self._tx.run(
            "INSERT INTO comm_evening_starts (evening_id, starts_at) VALUES (?, ?) "
            "ON CONFLICT (evening_id) DO UPDATE SET starts_at = excluded.starts_at",
            (evening_id, stamp(starts_at)),
        )

    def list_evenings(
        self, since: datetime | None, limit: int, offset: int
    ) -> tuple[list[str], int]:
        after = stamp(since) if since is not None else ""
        total = self._tx.one(
            "SELECT COUNT(*) FROM comm_evening_starts WHERE starts_at >= ?", (after,)
        )
        rows = self._tx.all(
            "SELECT evening_id FROM comm_evening_starts WHERE starts_at >= ? "
            "ORDER BY starts_at, evening_id LIMIT ? OFFSET ?",
            (after, limit, offset),
        )
        return [r[0] for r in rows], int(total[0]) if total else 0

    def evenings_before(self, until: datetime) -> list[str]:
        rows = self._tx.all(
            "SELECT evening_id FROM comm_evening_starts WHERE starts_at < ? ORDER BY starts_at",
            (stamp(until),),
        )
        return [r[0] for r in rows]

    def put_record(self, kind: str, key: str, data: dict[str, Any]) -> bool:
        return (
            self._tx.run(
                "INSERT INTO comm_records (kind, key, data) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (kind, key, json.dumps(data)),
            )
            == 1
        )

    def records(self, kind: str, prefix: str) -> list[dict[str, Any]]:
        rows = self._tx.all(
            "SELECT data FROM comm_records WHERE kind = ? AND key LIKE ? ORDER BY key",
            (kind, f"{prefix}%"),
        )
        return [json.loads(r[0]) for r in rows]


def _stamp(timer: Timer) -> str:
    return stamp(timer.due_at)


class SqlStore:
    """:class:`Store` on the service's database, brought to this release's schema first."""

    def __init__(
        self, url: StoreUrl, *, upgrade: bool = True, master: MasterKey | None = None
    ) -> None:
        """``upgrade`` False (outside dev mode): refuse a database whose schema is behind
        (``shared.migrations.SchemaBehind``) instead of migrating it. ``master`` seals the
        registrants' fields (a store without it cannot save or read a sign-up)."""
        schema.prepare(url, upgrade=upgrade, master=master)
        self.db = Database(url)
        self.master = master

    @contextlib.contextmanager
    def transaction(self) -> Iterator[SqlTx]:
        with self.db.transaction() as tx:
            yield SqlTx(tx, self.master)

    def close(self) -> None:
        self.db.close()
