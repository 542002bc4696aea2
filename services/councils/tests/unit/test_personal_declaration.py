"""Every stored field of every councils event is declared personal (with its subject) or
not, so a new field cannot reach the store in clear by oversight."""

from __future__ import annotations

import dataclasses

from eventsourcing.domain import AggregateEvent

from services.councils.adapters.personal import AGGREGATES, PERSONAL_FIELDS, declaration
from services.councils.domain.council_privacy import person_subject, text_subject
from shared.privacy.declaration import undeclared


def _event_fields() -> dict[str, list[str]]:
    return {
        f"{aggregate}.{name}": [f.name for f in dataclasses.fields(cls)]
        for aggregate, owner in AGGREGATES.items()
        for name, cls in vars(owner).items()
        if isinstance(cls, type)
        and issubclass(cls, AggregateEvent)
        and name not in {"Event", "Created", "Snapshot"}
    }


def test_every_field_of_every_councils_event_is_declared_personal_or_not() -> None:
    assert undeclared(_event_fields(), PERSONAL_FIELDS) == []


def test_a_new_undeclared_field_or_event_is_caught() -> None:
    fields = _event_fields()
    fields["Council.CandidateNominated"] = [*fields["Council.CandidateNominated"], "phone"]
    fields["Council.NewThing"] = ["note"]
    assert undeclared(fields, PERSONAL_FIELDS) == [
        "Council.CandidateNominated.phone",
        "Council.NewThing",
    ]


def test_declared_paths_name_real_fields_and_nothing_is_both() -> None:
    fields = _event_fields()
    for name, spec in PERSONAL_FIELDS.items():
        tops = {p.path.split(".")[0].removesuffix("[]") for p in spec.personal}
        assert tops <= set(fields[name]), name
        assert spec.public <= set(fields[name]), name
        assert not tops & spec.public, name
    assert len(declaration()) == len(PERSONAL_FIELDS)


def test_names_are_under_the_persons_key_and_free_text_under_the_texts() -> None:
    def subject_of(event: str, path: str, state: dict[str, str]) -> str:
        rule = next(p.subject for p in PERSONAL_FIELDS[event].personal if p.path == path)
        return rule("c-1", state)

    nominated = {"relative_id": "r1"}
    assert subject_of("Council.CandidateNominated", "name", nominated) == person_subject(
        "c-1", "r1"
    )
    appointed = {"person_ref": "p9"}
    assert subject_of("Council.MemberAppointed", "name", appointed) == person_subject("c-1", "p9")
    assert subject_of("Council.MinutesRecorded", "minutes", {}) == text_subject("c-1")
    received = {"application_id": "a1"}
    assert subject_of("ParticipantBudgetPool.ApplicationReceived", "activity", received) == (
        text_subject("c-1", "a1")
    )
