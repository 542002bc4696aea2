"""The SQL store: projection, messages, timers, the theme evenings' list and follower
position, records and the outbox."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import fields
from typing import Any

import sqlalchemy as sa

from services.communication.adapters import schema
from services.communication.adapters import tables as t
from services.communication.adapters.evening_list import EveningList
from services.communication.adapters.evening_rows import open_message, seal_message
from services.communication.adapters.registrant_keys import RegistrantKeys
from services.communication.adapters.schema import OUTBOX_CHANNEL, OUTBOX_LOCK_KEY
from services.communication.domain.message import SENDING, SENT, Message, parse_stamp, stamp
from services.communication.domain.model import CaseView
from services.communication.domain.rules import Timer
from shared.contracts.communication import CommunicationEvent
from shared.eventstore import StoreUrl
from shared.privacy.envelope import MasterKey
from shared.sqldb import Database, Row, Tx

MESSAGE_COLUMNS = [f.name for f in fields(Message)]
_SELECT = sa.select(*(t.messages.c[name] for name in MESSAGE_COLUMNS))


class SqlTx(EveningList):
    """:class:`StoreTx` on one SQL transaction (a registrant's fields sealed with
    ``master``, see ``registrant_keys.py``)."""

    def __init__(self, tx: Tx, master: MasterKey | None = None) -> None:
        self._tx = tx
        self._keys = RegistrantKeys(master, tx)

    def _message(self, row: Row) -> Message:
        values = dict(zip(MESSAGE_COLUMNS, row, strict=True))
        return Message(**open_message(values, self._keys))

    def claim_inbound(self, ce_id: str) -> bool:
        received = sa.func.current_timestamp()
        ins = self._tx.insert(t.inbox).values(ce_id=ce_id, received_at=received)
        return self._tx.run(ins.on_conflict_do_nothing()) == 1

    def load_case(self, case_id: str) -> CaseView | None:
        data = self._tx.scalar(sa.select(t.cases.c.data).where(t.cases.c.case_id == case_id))
        return CaseView.from_json(json.loads(data)) if data is not None else None

    def save_case(self, view: CaseView) -> None:
        ins = self._tx.insert(t.cases).values(
            case_id=view.case_id, tilbud_id=view.tilbud_id, data=json.dumps(view.to_json())
        )
        self._tx.run(
            ins.on_conflict_do_update(
                index_elements=[t.cases.c.case_id],
                set_={"tilbud_id": ins.excluded.tilbud_id, "data": ins.excluded.data},
            )
        )

    def cases_of(self, tilbud_ids: list[str] | None) -> list[CaseView]:
        query = sa.select(t.cases.c.data).order_by(t.cases.c.case_id)
        if tilbud_ids is not None:
            query = query.where(t.cases.c.tilbud_id.in_(tilbud_ids))
        return [CaseView.from_json(json.loads(r[0])) for r in self._tx.all(query)]

    def queue(self, message: Message, now: str) -> bool:
        values = {c: getattr(message, c) for c in MESSAGE_COLUMNS}
        values = {**seal_message(values, self._keys), "created_at": now, "next_attempt_at": now}
        ins = self._tx.insert(t.messages).values(**values)
        return self._tx.run(ins.on_conflict_do_nothing()) == 1

    def publish(self, ce_id: str, subject: str, event: CommunicationEvent) -> None:
        if self._tx.postgres:
            self._tx.execute(sa.select(sa.func.pg_advisory_xact_lock(OUTBOX_LOCK_KEY)))
            self._tx.notify(OUTBOX_CHANNEL)
        ins = self._tx.insert(t.outbox).values(
            ce_id=ce_id,
            ce_type=event.ce_type(),
            subject=subject,
            occurred_at=event.occurred_at.isoformat(),
            data=event.model_dump_json(),
        )
        self._tx.run(ins.on_conflict_do_nothing())

    def set_timer(self, timer: Timer) -> None:
        ins = self._tx.insert(t.timers).values(
            timer_id=timer.timer_id,
            kind=timer.kind,
            due_at=stamp(timer.due_at),
            case_id=timer.case_id,
            payload=json.dumps(timer.payload),
            state="pending",
        )
        self._tx.run(ins.on_conflict_do_nothing())

    def cancel_timer(self, timer_id: str) -> None:
        self._set_timer_state(timer_id, "cancelled", t.timers.c.state == "pending")

    def due_timers(self, now: str, limit: int) -> list[Timer]:
        c = t.timers.c
        rows = self._tx.all(
            sa.select(c.timer_id, c.kind, c.due_at, c.case_id, c.payload)
            .where(c.state == "pending", c.due_at <= now)
            .order_by(c.due_at)
            .limit(limit)
        )
        return [Timer(r[0], r[1], parse_stamp(r[2]), r[3], json.loads(r[4])) for r in rows]

    def fire_timer(self, timer_id: str) -> None:
        self._set_timer_state(timer_id, "fired", sa.true())

    def _set_timer_state(self, timer_id: str, state: str, when: sa.ColumnElement[bool]) -> None:
        c = t.timers.c
        self._tx.run(sa.update(t.timers).where(c.timer_id == timer_id, when).values(state=state))

    def claim_next(self, now: str, lease_until: str) -> Message | None:
        c = t.messages.c
        due = sa.or_(
            sa.and_(c.status == "queued", c.next_attempt_at <= now),
            sa.and_(c.status == "sending", c.lease_until <= now),
        )
        row = self._tx.one(_SELECT.where(due).order_by(c.next_attempt_at).limit(1))
        if row is None:
            return None
        message = self._message(row)
        self._tx.run(
            sa.update(t.messages)
            .where(c.message_id == message.message_id)
            .values(status=SENDING, attempts=c.attempts + 1, lease_until=lease_until)
        )
        return self.load_message(message.message_id)

    def load_message(self, message_id: str) -> Message | None:
        row = self._tx.one(_SELECT.where(t.messages.c.message_id == message_id))
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
        c = t.messages.c
        values: dict[str, object] = {"status": status, "last_error": error, "lease_until": None}
        if retry_at is not None:
            values["next_attempt_at"] = retry_at
        if channel is not None:
            values["channel"] = channel
        if uncount:
            values["attempts"] = c.attempts - 1
        if status == SENT:
            values["sent_at"] = now
        self._tx.run(sa.update(t.messages).where(c.message_id == message_id).values(**values))

    def messages(
        self, *, case_id: str | None = None, relative_id: str | None = None, limit: int = 200
    ) -> list[Message]:
        c = t.messages.c
        query = _SELECT.order_by(c.created_at, c.message_id).limit(limit)
        if case_id is not None:
            query = query.where(c.case_id == case_id)
        if relative_id is not None:
            query = query.where(c.recipient_type == "relative", c.recipient_id == relative_id)
        return [self._message(r) for r in self._tx.all(query)]

    def forget_registrant(self, evening_id: str, registration_id: str, reason: str) -> None:
        self._keys.destroy(evening_id, registration_id, reason)

    def count_messages(self, rule: str, trigger_id: str) -> int:
        c = t.messages.c
        count = sa.select(sa.func.count()).where(c.rule == rule, c.trigger_id == trigger_id)
        return int(self._tx.scalar(count) or 0)

    def put_record(self, kind: str, key: str, data: dict[str, Any]) -> bool:
        ins = self._tx.insert(t.records).values(kind=kind, key=key, data=json.dumps(data))
        return self._tx.run(ins.on_conflict_do_nothing()) == 1

    def records(self, kind: str, prefix: str) -> list[dict[str, Any]]:
        c = t.records.c
        rows = self._tx.all(
            sa.select(c.data)
            .where(c.kind == kind, c.key.startswith(prefix, autoescape=True))
            .order_by(c.key)
        )
        return [json.loads(r[0]) for r in rows]


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
