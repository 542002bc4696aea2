"""Dashboard figures: relatives in leader hiring (per citizen centre, hirings with
relatives in the pilot 2021-2022 against the target of two) and training (per tilbud,
the share of its staff trained, staff numbers from the organisation data)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, select

from services.readside.adapters.scope import Scope
from services.readside.adapters.tables import Tables
from services.readside.domain.figures import share
from shared.organisation import OrganisationDirectory
from shared.reference import programme
from shared.sqldb import Tx

PILOT_FROM = programme.LEADER_HIRING_PILOT_FROM
PILOT_TO = programme.LEADER_HIRING_PILOT_TO
TARGET = programme.LEADER_HIRING_TARGET_PER_CENTRE


def _scoped(tilbud_ids: list[str], scope: Scope) -> bool:
    if scope is None:
        return True
    wanted = scope if isinstance(scope, tuple) else (scope,)
    return any(t in wanted for t in tilbud_ids)


def leader_hiring(
    tx: Tx, t: Tables, scope: Scope, directory: OrganisationDirectory
) -> dict[str, Any]:
    """Per centre (of the scope): hirings, those with relatives in the pilot, the target."""
    h = t.leader_hirings.c
    in_pilot = and_(h.with_relatives == 1, h.hired_on.between(PILOT_FROM, PILOT_TO))
    counts = {
        str(c): (int(n), int(w or 0))
        for c, n, w in tx.all(
            select(h.centre_id, func.count(), func.sum(case((in_pilot, 1), else_=0))).group_by(
                h.centre_id
            )
        )
    }
    per_centre: dict[str, Any] = {}
    for dept in directory.tree()["departments"]:
        for centre in dept["centres"]:
            cid = str(centre["centre_id"])
            if not _scoped([str(x["tilbud_id"]) for x in centre["tilbud"]], scope):
                continue
            n, with_relatives = counts.get(cid, (0, 0))
            per_centre[cid] = {
                "hirings": n,
                "with_relatives_in_pilot": with_relatives,
                "target": TARGET,
                "target_met": with_relatives >= TARGET,
            }
    return {"pilot": {"from": PILOT_FROM, "to": PILOT_TO}, "per_centre": per_centre}


def staff_trained(
    tx: Tx, t: Tables, scope: Scope, directory: OrganisationDirectory
) -> dict[str, Any]:
    """Per tilbud: staff who took part in a course session against its staff number."""
    per_tilbud: dict[str, Any] = {}
    s = t.trained_staff.c
    for tilbud_id, n in tx.all(
        select(s.tilbud_id, func.count()).group_by(s.tilbud_id).order_by(s.tilbud_id)
    ):
        if not _scoped([str(tilbud_id)], scope):
            continue
        total = directory.staff(str(tilbud_id))
        per_tilbud[str(tilbud_id)] = {
            "staff": total,
            "trained": int(n),
            "share_trained": share(int(n), total) if total else None,
        }
    return {"per_tilbud": per_tilbud}


def project_hiring(tx: Tx, t: Tables, e: Any) -> None:
    with_relatives = (
        e.relatives_focus_group + e.relatives_hiring_committee + e.relatives_other
    ) > 0
    hiring = tx.insert(t.leader_hirings).values(
        centre_id=e.centre_id,
        hiring_id=e.hiring_id,
        hired_on=e.hired_on.isoformat(),
        with_relatives=int(with_relatives),
    )
    tx.run(hiring.on_conflict_do_nothing())


def trained_rows(e: Any) -> list[dict[str, Any]]:
    """The training rows of a session's participants (one per member of staff)."""
    held_on = e.held_on.isoformat()
    return [
        {"staff_id": p.staff_id, "tilbud_id": p.tilbud_id, "held_on": held_on}
        for p in e.participants
    ]


def upsert_trained(tx: Tx, t: Tables, row: dict[str, Any]) -> None:
    """Each participant counts once, at the tilbud of their latest session."""
    s = t.trained_staff
    upsert = tx.insert(s).values(**row)
    new = upsert.excluded
    tx.run(
        upsert.on_conflict_do_update(
            index_elements=[s.c.staff_id],
            set_={"tilbud_id": new.tilbud_id, "held_on": new.held_on},
            where=new.held_on >= s.c.held_on,
        )
    )
