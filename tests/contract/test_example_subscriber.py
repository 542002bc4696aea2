"""examples/subscriber/ against the real broker: the cases service escalates cases to
level 4 through its API and relay; the example counts one escalation per case and
tilbud, and still one after the whole history is delivered again (idempotent by ce_id)."""

from __future__ import annotations

import asyncio
import importlib.util
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app as create_cases_app
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from tests.running import running
from tests.scenarios.test_councils_scenario import CASEWORKER

pytestmark = [pytest.mark.kafka, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "subscriber" / "subscriber.py"


def _example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.setenv("ESCALATIONS_DB", str(tmp_path / "module-default.sqlite"))
    spec = importlib.util.spec_from_file_location("example_subscriber", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _escalate(cases: TestClient, cpr: str, tilbud: str) -> None:
    r = cases.post(
        "/cases",
        json={"cpr": cpr, "tilbud_id": tilbud, "setting": "nursing_home"},
        headers=CASEWORKER,
    )
    assert r.status_code == 201, r.text
    incident = {
        "kind": "threat",
        "against": "staff",
        "occurred_at": "2026-01-05T10:00:00+00:00",
        "description": "trussel",
    }
    for _ in range(2):  # the second threat finds the case at level 4 already
        r = cases.post(f"/cases/{r.json()['case_id']}/incidents", json=incident, headers=CASEWORKER)
        assert r.status_code == 201, r.text


async def _until(check: Any, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def test_the_example_counts_escalations_to_level_4_once_per_tilbud(
    kafka_bootstrap: str, unique: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    topic = f"cases-{unique}"
    store = f"sqlite:///{tmp_path}/cases.sqlite"
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap)
    await ensure_topics(common, [topic])
    settings = CasesSettings(database_url=store, topic=topic, common=common)
    example = _example(tmp_path, monkeypatch)
    database, schemas = str(tmp_path / "esc.sqlite"), ROOT / "docs" / "events"
    _app, broker, escalations = example.create(
        kafka_bootstrap, topic, f"example-{unique}", database, schemas
    )
    await broker.start()
    try:
        with running(settings), TestClient(create_cases_app(settings)) as cases:
            _escalate(cases, "0707614285", "lyngen")
            _escalate(cases, "1502802222", "lyngen")
            _escalate(cases, "2912993333", "solsikken")
            expected = {"lyngen": 2, "solsikken": 1}
            await _until(lambda: escalations.counts() == expected)

        # the whole history again, on the same topic: every ce_id a repeat
        monkeypatch.setenv("PKRAFT_CASES_DATABASE_URL", store)
        monkeypatch.setenv("PKRAFT_KAFKA_BOOTSTRAP_SERVERS", kafka_bootstrap)
        replay = ["cases", "republish", "--from", "0", "--to", topic]
        done = await asyncio.to_thread(CliRunner().invoke, pkraft, replay)
        assert done.exit_code == 0, done.output
        replayed = int(done.output.split("republished ")[1].split()[0])
        assert replayed >= 9  # 3 cases: opened, 2 incidents, level assessed
        await _until(lambda: escalations.repeats >= replayed)
        assert escalations.counts() == expected
        # and a new escalation after the replay still counts
        with running(settings), TestClient(create_cases_app(settings)) as cases:
            _escalate(cases, "0101011234", "solsikken")
        await _until(lambda: escalations.counts() == {"lyngen": 2, "solsikken": 2})
    finally:
        await broker.stop()
        escalations.close()
