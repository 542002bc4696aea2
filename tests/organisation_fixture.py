"""The organisation the test suite runs with: the default reference data plus a test
department holding the tilbud ids tests make up (``t1``, ``tilbud-<n>``, ...).

Tests name tilbud freely (through helpers, as positional arguments), so besides the
numbered ids every lower-case literal in the test files is a tilbud here. A test that
wants a refused tilbud names one with a capital letter (``"Ukendt"``), which no scan adds.

The root conftest writes it once and names it in ``PKRAFT_ORGANISATION_FILE``, so every
service (in process or started as a subprocess) refuses only tilbud no test uses.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from shared.organisation import DEFAULT_FILE

ROOT = Path(__file__).resolve().parent.parent
LITERAL = re.compile(r"[\"']([a-z][a-z0-9_-]{0,40})[\"']")

NAMED = [
    "t", "l", "x", "raw", "t-x", "tilbud-r", "tilbud-metrics", "tilbud-contract",
    "tilbud-privacy", "tilbud-privacy-1", "tilbud-privacy-2", "case-p",
]  # fmt: skip
NUMBERED = ("t", "t-", "tilbud-", "skoven-", "lyngen-")


def _literals() -> set[str]:
    found: set[str] = set()
    for folder in ("services", "tests"):
        for path in (ROOT / folder).rglob("test*.py"):
            found.update(LITERAL.findall(path.read_text(encoding="utf-8")))
        for path in (ROOT / folder).rglob("conftest.py"):
            found.update(LITERAL.findall(path.read_text(encoding="utf-8")))
    return found


def made_up_tilbud_ids(known: set[str]) -> list[str]:
    ids = set(NAMED) | {f"{prefix}{i}" for prefix in NUMBERED for i in range(1000)}
    return sorted((ids | _literals()) - known)


def write_test_organisation() -> str:
    data = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    known = {t["tilbud_id"] for d in data["departments"] for c in d["centres"] for t in c["tilbud"]}
    tilbud = [
        {"tilbud_id": t, "label_da": t, "kind": "residential_offer", "staff": 10}
        for t in made_up_tilbud_ids(known)
    ]
    data["departments"].append(
        {
            "department_id": "test-afdeling",
            "label_da": "Testafdeling",
            "head": {"staff_id": "test-chef", "role_da": "Afdelingschef"},
            "centres": [{"centre_id": "testcenter", "label_da": "Testcenter", "tilbud": tilbud}],
        }
    )
    path = Path(tempfile.mkdtemp(prefix="pkraft-org-")) / "organisation.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)
