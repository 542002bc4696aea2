"""Tables of the read side: the audit store (shared) and one set of projection tables
per generation (``rs_g<N>_*``), so a rebuild can fill new tables beside the live ones."""

from __future__ import annotations

from shared.sqldb import Tx

# The durable tables (rs_meta, rs_audit, rs_audit_heads, rs_checkpoints) are made and
# changed by migrations (``adapters/migrations``, ``adapters/schema.py``). This copy of
# the two the projections need serves the rebuild's in-memory scratch database only.
SCRATCH_DDL = [
    "CREATE TABLE IF NOT EXISTS rs_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]

PROJECTION_DDL = {
    # The incarnation of the cases store a case's version belongs to, where not 0
    # (``shared.eventid``: the store was restored from a backup and marked restored).
    "case_incarnations": "(case_id TEXT PRIMARY KEY, incarnation BIGINT NOT NULL)",
    "cases": """(case_id TEXT PRIMARY KEY, tilbud_id TEXT NOT NULL, version BIGINT NOT NULL,
        status TEXT NOT NULL, setting TEXT, planned_move_in TEXT, opened_at TEXT,
        closed_at TEXT, level INTEGER, leader TEXT, leader_required INTEGER NOT NULL,
        plan_revision INTEGER, plan_review_date TEXT, relatives INTEGER NOT NULL,
        conversation_at TEXT, conversation_held_at TEXT, open_complaints INTEGER NOT NULL,
        updated_at TEXT NOT NULL)""",
    "complaints": """(case_id TEXT NOT NULL, complaint_id TEXT NOT NULL, tilbud_id TEXT,
        received_at TEXT NOT NULL, deadline TEXT NOT NULL, first_contact_at TEXT,
        resolved_at TEXT, outcome TEXT, PRIMARY KEY (case_id, complaint_id))""",
    "levels": """(case_id TEXT NOT NULL, version BIGINT NOT NULL, tilbud_id TEXT,
        level INTEGER NOT NULL, previous_level INTEGER, direction TEXT NOT NULL,
        by_system INTEGER NOT NULL, occurred_at TEXT NOT NULL, PRIMARY KEY (case_id, version))""",
    "incidents": """(case_id TEXT NOT NULL, incident_id TEXT NOT NULL, tilbud_id TEXT,
        kind TEXT NOT NULL, incident_at TEXT NOT NULL, PRIMARY KEY (case_id, incident_id))""",
    "relatives": """(case_id TEXT NOT NULL, relative_id TEXT NOT NULL, tilbud_id TEXT,
        legal_role TEXT, active INTEGER NOT NULL,
        PRIMARY KEY (case_id, relative_id))""",
    "consents": """(case_id TEXT NOT NULL, relative_id TEXT NOT NULL, scope TEXT NOT NULL,
        form TEXT, active INTEGER NOT NULL, PRIMARY KEY (case_id, relative_id, scope))""",
    "messages": """(message_id TEXT PRIMARY KEY, kind TEXT, channel TEXT, tilbud_id TEXT,
        state TEXT NOT NULL, reason TEXT, updated_at TEXT NOT NULL)""",
    "councils": """(council_id TEXT PRIMARY KEY, tilbud_id TEXT NOT NULL, kind TEXT,
        seats INTEGER NOT NULL, members INTEGER NOT NULL, meetings INTEGER NOT NULL,
        last_election_at TEXT)""",
    "council_members": """(council_id TEXT NOT NULL, member_id TEXT NOT NULL, kind TEXT,
        active INTEGER NOT NULL, PRIMARY KEY (council_id, member_id))""",
    "pools": """(pool_id TEXT PRIMARY KEY, year INTEGER NOT NULL, amount_kr BIGINT NOT NULL)""",
    "applications": """(application_id TEXT PRIMARY KEY, pool_id TEXT NOT NULL,
        year INTEGER, council_id TEXT, state TEXT NOT NULL, applied_kr BIGINT,
        granted_kr BIGINT, disbursed_kr BIGINT, spent_kr BIGINT)""",
    "activities": """(application_id TEXT PRIMARY KEY, year INTEGER, tilbud_id TEXT NOT NULL,
        held_on TEXT NOT NULL, relatives INTEGER NOT NULL, residents INTEGER NOT NULL,
        staff INTEGER NOT NULL, cost_kr BIGINT NOT NULL, returned_kr BIGINT NOT NULL)""",
    "conduct_versions": """(number INTEGER PRIMARY KEY, adopted_on TEXT NOT NULL)""",
    "conduct_acks": """(number INTEGER NOT NULL, kind TEXT NOT NULL, person_id TEXT NOT NULL,
        tilbud_id TEXT NOT NULL, acknowledged_on TEXT NOT NULL,
        PRIMARY KEY (number, kind, person_id))""",
    "leader_hirings": """(centre_id TEXT NOT NULL, hiring_id TEXT NOT NULL, hired_on TEXT NOT NULL,
        with_relatives INTEGER NOT NULL, PRIMARY KEY (centre_id, hiring_id))""",
    "trained_staff": """(staff_id TEXT PRIMARY KEY, tilbud_id TEXT NOT NULL,
        held_on TEXT NOT NULL)""",
    "contact_persons": "(case_id TEXT PRIMARY KEY, staff_id TEXT NOT NULL)",
    "involvements": """(case_id TEXT NOT NULL, involvement_id TEXT NOT NULL, tilbud_id TEXT,
        kind TEXT NOT NULL, involved_on TEXT NOT NULL, PRIMARY KEY (case_id, involvement_id))""",
    "survey_results": """(tilbud_id TEXT NOT NULL, year INTEGER NOT NULL, question TEXT NOT NULL,
        n INTEGER NOT NULL, mean DOUBLE PRECISION NOT NULL, distribution TEXT NOT NULL,
        PRIMARY KEY (tilbud_id, year, question))""",
    "event_counts": """(topic TEXT NOT NULL, type TEXT NOT NULL, month TEXT NOT NULL,
        tilbud_id TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (topic, type, month, tilbud_id))""",
}

PROJECTION_INDEXES = {
    "cases": ["tilbud_id", "level", "leader"],
    "complaints": ["first_contact_at, deadline"],
    "levels": ["occurred_at"],
}


class Tables:
    """The projection tables of one generation (``t.cases`` -> ``rs_g2_cases``); one
    attribute per entry of ``PROJECTION_DDL`` (checked below, at import)."""

    case_incarnations: str
    cases: str
    complaints: str
    levels: str
    incidents: str
    relatives: str
    consents: str
    messages: str
    councils: str
    council_members: str
    pools: str
    applications: str
    activities: str
    conduct_versions: str
    conduct_acks: str
    leader_hirings: str
    trained_staff: str
    contact_persons: str
    involvements: str
    survey_results: str
    event_counts: str

    def __init__(self, generation: int) -> None:
        self.generation = generation
        for name in PROJECTION_DDL:
            setattr(self, name, f"rs_g{generation}_{name}")

    @property
    def position_key(self) -> str:
        """The rs_meta key holding the last audit seq this generation has applied."""
        return f"g{self.generation}.audit_seq"


if set(Tables.__annotations__) != set(PROJECTION_DDL):  # a table added to one, not the other
    raise TypeError(
        f"Tables and PROJECTION_DDL differ: {set(Tables.__annotations__) ^ set(PROJECTION_DDL)}"
    )


def create_scratch_tables(tx: Tx) -> None:
    for ddl in SCRATCH_DDL:
        tx.execute(ddl)


def create_projection_tables(tx: Tx, generation: int) -> Tables:
    tables = Tables(generation)
    for name, columns in PROJECTION_DDL.items():
        tx.execute(f"CREATE TABLE IF NOT EXISTS {getattr(tables, name)} {columns}")
        for i, cols in enumerate(PROJECTION_INDEXES.get(name, [])):
            tx.execute(
                f"CREATE INDEX IF NOT EXISTS {getattr(tables, name)}_i{i} "
                f"ON {getattr(tables, name)} ({cols})"
            )
    return tables


def drop_projection_tables(tx: Tx, generation: int) -> None:
    tables = Tables(generation)
    for name in PROJECTION_DDL:
        tx.execute(f"DROP TABLE IF EXISTS {getattr(tables, name)}")
    tx.execute("DELETE FROM rs_meta WHERE key = ?", (tables.position_key,))


def meta_get(tx: Tx, key: str, lock: bool = False) -> str | None:
    suffix = " FOR UPDATE" if lock and tx.postgres else ""
    row = tx.one(f"SELECT value FROM rs_meta WHERE key = ?{suffix}", (key,))
    return str(row[0]) if row else None


def meta_set(tx: Tx, key: str, value: str) -> None:
    tx.execute(
        "INSERT INTO rs_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def active_tables(tx: Tx, share_lock: bool = False) -> Tables:
    """The generation the read API serves (share-locked so a switch waits for writers)."""
    suffix = " FOR SHARE" if share_lock and tx.postgres else ""
    row = tx.one(f"SELECT value FROM rs_meta WHERE key = 'active_generation'{suffix}")
    return Tables(int(row[0]) if row else 1)


def ensure_schema(tx: Tx) -> Tables:
    """The active generation's projection tables (the durable ones are migrated first,
    ``adapters/schema.py``)."""
    tx.lock_schema()
    if meta_get(tx, "active_generation") is None:
        meta_set(tx, "active_generation", "1")
    return create_projection_tables(tx, active_tables(tx).generation)
