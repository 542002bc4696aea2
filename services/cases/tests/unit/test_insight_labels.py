"""Guard: every field and event the cases insight page (GDPR art. 15) can show has a
Danish label, so a new field cannot reach a citizen's page as an English key."""

from __future__ import annotations

import re
from pathlib import Path

from services.cases.adapters.insight_words import WORDING, system_text
from services.cases.adapters.personal import PERSONAL_FIELDS
from services.cases.domain.enums import Channel, ChecklistItem
from shared.contracts.cases import registry
from shared.privacy import insight_words as words


def test_every_stored_field_and_event_has_a_danish_label() -> None:
    missing = {name for name in PERSONAL_FIELDS if words.event_name_missing(name)}
    for spec in PERSONAL_FIELDS.values():
        missing |= {f for f in spec.public if words.label(f) is None}
        for personal in spec.personal:
            missing |= set(words.unlabelled_path(personal.path))
    assert missing == set()


def test_every_published_field_and_event_type_has_a_danish_label() -> None:
    missing = {m.ce_type() for m in registry.models() if words.event_name_missing(m.ce_type())}
    for model in registry.models():
        missing |= {f for f in model.model_fields if words.label(f) is None}
    assert missing == set()


def test_the_automatic_escalation_reads_as_a_danish_sentence() -> None:
    text = "Automatic escalation: violence reported (incident 9f1c)."
    assert system_text(text) == (
        "Automatisk optrapning til niveau 4: en hændelse med vold er indberettet "
        "(hændelse nr. 9f1c)."
    )
    assert system_text("Truende opkald om natten") == "Truende opkald om natten"
    assert WORDING.system_text is system_text


def _literal_keys(module: Path) -> set[str]:
    return set(re.findall(r'"([a-z][a-z0-9_]*)":\s', module.read_text()))


def test_every_key_the_case_state_can_hold_has_a_danish_label() -> None:
    """The citizen's page shows the case state: the keys the domain writes into it, and
    the keys that are values (contact channels, move-in checklist items)."""
    domain = Path(__file__).parents[2] / "domain"
    keys = {k for module in domain.glob("*.py") for k in _literal_keys(module)}
    keys |= {c.value for c in Channel} | {i.value for i in ChecklistItem}
    assert {k for k in keys if words.label(k) is None} == set()
