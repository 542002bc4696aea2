"""Project-wide rules that keep the code and its documentation honest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from shared.contracts.schemas import render

ROOT = Path(__file__).resolve().parent.parent


def test_event_catalogue_matches_the_contracts() -> None:
    """docs/events/ is generated from shared/contracts; run `make schemas` after a change."""
    for rel, content in render().items():
        path = ROOT / "docs" / "events" / rel
        assert path.exists(), f"{rel} missing: run `make schemas`"
        assert path.read_text(encoding="utf-8") == content, f"{rel} stale: run `make schemas`"


def test_domains_import_nothing_outward() -> None:
    """The import-linter contracts in pyproject.toml (layers, framework-free domains)."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
