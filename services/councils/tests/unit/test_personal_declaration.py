"""Every stored field of every councils event is declared personal (with its subject) or
not (the checks: ``tests/privacy_guards.py``); names are under the person's key, free text
under the texts'."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from services.councils.adapters.personal import AGGREGATES, PERSONAL_FIELDS, declaration
from services.councils.domain.council_privacy import person_subject, text_subject
from tests.privacy_guards import DeclarationGuard, subject_of


class TestCouncilsEvents(DeclarationGuard):
    aggregates: ClassVar[Mapping[str, type]] = {
        f"{name}.": owner for name, owner in AGGREGATES.items()
    }
    declared = PERSONAL_FIELDS
    declared_types = declaration()
    an_event = "Council.CandidateNominated"


def test_names_are_under_the_persons_key_and_free_text_under_the_texts() -> None:
    subject = subject_of(PERSONAL_FIELDS, "c-1")
    nominated = {"relative_id": "r1"}
    assert subject("Council.CandidateNominated", "name", nominated) == person_subject("c-1", "r1")
    appointed = {"person_ref": "p9"}
    assert subject("Council.MemberAppointed", "name", appointed) == person_subject("c-1", "p9")
    assert subject("Council.MinutesRecorded", "minutes", {}) == text_subject("c-1")
    received = {"application_id": "a1"}
    assert subject("ParticipantBudgetPool.ApplicationReceived", "activity", received) == (
        text_subject("c-1", "a1")
    )
