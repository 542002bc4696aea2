from typing import Any

import pytest

from services.cases.tests.unit.builders import (
    ACTOR,
    T0,
    add_relative,
    at,
    event_names,
    expect_error,
    invited_relative,
    new_case,
)


def test_add_relative() -> None:
    case = new_case()
    add_relative(case, channels={"email": "a@x.dk", "phone": "+4512345678"})
    relative = case.to_state(T0)["relatives"][0]
    assert relative == {
        "relative_id": "r1",
        "name": "Anna",
        "relation": "daughter",
        "legal_role": "none",
        "channels": {"email": "a@x.dk", "phone": "+4512345678"},
        "preferred_channel": "email",
        "consents": [],
    }


def test_add_relative_without_channels_or_preference() -> None:
    case = new_case()
    add_relative(case, channels={}, preferred_channel=None, legal_role="guardian")
    assert case.relatives["r1"]["preferred_channel"] is None


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"legal_role": "king"}, "invalid_legal_role"),
        ({"channels": {"pigeon": "coo"}}, "invalid_channel"),
        ({"preferred_channel": "fax"}, "invalid_channel"),
        ({"channels": {"phone": "1"}, "preferred_channel": "email"}, "preferred_channel_missing"),
        ({"channels": {"email": " "}}, "blank_text"),
        ({"name": ""}, "blank_text"),
        ({"relation": " "}, "blank_text"),
    ],
)
def test_add_relative_validates(overrides: dict[str, Any], code: str) -> None:
    case = new_case()
    expect_error(code, case, add_relative, case, **overrides)


def test_relative_ids_are_unique() -> None:
    case = new_case()
    add_relative(case)
    expect_error("relative_exists", case, add_relative, case)
    expect_error("blank_text", case, add_relative, case, "")


def test_update_relative() -> None:
    case = new_case()
    add_relative(case)
    case.update_relative("r1", ACTOR, name="Anne", channels={"email": "b@x.dk", "letter": "Vej 1"})
    case.update_relative("r1", ACTOR, preferred_channel="letter", legal_role="guardian")
    relative = case.relatives["r1"]
    assert (relative["name"], relative["preferred_channel"], relative["legal_role"]) == (
        "Anne",
        "letter",
        "guardian",
    )
    event = case.pending_events[-1]
    assert event.changes == {"preferred_channel": "letter", "legal_role": "guardian"}  # type: ignore[attr-defined]


def test_update_relative_validates() -> None:
    case = new_case()
    add_relative(case)
    update = case.update_relative
    expect_error("unknown_relative", case, update, "r9", ACTOR, name="X")
    expect_error("unknown_relative_field", case, update, "r1", ACTOR, age=3)
    expect_error("no_changes", case, update, "r1", ACTOR)
    expect_error("blank_text", case, update, "r1", ACTOR, name=" ")
    expect_error("invalid_legal_role", case, update, "r1", ACTOR, legal_role="x")
    expect_error("invalid_channel", case, update, "r1", ACTOR, channels={"fax": "1"})
    # Dropping the preferred channel without choosing another is inconsistent.
    expect_error("preferred_channel_missing", case, update, "r1", ACTOR, channels={"phone": "1"})
    case.update_relative("r1", ACTOR, channels={"phone": "1"}, preferred_channel=None)
    assert case.relatives["r1"]["preferred_channel"] is None


def test_remove_relative_removes_consents() -> None:
    case = new_case()
    add_relative(case)
    case.grant_consent("r1", "share_information", "written", ACTOR)
    case.remove_relative("r1", "Asked to be removed", ACTOR)
    assert case.relatives == {}
    assert not case.has_consent("r1", "share_information")
    expect_error("unknown_relative", case, case.remove_relative, "r1", None, ACTOR)
    add_relative(case)  # the id can be used again, without the old consents
    assert not case.has_consent("r1", "share_information")


def test_grant_and_withdraw_consent() -> None:
    case = new_case()
    add_relative(case)
    add_relative(case, "r2")
    case.grant_consent("r1", "share_information", "oral", ACTOR)
    case.grant_consent("r2", "share_information", "written", ACTOR)
    case.grant_consent("r2", "send_messages", "written", ACTOR)
    assert case.has_consent("r1", "share_information")
    assert not case.has_consent("r1", "send_messages")
    assert not case.has_consent("r9", "share_information")
    assert case.relatives_with_consent("share_information") == ["r1", "r2"]
    assert case.relatives_with_consent("send_messages") == ["r2"]
    consent = case.to_state(T0)["relatives"][0]["consents"][0]
    assert consent["scope"] == "share_information" and consent["form"] == "oral"
    assert consent["granted_by"] == ACTOR and consent["granted_at"]
    case.withdraw_consent("r1", "share_information", "written", ACTOR)
    assert case.relatives_with_consent("share_information") == ["r2"]
    assert event_names(case)[-1] == "ConsentWithdrawn"


def test_consent_validation() -> None:
    case = new_case()
    add_relative(case)
    grant, withdraw = case.grant_consent, case.withdraw_consent
    expect_error("unknown_relative", case, grant, "r9", "share_information", "oral", ACTOR)
    expect_error("invalid_consent_scope", case, grant, "r1", "everything", "oral", ACTOR)
    expect_error("invalid_consent_form", case, grant, "r1", "share_information", "telepathy", ACTOR)
    expect_error("consent_not_granted", case, withdraw, "r1", "share_information", "oral", ACTOR)
    grant("r1", "share_information", "oral", ACTOR)
    expect_error(
        "consent_already_granted", case, grant, "r1", "share_information", "written", ACTOR
    )
    expect_error("invalid_consent_form", case, withdraw, "r1", "share_information", "x", ACTOR)


def test_withdrawal_takes_effect_at_once_for_pending_invitations() -> None:
    case = new_case()
    invited_relative(case, "r1")
    invited_relative(case, "r2")
    case.schedule_move_in_conversation(at(5), None, ACTOR)
    case.withdraw_consent("r1", "invite_to_meetings", "oral", ACTOR)
    case.remove_relative("r2", None, ACTOR)
    assert case.move_in_conversation is not None
    assert case.move_in_conversation["invitee_relative_ids"] == []
