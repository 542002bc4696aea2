"""What an attacker with database access does to a service's stored events."""

from __future__ import annotations

from typing import Any

import psycopg

from shared.eventstore import StoreUrl
from shared.sourcechain.recipe import canonical_id, event_digest, link


class Tamper:
    """Raw SQL on a service's events table and its chain table (SQLite or PostgreSQL)."""

    def __init__(self, app: Any, url: str) -> None:
        self.url = StoreUrl.parse(url)
        rec = app.recorder
        self.events = self.url.qualified(rec.events_table_name)
        self.chain = self.url.qualified(rec.chain_table_name)
        self.nid = "rowid" if self.url.kind == "sqlite" else "notification_id"

    def run(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.url.kind == "sqlite":
            import sqlite3

            with sqlite3.connect(self.url.sqlite_path) as conn:
                return conn.execute(sql, params).fetchall()
        with psycopg.connect(self.url.psycopg_conninfo(), autocommit=True) as pg:
            cur = pg.execute(sql.replace("?", "%s"), params)
            return list(cur.fetchall()) if cur.description else []

    def rows(self) -> list[tuple[Any, ...]]:
        return self.run(
            f"SELECT {self.nid}, originator_id, originator_version, topic, state "
            f"FROM {self.events} ORDER BY {self.nid}"
        )

    def flip_byte(self, nid: int, at: int = -1) -> None:
        state = bytearray(next(r[4] for r in self.rows() if r[0] == nid))
        state[at] ^= 0x01
        self.run(f"UPDATE {self.events} SET state = ? WHERE {self.nid} = ?", (bytes(state), nid))

    def set_state(self, nid: int, state: Any) -> None:
        self.run(f"UPDATE {self.events} SET state = ? WHERE {self.nid} = ?", (state, nid))

    def delete(self, nid: int) -> None:
        self.run(f"DELETE FROM {self.events} WHERE {self.nid} = ?", (nid,))

    def swap_states(self, a: int, b: int) -> None:
        rows = {r[0]: r for r in self.rows()}
        self.set_state(a, rows[b][4])
        self.set_state(b, rows[a][4])

    def swap_places(self, a: int, b: int) -> None:
        """Give two events each other's notification ids (their places in the log)."""
        temp = -a
        for old, new in ((a, temp), (b, a), (temp, b)):
            self.run(f"UPDATE {self.events} SET {self.nid} = ? WHERE {self.nid} = ?", (new, old))

    def rechain_from(self, nid: int) -> None:
        """Recompute every link from ``nid`` on from the (altered) rows, consistently."""
        links = self.run(
            f"SELECT notification_id, prev_hash, prev_aggregate_hash FROM {self.chain} "
            "ORDER BY notification_id"
        )
        head: str | None = None
        agg: dict[str, str] = {}
        rows = {r[0]: r for r in self.rows()}
        for n, prev, prev_agg in links:
            if n < nid:
                continue
            _, roid, rversion, topic, state = rows[n]
            digest = event_digest(roid, rversion, topic, bytes(state))
            prev = head or prev
            prev_agg = agg.get(canonical_id(roid), prev_agg)
            h, a = link(prev, n, digest), link(prev_agg, rversion, digest)
            self.run(
                f"UPDATE {self.chain} SET prev_hash = ?, hash = ?, prev_aggregate_hash = ?, "
                "aggregate_hash = ? WHERE notification_id = ?",
                (prev, h, prev_agg, a, n),
            )
            head, agg[canonical_id(roid)] = h, a
