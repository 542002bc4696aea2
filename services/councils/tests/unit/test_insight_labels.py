"""Guard: every field and event the councils insight page (GDPR art. 15) can show has a
Danish label, so a new field cannot reach a person's page as an English key."""

from __future__ import annotations

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
