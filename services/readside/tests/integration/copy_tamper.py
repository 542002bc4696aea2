"""What an attacker with write access to the read side's database does to its audit copy
(``rs_audit`` and its chain heads), on SQLite or PostgreSQL, with plain SQL."""

from __future__ import annotations

from typing import Any

from services.readside.domain.chain import GENESIS, chain_key, link
from shared.config import CommonSettings
from shared.sourcechain.recorder import chain_head
from shared.sourcechain.signing import load_signing_key, sign_checkpoint, signing_key_path
from shared.sqldb import Database


def signed_head(app: Any, service: str, topic: str) -> tuple[str, str, dict[str, Any]]:
    """The service store's chain head, signed with the service's key, as its relay puts
    it on ``topic`` (what the read side's consumer then keeps)."""
    common = CommonSettings()
    path = signing_key_path(common.var_dir, common.signing_key_file, service)
    key = load_signing_key(path, dev_mode=True, service=service)
    head = chain_head(app.recorder, app.recorder.max_notification_id() or 0)
    assert head is not None
    return topic, f"checkpoint:{service}:{head[0]}", sign_checkpoint(key, service, *head)


def row(db: Database, seq: int) -> dict[str, Any]:
    with db.read() as tx:
        rows = tx.dicts("SELECT * FROM rs_audit WHERE seq = ?", (seq,))
    assert rows, f"no audit record {seq}"
    return rows[0]


def swap(db: Database, a: int, b: int) -> None:
    """Give two records each other's place (seq) in the copy."""
    with db.write() as tx:
        for old, new in ((a, -a), (b, a), (-a, b)):
            tx.execute("UPDATE rs_audit SET seq = ? WHERE seq = ?", (new, old))


def rewrite(db: Database, seq: int, data: str) -> None:
    """Change one record's payload and recompute every hash from it on, and the heads:
    the copy's own chains then verify clean."""
    with db.write() as tx:
        tx.execute("UPDATE rs_audit SET data = ? WHERE seq = ?", (data, seq))
    _rechain(db)


def truncate(db: Database, after: int) -> None:
    """Delete every record after ``after`` and move the chain heads back to match."""
    with db.write() as tx:
        tx.execute("DELETE FROM rs_audit WHERE seq > ?", (after,))
    _rechain(db)


def _rechain(db: Database) -> None:
    """Every link recomputed from the stored records (each record chain in its order,
    each aggregate's in seq order), the heads set to the last ones."""
    with db.write() as tx:
        rows = tx.dicts("SELECT * FROM rs_audit ORDER BY chain, chain_seq")
        previous: dict[str, str] = {}
        heads: dict[str, tuple[int, str, int]] = {}
        for r in rows:
            r["prev_hash"] = previous.get(r["chain"], GENESIS)
            r["hash"] = previous[r["chain"]] = link(r["prev_hash"], r)
            heads[r["chain"]] = (r["seq"], r["hash"], r["chain_seq"])
        last_of: dict[str, str] = {}
        for r in sorted(rows, key=lambda r: r["seq"]):
            chain = chain_key(r["topic"], r["aggregate_id"])
            prev_agg = last_of.get(chain, GENESIS)
            last_of[chain] = link(prev_agg, r)
            heads[chain] = (r["seq"], last_of[chain], 0)
            tx.execute(
                "UPDATE rs_audit SET prev_hash = ?, hash = ?, prev_aggregate_hash = ?, "
                "aggregate_hash = ? WHERE seq = ?",
                (r["prev_hash"], r["hash"], prev_agg, last_of[chain], r["seq"]),
            )
        tx.execute("DELETE FROM rs_audit_heads")
        for chain, (seq, hash_, length) in heads.items():
            tx.execute(
                "INSERT INTO rs_audit_heads (chain, seq, hash, chain_seq) VALUES (?, ?, ?, ?)",
                (chain, seq, hash_, length),
            )


def where(report: Any, part: str) -> list[tuple[str, str | None, str | None, int | None]]:
    """``(kind, service, aggregate, version)`` of each finding of one part."""
    return [
        (f.kind, f.service, f.aggregate_id, f.version) for f in report.findings if f.part == part
    ]
