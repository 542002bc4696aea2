"""Guard: every field and event the cases insight page (GDPR art. 15) can show has a
Danish label (the checks: ``tests/privacy_guards.py``), so a new field cannot reach a
citizen's page as an English key; the automatic escalation reads as Danish."""

from __future__ import annotations

from pathlib import Path

from services.cases.adapters.insight_words import WORDING, system_text
from services.cases.adapters.personal import PERSONAL_FIELDS
from services.cases.domain.enums import Channel, ChecklistItem
from shared.contracts.cases import registry
from tests.privacy_guards import InsightWordsGuard, literal_keys


class TestCaseInsightWords(InsightWordsGuard):
    """The citizen's page shows the case state: the keys the domain writes into it, and
    the keys that are values (contact channels, move-in checklist items)."""

    stored = PERSONAL_FIELDS
    registry = registry
    state_keys = (
        literal_keys((Path(__file__).parents[2] / "domain").glob("*.py"))
        | {c.value for c in Channel}
        | {i.value for i in ChecklistItem}
    )


def test_the_automatic_escalation_reads_as_a_danish_sentence() -> None:
    text = "Automatic escalation: violence reported (incident 9f1c)."
    assert system_text(text) == (
        "Automatisk optrapning til niveau 4: en hændelse med vold er indberettet "
        "(hændelse nr. 9f1c)."
    )
    assert system_text("Truende opkald om natten") == "Truende opkald om natten"
    assert WORDING.system_text is system_text
