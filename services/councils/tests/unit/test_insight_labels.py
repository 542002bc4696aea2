"""Guard: every field and event the councils insight page (GDPR art. 15) can show has a
Danish label (the checks: ``tests/privacy_guards.py``), so a new field cannot reach a
person's page as an English key."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from services.councils.adapters.personal import declaration
from shared.contracts.councils import registry
from shared.privacy.declaration import EventPrivacy
from tests.privacy_guards import InsightWordsGuard, literal_keys

_DOMAIN = Path(__file__).parents[2] / "domain"
_SHOWN = "council_members council_meetings council_elections pool pool_activities council_base"


class TestCouncilsInsightWords(InsightWordsGuard):
    """A person's page shows member entries and candidacies, a texts page the meetings or
    an application: every key the domain writes into those has a label."""

    stored: ClassVar[Mapping[str, EventPrivacy]] = {
        t.__name__: spec for t, spec in declaration().items()
    }
    registry = registry
    state_keys = literal_keys(_DOMAIN / f"{module}.py" for module in _SHOWN.split())
