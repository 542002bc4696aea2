"""The cold-read store fill: realistic cases readable, filler counted, the chain whole."""

from __future__ import annotations

from uuid import UUID

from bench.coldfill import fill
from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from shared.sourcechain.verify import verify_rows


def test_a_filled_store_reads_back_and_its_chain_verifies(store_url: str) -> None:
    app = build_application(CasesSettings(database_url=store_url))
    try:
        ids = fill(app, target_cases=6, filler_events=200, events_per_case=5, segments=3)
        case = app.repository.get(UUID(ids[-1]))
        assert case.version == 5
        assert case.dialogue_notes["n3"]["summary"] == "talked 3"  # decrypted with its key
        # The service's own write path goes on from the filled chain.
        case.note_dialogue(note_id="x", kind="phone", summary="s", participants=[], actor="b")
        app.save(case)
        events, links = app.recorder.read_all()
        report = verify_rows("cases", events, links)
        assert report.ok, report.findings[:3]
        assert len(events) == 5 + 6 * 5 + (200 // 5 - 1) * 5 + 1  # template, cases, filler, 1
    finally:
        app.close()
