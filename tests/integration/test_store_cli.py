"""``pkraft store restored``: an operator marks a restored service database."""

from __future__ import annotations

import asyncio
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkraft.cli import app as pkraft
from services.cases.application import CaseCommands
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from shared.eventstore import StoreUrl
from shared.relay.positions import open_positions


def test_marking_the_cases_store_restored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path}/cases.sqlite"
    monkeypatch.setenv("PKRAFT_CASES_DATABASE_URL", url)
    settings = CasesSettings(database_url=url)

    async def open_case() -> None:
        app = build_application(settings)
        commands = CaseCommands(app, settings.pseudonym_key)
        commands.committer.start()
        await commands.open(
            cpr="0707614285", tilbud_id="t", setting="home_care", planned_move_in=None, actor="a"
        )
        await asyncio.to_thread(commands.committer.stop)
        app.close()

    asyncio.run(open_case())
    with closing(open_positions(StoreUrl.parse(url))) as positions:
        positions.set(f"cases->{settings.topic}", 7)  # ahead of the restored store
    result = CliRunner().invoke(pkraft, ["store", "restored", "--service", "cases"])
    assert result.exit_code == 0, result.output
    assert "from notification 2" in result.output
    assert f"relay cases->{settings.topic}: position 7 -> 1" in result.output
    with closing(open_positions(StoreUrl.parse(url))) as positions:
        assert positions.incarnations().of(2) > 0


def test_an_unknown_service_is_refused() -> None:
    result = CliRunner().invoke(pkraft, ["store", "restored", "--service", "readside"])
    assert result.exit_code != 0
    assert "cases, councils, communication" in result.output
