"""The theme evenings' list by start and the follower's position (part of ``SqlTx``)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from services.communication.adapters.tables import evening_starts, followed
from services.communication.domain.message import stamp
from shared.sqldb import Tx


class EveningList:
    """``StoreTx``'s methods for the evenings' list and the follower's position."""

    _tx: Tx

    def followed(self, name: str, lock: bool = False) -> int:
        query = sa.select(followed.c.position).where(followed.c.name == name)
        found = self._tx.scalar(query.with_for_update() if lock else query)
        return int(found) if found is not None else 0

    def following(self, prefix: str) -> dict[str, int]:
        c = followed.c
        rows = self._tx.all(
            sa.select(c.name, c.position).where(
                c.name.startswith(prefix, autoescape=True), c.position != 0
            )
        )
        return {r[0]: int(r[1]) for r in rows}

    def follow(self, name: str, position: int) -> None:
        ins = self._tx.insert(followed).values(name=name, position=position)
        self._tx.run(
            ins.on_conflict_do_update(
                index_elements=[followed.c.name], set_={"position": ins.excluded.position}
            )
        )

    def index_evening(self, evening_id: str, starts_at: datetime) -> None:
        ins = self._tx.insert(evening_starts).values(
            evening_id=evening_id, starts_at=stamp(starts_at)
        )
        self._tx.run(
            ins.on_conflict_do_update(
                index_elements=[evening_starts.c.evening_id],
                set_={"starts_at": ins.excluded.starts_at},
            )
        )

    def list_evenings(
        self, since: datetime | None, limit: int, offset: int
    ) -> tuple[list[str], int]:
        later = evening_starts.c.starts_at >= (stamp(since) if since is not None else "")
        total = self._tx.scalar(sa.select(sa.func.count()).select_from(evening_starts).where(later))
        rows = self._tx.all(
            sa.select(evening_starts.c.evening_id)
            .where(later)
            .order_by(evening_starts.c.starts_at, evening_starts.c.evening_id)
            .limit(limit)
            .offset(offset)
        )
        return [r[0] for r in rows], int(total or 0)

    def evenings_before(self, until: datetime) -> list[str]:
        rows = self._tx.all(
            sa.select(evening_starts.c.evening_id)
            .where(evening_starts.c.starts_at < stamp(until))
            .order_by(evening_starts.c.starts_at)
        )
        return [r[0] for r in rows]
