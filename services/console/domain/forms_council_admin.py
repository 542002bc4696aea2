"""The council administrator's forms (role council_admin): form a council, and on a
council appoint a member, record a resignation, change the department head, agree new
seat numbers, fill in the frame, schedule a meeting and record its minutes. Each is
data: its fields (shown by one template), the councils API's path and the body."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from services.console.domain.forms import Form, Parsed, _Reader, number
from services.console.domain.messages import field_error


@dataclass(frozen=True)
class Field:
    """One field: ``kind`` is text, textarea, date, time, number, radio, checkbox, tilbud
    (chosen from the organisation), head (a head chosen from the organisation, else a
    user id typed) or lines (one value a line); ``options`` names a label group,
    ``members``/``attendees``/``meetings`` or ``centre_heads``."""

    name: str
    label: str
    kind: str = "text"
    hint: str | None = None
    required: bool = True
    options: str | None = None


@dataclass(frozen=True)
class AdminForm:
    """A form on its own page (``/raad/{id}/<slug>``); ``path`` is under
    ``/councils/{id}`` and may name ``{member_id}`` or ``{meeting_id}`` from the form."""

    slug: str
    title: str
    button: str
    path: str
    fields: tuple[Field, ...]
    body: Callable[[_Reader], dict[str, Any]]
    done: str

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def parse(self, form: Form) -> Parsed:
        r = _Reader(form)
        body = self.body(r)
        return Parsed(body, r.errors)

    def api_path(self, form: Form) -> str:
        """The path with the member or meeting chosen on the form filled in."""
        return re.sub(r"\{(\w+)\}", lambda m: (form.get(m.group(1)) or [""])[0], self.path)


def _number(r: _Reader, name: str) -> int | str:
    return number(r.text(name))


def _seats(r: _Reader) -> dict[str, Any]:
    return {k: _number(r, k) for k in ("relatives", "citizens", "staff")}


def _agreement(r: _Reader) -> dict[str, Any]:
    return {"centre_head": r.text("centre_head"), "department_head": r.text("department_head"),
            "agreed_on": r.date("agreed_on")}  # fmt: skip


def _frame(r: _Reader) -> dict[str, Any]:
    return {k: r.text(k) for k in ("purpose", "tasks", "function")}


def lines(r: _Reader, name: str, required: bool) -> list[str]:
    """One value a line, blank lines dropped."""
    text = (r.form.get(name) or [""])[0]
    found = [line.strip() for line in text.splitlines() if line.strip()]
    if required and not found:
        r.errors.append(field_error("required", name))
    return found


def new_council(r: _Reader) -> dict[str, Any]:
    body = {"tilbud_id": r.text("tilbud_id"), "kind": r.text("kind"), "frame": _frame(r),
            "seats": _seats(r), "agreement": _agreement(r)}  # fmt: skip
    declined = r.date("relatives_council_declined_on", required=False)
    if declined:
        body["relatives_council_declined_on"] = declined
    return body


SEATS = (Field("relatives", "Pladser til pårørende", "number"),
         Field("citizens", "Pladser til borgere", "number"),
         Field("staff", "Pladser til medarbejdere", "number",
               hint="Afdelingslederens faste plads tæller med."))  # fmt: skip
AGREEMENT = (Field("centre_head", "Centerchef, der har aftalt pladserne", "head",
                   options="centre_heads"),
             Field("department_head", "Afdelingsleder", hint="Afdelingslederens bruger-id."),
             Field("agreed_on", "Aftalt den", "date"))  # fmt: skip
FRAME = (Field("purpose", "Formål", "textarea"), Field("tasks", "Opgaver", "textarea"),
         Field("function", "Funktion", "textarea"))  # fmt: skip

NEW_COUNCIL = AdminForm(
    "ny", "Dan et råd", "Dan rådet", "", (
        Field("tilbud_id", "Tilbud", "tilbud"),
        Field("kind", "Slags råd", "radio", options="council_kind"), *FRAME, *SEATS,
        *AGREEMENT,
        Field("relatives_council_declined_on", "Borgerne fravalgte et pårørenderåd den",
              "date", hint="Kun for et borgerråd.", required=False),
    ), new_council, "Rådet er dannet.",
)  # fmt: skip

FORMS = {f.slug: f for f in (
    AdminForm("medlem", "Udpeg et medlem", "Udpeg medlemmet", "/members", (
        Field("kind", "Slags medlem", "radio", options="appointed_kind"),
        Field("person_ref", "Personens id", hint="Et bruger-id eller en reference, ikke navnet."),
        Field("name", "Navn", required=False, hint="Gemmes krypteret og kan slettes."),
        Field("term_start", "Valgperioden begynder", "date"),
        Field("term_end", "Valgperioden slutter", "date", required=False),
    ), lambda r: {"kind": r.text("kind"), "person_ref": r.text("person_ref"),
                  "name": r.text("name", required=False) or None,
                  "term_start": r.date("term_start"),
                  "term_end": r.date("term_end", required=False)},
        "Medlemmet er udpeget."),
    AdminForm("udtraedelse", "Et medlem træder ud", "Registrer udtrædelsen",
              "/members/{member_id}/resign", (
        Field("member_id", "Medlem", "radio", options="members"),
        Field("on", "Træder ud den", "date"),
    ), lambda r: {"on": r.date("on"), "_member": r.text("member_id")},
        "Udtrædelsen er registreret. En suppleant træder ind på en pårørendeplads."),
    AdminForm("afdelingsleder", "Ny afdelingsleder", "Skift afdelingslederen",
              "/department-head", (
        Field("person_ref", "Den nye afdelingsleders bruger-id"),
        Field("on", "Fra og med", "date"),
    ), lambda r: {"person_ref": r.text("person_ref"), "on": r.date("on")},
        "Afdelingslederen er skiftet."),
    AdminForm("pladser", "Aftal nye pladser", "Gem pladserne", "/seats", (*SEATS, *AGREEMENT),
              lambda r: {"seats": _seats(r), "agreement": _agreement(r)},
              "De nye pladser er registreret."),
    AdminForm("rammer", "Rådets rammer", "Gem rammerne", "/frame", FRAME, _frame,
              "Rammerne er gemt."),
    AdminForm("moede", "Indkald til møde", "Indkald", "/meetings", (
        Field("kind", "Slags møde", "radio", options="meeting_kind"),
        Field("at", "Dato", "date"), Field("at_time", "Klokken", "time", hint="Fx 17:00."),
        Field("agenda", "Dagsorden", "lines", hint="Ét punkt pr. linje.", required=False),
    ), lambda r: {"kind": r.text("kind"), "at": r.moment("at", "at_time"),
                  "agenda": lines(r, "agenda", False)},
        "Mødet er indkaldt."),
    AdminForm("referat", "Referat af et møde", "Gem referatet",
              "/meetings/{meeting_id}/minutes", (
        Field("meeting_id", "Møde", "radio", options="meetings"),
        Field("minutes", "Referat", "textarea"),
        Field("attendees", "Hvem deltog?", "checkbox", options="attendees"),
    ), lambda r: {"_meeting": r.text("meeting_id"), "minutes": r.text("minutes"),
                  "attendees": r.many("attendees", required=True)},
        "Referatet er gemt."),
)}  # fmt: skip


def without_form_ids(body: dict[str, Any]) -> dict[str, Any]:
    """The body without the ids that went into the path (``_member``, ``_meeting``)."""
    return {k: v for k, v in body.items() if not k.startswith("_")}
