"""Filling a cases store fast with realistic events, for the cold-read benchmark.

Cases are made in memory by the aggregate itself (opened, then dialogue notes), turned
into stored events by the service's own mapper (personal fields encrypted under each
case's own data key) and inserted by the service's own recorder, many cases per
transaction: the recorder chains every event (``shared.sourcechain``) as it does for the
service. Each case's data key is wrapped by the service's master key and stored in its
key table as the key store does, but a batch's keys in one transaction (one round trip
per key made the fill take minutes). What this skips is the HTTP and group-commit path.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from services.cases.domain.case import CollaborationCase
from services.cases.domain.case_privacy import citizen_subject
from shared.privacy.envelope import new_data_key
from shared.privacy.keystore import TABLE, SubjectKeyStore
from shared.sourcechain.recipe import GENESIS, next_row
from shared.sourcechain.recorder import ChainedSQLiteRecorder

CPR = "0707614285"
CHAIN_COLUMNS = (
    "notification_id, originator_id, originator_version, prev_hash, hash, "
    "prev_aggregate_hash, aggregate_hash"
)


def make_case(ref: str, events: int) -> tuple[str, Sequence[Any]]:
    """A case of ``events`` events (opened, then dialogue notes), not yet stored."""
    case = CollaborationCase.open(
        cpr=CPR,
        citizen_ref=ref,
        tilbud_id="cold",
        setting="nursing_home",
        planned_move_in=None,
        actor="bench",
    )
    for n in range(events - 1):
        case.note_dialogue(
            note_id=f"n{n}", kind="phone", summary=f"talked {n}", participants=[], actor="bench"
        )
    return str(case.id), case.collect_events()


def store_keys(keys: SubjectKeyStore, case_ids: Sequence[str]) -> None:
    """Make and store each case's citizen data key, all in one transaction, and hand them
    to the key store's cache (so the mapper does not read each back)."""
    if keys.db is None:
        return
    now = datetime.now(UTC).isoformat()
    made = [(citizen_subject(c), c, new_data_key()) for c in case_ids]
    rows = [
        (s, c, base64.b64encode(keys.master.wrap(s, k)).decode(), keys.master.key_id, now)
        for s, c, k in made
    ]
    with keys.db.write() as tx:
        tx.executemany(
            f"INSERT INTO {TABLE} (subject_id, aggregate_id, wrapped_key, master_key_id, "
            "created_at) VALUES (?, ?, ?, ?, ?)",
            rows,
        )
    cache = getattr(keys, "_cache", None)  # without it the mapper reads each key back
    if isinstance(cache, dict):
        until = time.monotonic() + 20
        cache.update((s, (k, until)) for s, _, k in made)


def store_cases(app: Any, refs: Sequence[str], events_per_case: int) -> list[str]:
    """Realistic cases through the service's own mapper and recorder, one transaction."""
    made = [make_case(ref, events_per_case) for ref in refs]
    store_keys(app.keys, [case_id for case_id, _ in made])
    app.recorder.insert_events([app.mapper.to_stored_event(e) for _, es in made for e in es])
    return [case_id for case_id, _ in made]


_HEAD = "SELECT notification_id, hash FROM {} ORDER BY notification_id DESC LIMIT 1"
_EVENT_COLUMNS = "originator_id, originator_version, topic, state"
_KEY_COLUMNS = "subject_id, aggregate_id, wrapped_key, master_key_id, created_at"
Rows = list[tuple[Any, ...]]


def _head(cur: Any, chain: str) -> tuple[int, str]:
    cur.execute(_HEAD.format(chain))
    last = cur.fetchone()
    if not last:
        return 0, GENESIS
    if isinstance(last, dict):  # psycopg's dict rows
        return int(last["notification_id"]), str(last["hash"])
    return int(last[0]), str(last[1])


def _filler_rows(
    template: Sequence[Any], cases: int, start: tuple[int, str], hex_ids: bool
) -> tuple[Rows, Rows, Rows, int]:
    """Event, link and key rows of ``cases`` copies of ``template`` after ``start``."""
    now = datetime.now(UTC).isoformat()
    wrapped = "A" * 80  # never unwrapped: filler cases are not read
    nid, head = start
    event_rows, link_rows, key_rows = [], [], []
    for _ in range(cases):
        oid = uuid4()
        prev_aggregate = GENESIS
        for e in template:
            nid += 1
            row = next_row(
                head=head,
                prev_aggregate=prev_aggregate,
                notification_id=nid,
                originator_id=oid,
                version=e.originator_version,
                topic=e.topic,
                state=e.state,
            )
            head, prev_aggregate = row.hash, row.aggregate_hash
            stored_id = oid.hex if hex_ids else oid
            event_rows.append((stored_id, e.originator_version, e.topic, e.state, nid))
            link_rows.append(row.as_tuple())
        key_rows.append((citizen_subject(oid), str(oid), wrapped, "filler", now))
    return event_rows, link_rows, key_rows, nid


def copy_filler(app: Any, template: Sequence[Any], cases: int) -> None:
    """``cases`` more cases, each the ``template`` case's stored events under an id of its
    own, written in bulk (PostgreSQL ``COPY``, SQLite ``executemany``) with their chain
    links computed by the chain's own recipe, continuing the store's chain, and a key row
    each. The rows are computed before the writing transaction opens (PostgreSQL ends a
    transaction left idle for seconds)."""
    recorder = app.recorder
    if isinstance(recorder, ChainedSQLiteRecorder):
        _sqlite_filler(recorder, template, cases)
        return
    schema = recorder.datastore.schema
    events = f"{schema}.{recorder.events_table_name}"
    chain = f"{schema}.{recorder.chain_table_name}"
    with recorder.datastore.get_connection() as conn, conn.cursor() as cur:
        start = _head(cur, chain)
        conn.commit()
    event_rows, link_rows, key_rows, nid = _filler_rows(template, cases, start, hex_ids=False)
    with (
        recorder.datastore.get_connection() as conn,
        conn.transaction(),
        conn.cursor() as cur,
    ):
        cur.execute(f"LOCK TABLE {events} IN EXCLUSIVE MODE")
        if _head(cur, chain) != start:
            raise RuntimeError("the store changed while its filler was computed")
        _copy(cur, f"{events} ({_EVENT_COLUMNS}, notification_id)", event_rows)
        _copy(cur, f"{chain} ({CHAIN_COLUMNS})", link_rows)
        _copy(cur, f"{schema}.{TABLE} ({_KEY_COLUMNS})", key_rows)
        cur.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'notification_id'), %s)", (events, nid)
        )


def _sqlite_filler(recorder: ChainedSQLiteRecorder, template: Sequence[Any], cases: int) -> None:
    chain = recorder.chain_table_name
    with recorder.datastore.transaction(commit=False) as c:
        start = _head(c, chain)
    event_rows, link_rows, key_rows, _ = _filler_rows(template, cases, start, hex_ids=True)
    with recorder.datastore.transaction(commit=True) as c:
        if _head(c, chain) != start:
            raise RuntimeError("the store changed while its filler was computed")
        c.executemany(
            f"INSERT INTO {recorder.events_table_name} ({_EVENT_COLUMNS}, rowid) "
            "VALUES (?, ?, ?, ?, ?)",
            event_rows,
        )
        c.executemany(f"INSERT INTO {chain} ({CHAIN_COLUMNS}) VALUES (?,?,?,?,?,?,?)", link_rows)
        c.executemany(f"INSERT INTO {TABLE} ({_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?)", key_rows)


def _copy(cur: Any, target: str, rows: list[tuple[Any, ...]]) -> None:
    with cur.copy(f"COPY {target} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def fill(
    app: Any,
    target_cases: int,
    filler_events: int,
    events_per_case: int,
    progress: Callable[[int, float], None] | None = None,
    segments: int = 40,
) -> list[str]:
    """A store of ``target_cases`` realistic cases spread among ``filler_events`` events
    of filler cases (in ``segments`` slices); the realistic cases' ids."""
    started = time.perf_counter()
    template_id, template = make_case("template", events_per_case)
    store_keys(app.keys, [template_id])
    stored = [app.mapper.to_stored_event(e) for e in template]
    app.recorder.insert_events(stored)
    ids: list[str] = []
    done = events_per_case
    filler_cases = max(0, filler_events // events_per_case - 1)
    for seg in range(segments):
        refs = [f"cold-{i}" for i in range(seg, target_cases, segments)]
        ids.extend(store_cases(app, refs, events_per_case))
        n = filler_cases // segments + (1 if seg < filler_cases % segments else 0)
        copy_filler(app, stored, n)
        done += (len(refs) + n) * events_per_case
        if progress is not None:
            progress(done, time.perf_counter() - started)
    return ids
