"""Dashboard figure: the code of conduct (kodeks). Per tilbud, the share of its staff
(staff numbers from the organisation data) and of its active relatives with consent to
messages (``send_messages``) who acknowledged the current version."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select

from services.readside.adapters.scope import Scope
from services.readside.adapters.tables import Tables
from services.readside.domain.figures import share
from shared.organisation import OrganisationDirectory
from shared.sqldb import Tx


def _current(tx: Tx, t: Tables) -> tuple[int | None, str | None]:
    v = t.conduct_versions.c
    row = tx.one(select(v.number, v.adopted_on).order_by(v.number.desc()).limit(1))
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
    a, r, s = t.conduct_acks.c, t.relatives.c, t.consents.c
    staff = {
        str(k): int(n)
        for k, n in tx.all(
            select(a.tilbud_id, func.count())
            .where(a.number == (number or 0), a.kind == "staff")
            .group_by(a.tilbud_id)
        )
    }
    consenting = and_(
        s.case_id == r.case_id,
        s.relative_id == r.relative_id,
        s.scope == "send_messages",
        s.active == 1,
    )
    acknowledged = and_(
        a.person_id == r.relative_id, a.kind == "relative", a.number == (number or 0)
    )
    asked = tx.all(
        select(
            r.tilbud_id, func.count(r.relative_id.distinct()), func.count(a.person_id.distinct())
        )
        .select_from(
            t.relatives.join(t.consents, consenting).outerjoin(t.conduct_acks, acknowledged)
        )
        .where(r.active == 1, r.tilbud_id.is_not(None))
        .group_by(r.tilbud_id)
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
        version = tx.insert(t.conduct_versions).values(
            number=e.version_number, adopted_on=e.adopted_on.isoformat()
        )
        tx.run(version.on_conflict_do_nothing())
    else:
        ack = tx.insert(t.conduct_acks).values(
            number=e.version_number,
            kind=e.person_kind,
            person_id=e.person_id,
            tilbud_id=e.tilbud_id,
            acknowledged_on=e.acknowledged_on.isoformat(),
        )
        tx.run(ack.on_conflict_do_nothing())
