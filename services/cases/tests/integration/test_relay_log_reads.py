"""The relay reads the notification log through the chained recorder's own query
(``notifications_after``): the notifications the library's ``select_notifications``
gives, on both stores."""

from __future__ import annotations

from fastapi.testclient import TestClient

from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.integration.privacy_flow import drive_case
from shared.relay.source import ApplicationLog


def test_the_relay_reads_the_library_s_notifications(cases_settings: CasesSettings) -> None:
    with TestClient(create_app(cases_settings)) as client:
        drive_case(client)
    app = build_application(cases_settings)
    try:
        recorder = app.recorder
        last = recorder.max_notification_id() or 0
        assert last >= 15
        for after, limit in ((0, 10_000), (0, 1), (3, 5), (last - 2, 10), (last, 10)):
            ours = recorder.notifications_after(after, limit)  # type: ignore[attr-defined]
            assert ours == recorder.select_notifications(start=after + 1, limit=limit)
        read = ApplicationLog(app).read(0, 10_000)
        assert [n for n, _ in read] == list(range(1, last + 1))
    finally:
        app.close()
