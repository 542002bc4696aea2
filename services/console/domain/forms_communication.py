"""The communication forms and the follow group's decision on a pool application,
turned into the APIs' bodies."""

from __future__ import annotations

import re

from services.console.domain.forms import Form, Parsed, _Reader, kroner, number
from services.console.domain.messages import field_error


def newsletter(form: Form) -> Parsed:
    """The tilbud ticked (or, when the organisation is unknown, ids separated by commas
    or lines), a subject and a plain-text body."""
    r = _Reader(form)
    ticked = [v for value in form.get("tilbud_ids", []) for v in re.split(r"[,\s]+", value)]
    tilbud = [t for t in ticked if t]
    if not tilbud:
        r.errors.append(field_error("choose_one", "tilbud_ids"))
    body = {"tilbud_ids": tilbud, "subject": r.text("subject"), "body": r.text("body")}
    return Parsed(body, r.errors)


def theme_evening(form: Form) -> Parsed:
    r = _Reader(form)
    capacity = r.text("capacity")
    body = {
        "title": r.text("title"),
        "topic": r.text("topic"),
        "organiser": r.text("organiser"),
        "organiser_name": r.text("organiser_name"),
        "starts_at": r.moment("starts_on", "starts_time"),
        "location": r.text("location"),
        "capacity": number(capacity),
    }
    return Parsed(body, r.errors)


def preferences(form: Form) -> Parsed:
    """The preferred channel (or none), message kinds opted out of, topics of interest."""
    r = _Reader(form)
    body = {
        "preferred_channel": r.text("preferred_channel", required=False) or None,
        "opt_out_kinds": r.many("opt_out_kinds"),
        "interests": r.many("interests"),
    }
    return Parsed(body, r.errors)


def pool_decision(form: Form) -> Parsed:
    """Grant (in full, or an amount in whole kroner: 80000, 80.000 or 80 000) or reject
    with a reason."""
    r = _Reader(form)
    decision = r.text("decision")
    amount = kroner(r, "amount", required=False)
    reason = r.text("reason", required=decision == "reject")
    body = {"decision": decision, "amount": amount, "reason": reason}
    return Parsed(body, r.errors)


def nothing(form: Form) -> Parsed:
    """A form that only confirms (announcing an evening): nothing to read."""
    return Parsed({}, [])


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def registration(form: Form) -> Parsed:
    """A relative signed up by staff: name and an e-mail address that looks like one."""
    r = _Reader(form)
    email = r.text("email")
    if email and not _EMAIL.fullmatch(email):
        r.errors.append(field_error("invalid_email", "email"))
    return Parsed({"name": r.text("name"), "email": email}, r.errors)


def registration_id(form: Form) -> Parsed:
    """Which sign-up to cancel (its id, as given when the relative was signed up)."""
    r = _Reader(form)
    return Parsed({"registration_id": r.text("registration_id")}, r.errors)
