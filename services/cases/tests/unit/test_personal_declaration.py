"""Every stored field of every case event is declared personal (with its subject) or not,
so a new field cannot reach the store in clear by oversight."""

from __future__ import annotations

import dataclasses

from eventsourcing.domain import AggregateEvent

from services.cases.adapters.personal import PERSONAL_FIELDS, declaration
from services.cases.domain.case import CollaborationCase
from services.cases.domain.case_privacy import citizen_subject, relative_subject
from shared.privacy.declaration import EventPrivacy, undeclared


def _event_fields() -> dict[str, list[str]]:
    return {
        name: [f.name for f in dataclasses.fields(cls)]
        for name, cls in vars(CollaborationCase).items()
        if isinstance(cls, type)
        and issubclass(cls, AggregateEvent)
        and name not in {"Event", "Created", "Snapshot"}
    }


def test_every_field_of_every_event_is_declared_personal_or_not() -> None:
    assert undeclared(_event_fields(), PERSONAL_FIELDS) == []


def test_a_new_undeclared_field_or_event_is_caught() -> None:
    fields = _event_fields()
    fields["RelativeAdded"] = [*fields["RelativeAdded"], "birthday"]
    fields["NewThing"] = ["note"]
    assert undeclared(fields, PERSONAL_FIELDS) == ["NewThing", "RelativeAdded.birthday"]


def test_declared_paths_name_real_fields_and_nothing_is_both() -> None:
    fields = _event_fields()
    for name, spec in PERSONAL_FIELDS.items():
        tops = {p.path.split(".")[0].removesuffix("[]") for p in spec.personal}
        assert tops <= set(fields[name]), name
        assert spec.public <= set(fields[name]), name
        assert not tops & spec.public, name
    assert len(declaration()) == len(PERSONAL_FIELDS)


def test_text_about_a_relative_is_under_that_relatives_key() -> None:
    def subject_of(event: str, path: str, state: dict[str, str]) -> str:
        spec: EventPrivacy = PERSONAL_FIELDS[event]
        rule = next(p.subject for p in spec.personal if p.path == path)
        return rule("case-1", state)

    assert subject_of("RelativeAdded", "name", {"relative_id": "r1"}) == relative_subject(
        "case-1", "r1"
    )
    assert subject_of("ComplaintReceived", "summary", {"complainant": "r1"}) == (
        relative_subject("case-1", "r1")
    )
    assert subject_of("ComplaintReceived", "summary", {"complainant": "citizen"}) == (
        citizen_subject("case-1")
    )
    assert subject_of("Opened", "cpr", {}) == citizen_subject("case-1")
