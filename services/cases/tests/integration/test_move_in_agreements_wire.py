"""Agreements made while holding the move-in conversation reach the topic as agreement_made."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest

from services.cases.application import CaseCommands
from services.cases.application.move_in import agreement
from services.cases.bootstrap import build_application, build_relay
from services.cases.config import CasesSettings
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from tests.kafka_helpers import read_topic

pytestmark = pytest.mark.kafka


async def test_agreements_of_the_held_conversation_are_made_on_the_wire(
    store_url: str, kafka_bootstrap: str, unique: str
) -> None:
    topic = f"cases-agree-{unique}"
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap)
    settings = CasesSettings(database_url=store_url, topic=topic, common=common)
    await ensure_topics(settings.common, [topic])
    app = build_application(settings)
    commands = CaseCommands(app, settings.pseudonym_key)
    commands.committer.start()
    try:
        opened = await commands.open(
            cpr="0707614285",
            tilbud_id="t1",
            setting="nursing_home",
            planned_move_in=None,
            actor="anna",
        )
        cid = opened.aggregate_id
        at = datetime.now(UTC) - timedelta(hours=1)
        await commands.schedule_move_in_conversation(cid, conversation_at=at, actor="anna")
        await commands.hold_move_in_conversation(
            cid,
            held_at=at,
            covered_items=["finances"],
            item_notes={},
            agreements=[
                agreement("a1", "Visits", "Anna", None),
                agreement("a2", "Dentist", "Bo", "2025-02-01"),
            ],
            participant_relative_ids=[],
            citizen_participated=True,
            actor="anna",
        )
        await commands.mark_agreement_kept(cid, "a2", actor="anna")
    finally:
        await asyncio.to_thread(commands.committer.stop)
    relay = build_relay(settings, app)
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    records = await read_topic(kafka_bootstrap, topic, min_count=6)
    stop.set()
    await task
    app.close()
    kinds = [(r.header("ce_type").split(".")[-2], json.loads(r.value)) for r in records]
    made = [d["agreement_id"] for k, d in kinds if k == "agreement_made"]
    assert made == ["a1", "a2"]
    held = next(d for k, d in kinds if k == "move_in_conversation_held")
    assert held["agreement_ids"] == ["a1", "a2"]
    order = [(k, d.get("agreement_id")) for k, d in kinds]
    assert order.index(("agreement_made", "a2")) < order.index(("agreement_kept", "a2"))
    assert [r.header("ce_id") for r in records] == [f"{cid}:{v}" for v in range(1, 7)]
