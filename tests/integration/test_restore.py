"""A store restored from a backup: events written after it reach every consumer.

Before the fix, the events written after the restore took the ids (``<case>:<version>``)
of the events lost with the restore, which consumers had already seen and dropped.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from services.cases.application import CaseCommands
from services.cases.bootstrap import build_application, build_relay
from services.cases.config import CasesSettings
from services.communication.adapters.store import SqlStore
from services.councils.adapters.cases_events import electorate_fact
from services.councils.domain.electorate import Electorate
from services.readside.adapters.ingest import Ingestor
from services.readside.domain.envelope import envelope_of
from shared.config import CommonSettings
from shared.eventid import parse_event_id
from shared.eventstore import StoreUrl
from shared.kafka.clients import ensure_topics
from shared.kafka.cloudevents import decode
from shared.relay.positions import open_positions
from shared.relay.restore import mark_restored
from shared.relay.source import ApplicationLog
from shared.sqldb import Database
from tests.kafka_helpers import Record, read_topic

pytestmark = pytest.mark.kafka
CPR = "0707614285"


class Consumers:
    """The read side's audit, the communication service's inbox and the councils
    service's electorate (its domain rule), fed from the topic."""

    def __init__(self, tmp: Path, topic: str) -> None:
        self.topic = topic
        self.audit = Ingestor(Database(f"sqlite:///{tmp}/readside.sqlite"))
        self.comm = SqlStore(StoreUrl.parse(f"sqlite:///{tmp}/communication.sqlite"))
        self.electorate = Electorate(tilbud_id="t1")
        self.seen: set[tuple[str, int]] = set()

    def deliver(self, records: list[Record]) -> list[str]:
        """Hand each new record to both consumers; the ce_ids both took as new."""
        taken = []
        for r in sorted(records, key=lambda r: (r.partition, r.offset)):
            if (r.header("ce_id"), r.offset) in self.seen:
                continue
            self.seen.add((r.header("ce_id"), r.offset))
            event = decode(r.key, r.value, list(r.headers.items()))
            env = envelope_of(
                topic=self.topic,
                partition=r.partition,
                offset=r.offset,
                ce_id=event.id,
                ce_type=event.type,
                source=event.source,
                subject=event.subject,
                time=event.time,
                data=event.data,
            )
            audited = self.audit.ingest(env, event.data)
            with self.comm.transaction() as tx:
                claimed = tx.claim_inbound(event.id)
            assert audited == claimed
            fact = electorate_fact(event)
            if fact is not None:
                fact.pop("tilbud_id")
                self.electorate.apply_case_fact(**fact)
            if audited:
                taken.append(event.id)
        return taken


async def note(commands: CaseCommands, case_id: UUID, note_id: str) -> int:
    outcome = await commands.note_dialogue(
        case_id, note_id=note_id, kind="phone", summary="s", participants=[], actor="anna"
    )
    return outcome.version


async def relay_until_published(settings: CasesSettings) -> Any:
    """Run the relay until it has published the whole store; returns it (stopped)."""
    app = build_application(settings)
    relay = build_relay(settings, app)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    end = app.recorder.max_notification_id() or 0
    deadline = time.monotonic() + 30
    while relay.position < end and not relay.halted and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    stop.set()
    await task
    app.close()
    return relay


def backup(path: Path, to: Path) -> None:
    with sqlite3.connect(path) as src, sqlite3.connect(to) as dst:
        src.backup(dst)


async def test_events_written_after_a_restore_reach_every_consumer(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    topic = f"cases-restore-{unique}"
    store = tmp_path / "cases.sqlite"
    settings = CasesSettings(
        database_url=f"sqlite:///{store}",
        topic=topic,
        common=CommonSettings(kafka_bootstrap_servers=kafka_bootstrap),
    )
    await ensure_topics(settings.common, [topic])
    consumers = Consumers(tmp_path, topic)

    async def write(*notes: str, relative: str = "") -> UUID:
        app = build_application(settings)
        commands = CaseCommands(app, settings.pseudonym_key)
        commands.committer.start()
        try:
            if not notes:
                opened = await commands.open(
                    cpr=CPR, tilbud_id="t1", setting="home_care", planned_move_in=None, actor="a"
                )
                return opened.aggregate_id
            if relative:
                await commands.add_relative(
                    case_id,
                    relative_id=relative,
                    name="Anna",
                    relation="daughter",
                    channels={"email": "anna@example.dk"},
                    preferred_channel="email",
                    actor="a",
                )
            for n in notes:
                await note(commands, case_id, n)
            return case_id
        finally:
            await asyncio.to_thread(commands.committer.stop)
            app.close()

    case_id = await write()
    case_id = await write("n2")
    await relay_until_published(settings)
    consumers.deliver(await read_topic(kafka_bootstrap, topic, min_count=2))
    backup(store, tmp_path / "backup.sqlite")  # the store and its relay position, at v2

    await write("n4", relative="r-lost")  # lost with the restore below, but consumers saw them
    await relay_until_published(settings)
    seen = consumers.deliver(await read_topic(kafka_bootstrap, topic, min_count=4))
    assert seen == [f"{case_id}:3", f"{case_id}:4"]

    backup(tmp_path / "backup.sqlite", store)  # restore
    app = build_application(settings)
    with closing(open_positions(StoreUrl.parse(settings.database_url))) as positions:
        restored = mark_restored(ApplicationLog(app), positions, [f"cases->{topic}"])
    app.close()
    assert restored.first_notification == 3

    await write("n4-again", relative="r-new")  # versions 3 and 4 once more
    await relay_until_published(settings)
    taken = consumers.deliver(await read_topic(kafka_bootstrap, topic, min_count=6))
    ids = [parse_event_id(ce_id) for ce_id in taken]
    assert [(i.aggregate_id, i.version, i.incarnation) for i in ids if i] == [
        (str(case_id), 3, restored.incarnation),
        (str(case_id), 4, restored.incarnation),
    ]
    assert "r-new" in consumers.electorate.voters()


async def test_a_relay_ahead_of_a_restored_store_halts_until_it_is_marked_restored(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    """The relay's position survived a restore of the events (kept elsewhere, or the
    store restored without it): the new events' notification ids lie behind it."""
    topic = f"cases-ahead-{unique}"
    store = tmp_path / "cases.sqlite"
    settings = CasesSettings(
        database_url=f"sqlite:///{store}",
        topic=topic,
        common=CommonSettings(kafka_bootstrap_servers=kafka_bootstrap),
    )
    await ensure_topics(settings.common, [topic])
    app = build_application(settings)
    commands = CaseCommands(app, settings.pseudonym_key)
    commands.committer.start()
    opened = await commands.open(
        cpr=CPR, tilbud_id="t1", setting="home_care", planned_move_in=None, actor="a"
    )
    await asyncio.to_thread(commands.committer.stop)
    app.close()
    backup(store, tmp_path / "backup.sqlite")
    app = build_application(settings)
    commands = CaseCommands(app, settings.pseudonym_key)
    commands.committer.start()
    for n in ("n2", "n3"):
        await note(commands, opened.aggregate_id, n)
    await asyncio.to_thread(commands.committer.stop)
    app.close()
    await relay_until_published(settings)
    backup(tmp_path / "backup.sqlite", store)  # restore the events only:
    with closing(open_positions(StoreUrl.parse(settings.database_url))) as positions:
        positions.set(f"cases->{topic}", 3)  # the position still says 3

    app = build_application(settings)
    relay = build_relay(settings, app)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    try:
        deadline = time.monotonic() + 20
        while not relay.halted and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert relay.halted, "the relay must notice that the store ends before its position"
        with closing(open_positions(StoreUrl.parse(settings.database_url))) as positions:
            restored = mark_restored(ApplicationLog(app), positions, [relay.name])
        assert restored.relays_moved_back == {relay.name: (3, 1)}
        commands = CaseCommands(app, settings.pseudonym_key)
        commands.committer.start()
        await note(commands, opened.aggregate_id, "n2-again")
        await asyncio.to_thread(commands.committer.stop)
        records = await read_topic(kafka_bootstrap, topic, min_count=4)
    finally:
        stop.set()
        await task
        app.close()
    ids = [r.header("ce_id") for r in sorted(records, key=lambda r: r.offset)]
    case = str(opened.aggregate_id)
    assert ids == [f"{case}:1", f"{case}:2", f"{case}:3", f"{case}:2@{restored.incarnation}"]
    assert not relay.halted
