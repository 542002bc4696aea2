"""The data subjects of a case: the rows of the key store that belong to it."""

from __future__ import annotations

from shared.privacy.keystore import TABLE
from shared.sqldb import Database


def case_subjects(db: Database | None, case_id: str) -> list[str]:
    """Every subject who ever had personal data stored in the case (erased ones too)."""
    if db is None:
        return []
    with db.read() as tx:
        rows = tx.all(
            f"SELECT subject_id FROM {TABLE} WHERE aggregate_id = ? ORDER BY subject_id",
            (case_id,),
        )
    return [str(r[0]) for r in rows]
