"""The forms for plan reviews, complaints' resolutions, dialogue notes, the handover,
the network, and closing and reopening a case, turned into the cases API's bodies."""

from __future__ import annotations

from services.console.domain.forms import Form, Parsed, _Reader


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def review_plan(form: Form) -> Parsed:
    r = _Reader(form)
    body = {
        "notes": r.text("notes"),
        "next_review_date": r.date("next_review_date", required=False),
    }
    return Parsed(body, r.errors)


def resolve_complaint(form: Form) -> Parsed:
    r = _Reader(form)
    return Parsed({"outcome": r.text("outcome"), "resolution": r.text("resolution")}, r.errors)


def note_dialogue(form: Form) -> Parsed:
    """A dialogue: its form, a summary, and who took part (one per line)."""
    r = _Reader(form)
    body = {
        "kind": r.text("kind"),
        "summary": r.text("summary"),
        "participants": _lines(r.text("participants", required=False)),
    }
    return Parsed(body, r.errors)


def record_handover(form: Form) -> Parsed:
    r = _Reader(form)
    body = {
        "deliverables": r.text("deliverables"),
        "expectations": r.text("expectations"),
        "legal_differences": _lines(r.text("legal_differences", required=False)),
    }
    return Parsed(body, r.errors)


def record_network_relation(form: Form) -> Parsed:
    r = _Reader(form)
    body = {
        "kind": r.text("kind"),
        "category": r.text("category"),
        "description": r.text("description"),
    }
    return Parsed(body, r.errors)


def close_case(form: Form) -> Parsed:
    r = _Reader(form)
    return Parsed(
        {"reason": r.text("reason"), "note": r.text("note", required=False) or None}, r.errors
    )


def reopen_case(form: Form) -> Parsed:
    r = _Reader(form)
    return Parsed({"reason": r.text("reason")}, r.errors)
