"""Every message kind renders in Danish, as plain text and escaped HTML."""

from __future__ import annotations

import re

import pytest

from services.communication.adapters.templates import JinjaRenderer
from shared.organisation import DEFAULT_FILE, load_directory

CONTEXT = {
    "name": "Karen <Hansen>",
    "tilbud_id": "lyngen",
    "easy_read": False,
    "planned_move_in": "2031-05-01",
    "conversation_at": "2031-04-20T08:00:00+00:00",
    "reason": "level",
    "level": 4,
    "incident_kind": "threat",
    "case_id": "c1",
    "deadline": "2026-12-03T09:00:00+00:00",
    "council_id": "r1",
    "election_at": "2031-06-01",
    "meeting_id": "m1",
    "subject": "Nyt",
    "body": "Første afsnit.\n\nAndet afsnit.",
    "year": 2031,
    "title": "Økonomi",
    "topic": "finances",
    "starts_at": "2031-04-01T19:00:00+02:00",
    "location": "Aarhus",
    "organiser": "municipality",
    "organiser_name": "VJH",
    "what": "registration:registered",
    "version_number": 2,
    "adopted_on": "2031-02-01",
    "for_staff": False,
    "message_id": "0b6f0e0e-2f1a-5c3e-9d41-7a2b3c4d5e6f",
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
        "code_of_conduct",
    } <= set(RENDERER.kinds())


def test_easy_read_variant_for_the_citizen() -> None:
    _, plain, _ = RENDERER.render("move_in_invitation_citizen", CONTEXT)
    _, easy, _ = RENDERER.render("move_in_invitation_citizen", {**CONTEXT, "easy_read": True})
    assert "Du skal snart flytte ind." in easy and "Du skal snart flytte ind." not in plain
    assert "Velkommen" in RENDERER.render("welcome", CONTEXT)[0]


# What the context above holds, as a Danish reader expects it (Europe/Copenhagen time).
DANISH = {
    "conversation_at": "søndag den 20. april 2031 kl. 10.00",  # summer time, UTC+2
    "deadline": "torsdag den 3. december 2026 kl. 10.00",  # winter time, UTC+1
    "starts_at": "tirsdag den 1. april 2031 kl. 19.00",
    "election_at": "søndag den 1. juni 2031",
    "planned_move_in": "torsdag den 1. maj 2031",
    "adopted_on": "lørdag den 1. februar 2031",
}
DATES_IN = {
    "complaint_acknowledgement": ["deadline"],
    "complaint_reminder": ["deadline"],
    "council_election": ["election_at"],
    "move_in_invitation": ["conversation_at"],
    "move_in_invitation_citizen": ["conversation_at"],
    "theme_evening": ["starts_at"],
    "theme_evening_update": ["starts_at"],
    "welcome": ["planned_move_in"],
    "code_of_conduct": ["adopted_on"],
}
ISO = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}")


@pytest.mark.parametrize("kind", RENDERER.kinds())
def test_mails_show_dates_and_times_the_danish_way(kind: str) -> None:
    subject, text, html = RENDERER.render(kind, CONTEXT)
    for part in (subject, text, html):
        assert not ISO.search(part), part
    for field in DATES_IN.get(kind, []):
        assert DANISH[field] in text and DANISH[field] in html, (field, text)
    if kind == "complaint_reminder":
        assert DANISH["deadline"] in subject


def test_an_evening_update_and_a_cancellation_name_the_danish_time() -> None:
    for what in ("cancelled", "registration:promoted"):
        _, text, html = RENDERER.render("theme_evening_update", {**CONTEXT, "what": what})
        assert DANISH["starts_at"] in text and DANISH["starts_at"] in html


@pytest.mark.parametrize("kind", RENDERER.kinds())
def test_every_mail_names_the_contact_person_when_the_case_has_one(kind: str) -> None:
    _, text, html = RENDERER.render(kind, {**CONTEXT, "contact_person": "Mette <Holm>"})
    assert "Jeres faste kontaktperson hos os er Mette <Holm>." in text
    assert "Mette &lt;Holm&gt;" in html and "<Holm>" not in html
    _, without, _ = RENDERER.render(kind, {**CONTEXT, "contact_person": ""})
    assert "kontaktperson hos os" not in without


def test_the_code_of_conduct_links_to_the_version_and_the_relative_s_message() -> None:
    renderer = JinjaRenderer("https://kodeks.example.dk/laes")
    subject, text, html = renderer.render("code_of_conduct", CONTEXT)
    link = "https://kodeks.example.dk/laes?version=2&ref=0b6f0e0e-2f1a-5c3e-9d41-7a2b3c4d5e6f"
    assert "version 2" in subject and "Kære Karen <Hansen>" in text
    assert link in text and link.replace("&", "&amp;") in html
    _, staff, staff_html = renderer.render("code_of_conduct", {**CONTEXT, "for_staff": True})
    assert "Til medarbejderne hos lyngen" in staff and "Karen" not in staff
    assert "https://kodeks.example.dk/laes?version=2\n" in staff and "&ref=" not in staff
    assert 'href="https://kodeks.example.dk/laes?version=2"' in staff_html


@pytest.mark.parametrize("kind", RENDERER.kinds())
def test_letters_name_the_tilbud_as_the_organisation_names_it(kind: str) -> None:
    named = JinjaRenderer(tilbud_name=load_directory(str(DEFAULT_FILE)).label)
    context = {**CONTEXT, "tilbud_id": "plejehjem-egely"}
    subject, text, html = named.render(kind, context)
    assert "plejehjem-egely" not in subject + text + html
    if kind in ("welcome", "complaint_acknowledgement", "council_election"):
        assert "Plejehjemmet Egely" in subject + text and "Plejehjemmet Egely" in html
