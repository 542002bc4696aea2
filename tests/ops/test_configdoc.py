"""docs/configuration.md lists every environment variable of every service and cannot drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from pkraft.configdoc import SHARED, render, service_settings, variables

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_configuration_reference_is_current() -> None:
    committed = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert committed == render(), (
        "docs/configuration.md is stale: run `make configdoc` "
        "(python -m pkraft.configdoc docs/configuration.md) and commit it"
    )


def test_every_service_with_settings_is_documented() -> None:
    services = {p.parent.name for p in (ROOT / "services").glob("*/config.py")}
    assert set(service_settings()) == services
    text = render()
    for cls in [cls for _, cls, _ in SHARED] + list(service_settings().values()):
        for var in variables(cls):
            assert f"| `{var.env}` |" in text


def test_every_variable_says_what_it_means() -> None:
    undocumented = [
        var.env
        for cls in [cls for _, cls, _ in SHARED] + list(service_settings().values())
        for var in variables(cls)
        if not var.description.strip()
    ]
    assert not undocumented, f"add description= to the Field of {undocumented}"


def test_variable_names_are_what_the_settings_classes_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, cls in service_settings().items():
        port = next((v for v in variables(cls) if v.field == "http_port"), None)
        if port is None:
            continue
        monkeypatch.setenv(port.env, "18999")
        assert cls().http_port == 18999, name  # type: ignore[attr-defined]
