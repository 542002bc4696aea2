"""Every stored field of every case event is declared personal (with its subject) or not
(the checks: ``tests/privacy_guards.py``); text about a relative is under their key."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from services.cases.adapters.personal import PERSONAL_FIELDS, declaration
from services.cases.domain.case import CollaborationCase
from services.cases.domain.case_privacy import citizen_subject, relative_subject
from tests.privacy_guards import DeclarationGuard, subject_of


class TestCaseEvents(DeclarationGuard):
    aggregates: ClassVar[Mapping[str, type]] = {"": CollaborationCase}
    declared = PERSONAL_FIELDS
    declared_types = declaration()
    an_event = "RelativeAdded"


def test_text_about_a_relative_is_under_that_relatives_key() -> None:
    subject = subject_of(PERSONAL_FIELDS, "case-1")
    assert subject("RelativeAdded", "name", {"relative_id": "r1"}) == relative_subject(
        "case-1", "r1"
    )
    assert subject("ComplaintReceived", "summary", {"complainant": "r1"}) == (
        relative_subject("case-1", "r1")
    )
    assert subject("ComplaintReceived", "summary", {"complainant": "citizen"}) == (
        citizen_subject("case-1")
    )
    assert subject("Opened", "cpr", {}) == citizen_subject("case-1")
