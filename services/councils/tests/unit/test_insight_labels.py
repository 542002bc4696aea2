"""Guard: every field and event the councils insight page (GDPR art. 15) can show has a
Danish label, so a new field cannot reach a person's page as an English key."""

from __future__ import annotations

import re
from pathlib import Path

from services.councils.adapters.personal import declaration
from shared.contracts.councils import registry
from shared.privacy import insight_words as words


def test_every_stored_field_and_event_has_a_danish_label() -> None:
    found = declaration()
    missing = {t.__name__ for t in found if words.event_name_missing(t.__name__)}
    for spec in found.values():
        missing |= {f for f in spec.public if words.label(f) is None}
        for personal in spec.personal:
            missing |= set(words.unlabelled_path(personal.path))
    assert missing == set()


def test_every_published_field_and_event_type_has_a_danish_label() -> None:
    missing = {m.ce_type() for m in registry.models() if words.event_name_missing(m.ce_type())}
    for model in registry.models():
        missing |= {f for f in model.model_fields if words.label(f) is None}
    assert missing == set()


def test_every_key_a_subjects_current_data_can_hold_has_a_danish_label() -> None:
    """A person's page shows member entries and candidacies, a texts page the meetings or
    an application: every key the domain writes into those has a label."""
    domain = Path(__file__).parents[2] / "domain"
    modules = "council_members council_meetings council_elections pool pool_activities"
    modules += " council_base"
    keys = set()
    for module in modules.split():
        keys |= set(re.findall(r'"([a-z][a-z0-9_]*)":\s', (domain / f"{module}.py").read_text()))
    assert keys and {k for k in keys if words.label(k) is None} == set()
