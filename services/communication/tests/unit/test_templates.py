"""Every message kind renders in Danish, as plain text and escaped HTML."""

from __future__ import annotations

import pytest

from services.communication.adapters.templates import JinjaRenderer

CONTEXT = {
    "name": "Karen <Hansen>",
    "tilbud_id": "lyngen",
    "easy_read": False,
    "planned_move_in": "2031-05-01",
    "conversation_at": "2031-04-20T10:00",
    "reason": "level",
    "level": 4,
    "incident_kind": "threat",
    "case_id": "c1",
    "deadline": "2031-03-02T09:00",
    "council_id": "r1",
    "election_at": "2031-06-01",
    "meeting_id": "m1",
    "subject": "Nyt",
    "body": "Første afsnit.\n\nAndet afsnit.",
    "year": 2031,
    "title": "Økonomi",
    "topic": "finances",
    "starts_at": "2031-04-01 19:00",
    "location": "Aarhus",
    "organiser": "municipality",
    "organiser_name": "VJH",
    "what": "registration:registered",
}
RENDERER = JinjaRenderer()


@pytest.mark.parametrize("kind", RENDERER.kinds())
def test_each_kind_renders_subject_text_and_html(kind: str) -> None:
    subject, text, html = RENDERER.render(kind, CONTEXT)
    assert subject and "\n" not in subject
    assert text.strip() and "<p>" not in text
    assert "<p>" in html
    assert "<Hansen>" not in html  # escaped in HTML


def test_there_is_a_template_for_every_kind_the_rules_use() -> None:
    assert {
        "welcome",
        "move_in_invitation",
        "move_in_invitation_citizen",
        "leader_alert",
        "complaint_acknowledgement",
        "complaint_reminder",
        "newsletter",
        "survey_invitation",
        "theme_evening",
        "theme_evening_update",
        "council_election",
        "council_minutes",
    } <= set(RENDERER.kinds())


def test_easy_read_variant_for_the_citizen() -> None:
    _, plain, _ = RENDERER.render("move_in_invitation_citizen", CONTEXT)
    _, easy, _ = RENDERER.render("move_in_invitation_citizen", {**CONTEXT, "easy_read": True})
    assert "Du skal snart flytte ind." in easy and "Du skal snart flytte ind." not in plain
    assert "Velkommen" in RENDERER.render("welcome", CONTEXT)[0]
