"""Nothing personal is readable at rest: per-subject keys are on by default (issue 10).

Supersedes test_store_privacy.py (the optional whole-event cipher key)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from services.cases import bootstrap
from services.cases.application import CasesApplication
from services.cases.config import CasesSettings
from services.cases.entrypoints.api import create_app
from services.cases.tests.integration.privacy_flow import drive_case, raw_bytes, readable
from shared.eventstore import StoreUrl


def test_no_name_cpr_email_or_free_text_is_readable_in_the_store(
    cases_settings: CasesSettings,
) -> None:
    settings = cases_settings.model_copy(update={"snapshot_interval": 4})
    with TestClient(create_app(settings)) as client:
        case = drive_case(client)
        shown = client.get(f"/cases/{case.case_id}", headers={"Authorization": ""})
        assert shown.status_code == 401
    stored = raw_bytes(settings.database_url)
    assert case.case_id.encode() in stored  # ids stay in clear: the grep reads the store
    assert readable(case.all_secrets(), stored) == []


def test_the_check_finds_them_without_the_key_store(
    cases_settings: CasesSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: with the plain application (no per-subject keys) every value is found,
    so the test above would fail if encryption were off."""

    def plain(settings: CasesSettings) -> CasesApplication:
        env = StoreUrl.parse(settings.database_url).application_env(cache_size=10)
        return CasesApplication(env, snapshot_interval=settings.snapshot_interval)

    monkeypatch.setattr(bootstrap, "build_application", plain)
    with TestClient(create_app(cases_settings)) as client:
        case = drive_case(client)
    assert readable(case.all_secrets(), raw_bytes(cases_settings.database_url)) == (
        case.all_secrets()
    )
