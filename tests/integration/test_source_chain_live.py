"""An untouched store verifies clean while two writers of the same store write at once
(two application instances, as with several API workers) and verify reads it."""

from __future__ import annotations

import asyncio

from services.cases.application import CaseCommands
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from shared.config import CommonSettings
from shared.sourcechain.store import verify_application


async def write_cases(settings: CasesSettings, name: str, cases: int, notes: int) -> int:
    app = build_application(settings)
    commands = CaseCommands(app, settings.pseudonym_key)
    commands.committer.start()
    try:
        ids = [
            (
                await commands.open(
                    cpr="0707614285",
                    tilbud_id=f"{name}-{i}",
                    setting="nursing_home",
                    planned_move_in=None,
                    actor="anna",
                )
            ).aggregate_id
            for i in range(cases)
        ]
        for n in range(notes):
            await asyncio.gather(
                *(
                    commands.note_dialogue(
                        cid,
                        note_id=f"n{n}",
                        kind="phone",
                        summary="s",
                        participants=[],
                        actor="anna",
                    )
                    for cid in ids
                )
            )
        return cases * (notes + 1)
    finally:
        await asyncio.to_thread(commands.committer.stop)
        app.close()


async def test_concurrent_writers_leave_a_chain_that_verifies_clean(store_url: str) -> None:
    settings = CasesSettings(database_url=store_url, common=CommonSettings())
    reader = build_application(settings)
    reports = []
    writing = asyncio.gather(
        write_cases(settings, "a", cases=4, notes=15), write_cases(settings, "b", cases=4, notes=15)
    )
    while not writing.done():
        reports.append(await asyncio.to_thread(verify_application, "cases", reader))
        await asyncio.sleep(0.02)
    stored = sum(await writing)
    final = verify_application("cases", reader)
    reader.close()
    assert final.events == stored == 128
    assert len(reports) > 1, "verify ran while the writers wrote"
    assert [f for r in [*reports, final] for f in r.findings] == []
