"""``pkraft cases republish --from N --to TOPIC``: a new subscriber gets the cases history
from the store after topic retention dropped it (docs/events/README.md)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.cases.application import CaseCommands
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from shared.config import CommonSettings
from tests.kafka_helpers import read_topic

pytestmark = pytest.mark.kafka
EVENTS = Path(__file__).resolve().parents[2] / "docs" / "events"


async def _history(settings: CasesSettings) -> list[Any]:
    """Two cases, one with a dialogue note: four stored events. Answers the case ids."""
    app = build_application(settings)
    commands = CaseCommands(app, settings.pseudonym_key)
    commands.committer.start()
    try:
        ids = []
        for cpr in ("0707614285", "1502802222"):
            opened = await commands.open(
                cpr=cpr, tilbud_id="t1", setting="nursing_home", planned_move_in=None, actor="a"
            )
            ids.append(opened.aggregate_id)
        await commands.note_dialogue(
            ids[0], note_id="n1", kind="phone", summary="s", participants=[], actor="a"
        )
        return ids
    finally:
        await asyncio.to_thread(commands.committer.stop)
        app.close()


def test_a_new_subscriber_gets_the_history_on_its_own_topic(
    tmp_path: Path, kafka_bootstrap: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = f"sqlite:///{tmp_path}/cases.sqlite"
    monkeypatch.setenv("PKRAFT_CASES_DATABASE_URL", store)
    monkeypatch.setenv("PKRAFT_KAFKA_BOOTSTRAP_SERVERS", kafka_bootstrap)
    settings = CasesSettings(
        database_url=store, common=CommonSettings(kafka_bootstrap_servers=kafka_bootstrap)
    )
    first, second = asyncio.run(_history(settings))
    runner = CliRunner()

    done = runner.invoke(pkraft, ["cases", "republish", "--from", "0", "--to", "replay.all"])
    assert done.exit_code == 0, done.output
    assert "republished" in done.output
    records = asyncio.run(read_topic(kafka_bootstrap, "replay.all", min_count=3))
    ids = [r.header("ce_id") for r in records]
    assert {f"{first}:1", f"{second}:1"} <= set(ids)
    assert len(ids) == len(set(ids)) >= 3
    types = {r.header("ce_type").split(".")[-2] for r in records}
    assert {"case_opened", "dialogue_noted"} <= types
    for r in records:
        domain, name, version = r.header("ce_type").split(".")[-3:]
        schema = json.loads((EVENTS / domain / f"{name}.{version}.json").read_text())
        jsonschema_rs.validate(schema, json.loads(r.value))
        assert r.header("ce_subject") == r.key.decode()
        assert r.header("ce_dataschema").endswith(f"/{domain}/{name}.{version}.json")

    later = runner.invoke(pkraft, ["cases", "republish", "--from", "2", "--to", "replay.later"])
    assert later.exit_code == 0, later.output
    tail = asyncio.run(read_topic(kafka_bootstrap, "replay.later", min_count=len(ids) - 2))
    assert len(tail) == len(ids) - 2

    live = runner.invoke(pkraft, ["cases", "republish", "--to", "pkraft.cases.v1"])
    assert live.exit_code != 0
