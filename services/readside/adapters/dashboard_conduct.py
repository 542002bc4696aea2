"""Dashboard figure: the code of conduct (kodeks). Per tilbud, the share of its staff
(staff numbers from the organisation data) and of its active relatives with consent to
messages (``send_messages``) who acknowledged the current version."""

from __future__ import annotations

from typing import Any

from services.readside.adapters.tables import Tables
from services.readside.domain.figures import share
from shared.organisation import OrganisationDirectory
from shared.sqldb import Tx

Scope = str | tuple[str, ...] | None


def _current(tx: Tx, t: Tables) -> tuple[int | None, str | None]:
    row = tx.one(f"SELECT number, adopted_on FROM {t.conduct_versions} ORDER BY number DESC")
    return (int(row[0]), str(row[1])) if row else (None, None)


def _in_scope(tilbud_id: str, tilbud: Scope) -> bool:
    if isinstance(tilbud, tuple):
        return tilbud_id in tilbud
    return tilbud is None or tilbud_id == tilbud


def code_of_conduct(
    tx: Tx, t: Tables, tilbud: Scope, directory: OrganisationDirectory
) -> dict[str, Any]:
    """The current version and, per tilbud, who acknowledged it against who is asked."""
    number, adopted_on = _current(tx, t)
    staff = {
        str(k): int(n)
        for k, n in tx.all(
            f"SELECT tilbud_id, COUNT(*) FROM {t.conduct_acks} WHERE number = ? AND "
            "kind = 'staff' GROUP BY tilbud_id",
            (number or 0,),
        )
    }
    asked = tx.all(
        f"SELECT r.tilbud_id, COUNT(DISTINCT r.relative_id), COUNT(DISTINCT a.person_id) "
        f"FROM {t.relatives} r JOIN {t.consents} s ON s.case_id = r.case_id AND "
        "s.relative_id = r.relative_id AND s.scope = 'send_messages' AND s.active = 1 "
        f"LEFT JOIN {t.conduct_acks} a ON a.person_id = r.relative_id AND a.kind = 'relative' "
        "AND a.number = ? WHERE r.active = 1 AND r.tilbud_id IS NOT NULL GROUP BY r.tilbud_id",
        (number or 0,),
    )
    relatives = {str(k): (int(n), int(a)) for k, n, a in asked}
    per_tilbud: dict[str, Any] = {}
    for tilbud_id in sorted(set(staff) | set(relatives)):
        if not _in_scope(tilbud_id, tilbud):
            continue
        staff_total = directory.staff(tilbud_id)
        asked_n, acked_n = relatives.get(tilbud_id, (0, 0))
        per_tilbud[tilbud_id] = {
            "staff": staff_total,
            "staff_acknowledged": staff.get(tilbud_id, 0),
            "share_staff": share(staff.get(tilbud_id, 0), staff_total) if staff_total else None,
            "relatives_with_consent": asked_n,
            "relatives_acknowledged": acked_n,
            "share_relatives": share(acked_n, asked_n) if asked_n else None,
        }
    return {"current_version": number, "adopted_on": adopted_on, "per_tilbud": per_tilbud}


def project_conduct(tx: Tx, t: Tables, env_type: str, e: Any) -> None:
    """Versions and acknowledgements (a replayed record changes nothing)."""
    if env_type == "code_of_conduct_adopted":
        tx.execute(
            f"INSERT INTO {t.conduct_versions} (number, adopted_on) VALUES (?, ?) "
            "ON CONFLICT (number) DO NOTHING",
            (e.version_number, e.adopted_on.isoformat()),
        )
    else:
        tx.execute(
            f"INSERT INTO {t.conduct_acks} (number, kind, person_id, tilbud_id, acknowledged_on) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (number, kind, person_id) DO NOTHING",
            (
                e.version_number,
                e.person_kind,
                e.person_id,
                e.tilbud_id,
                e.acknowledged_on.isoformat(),
            ),
        )
