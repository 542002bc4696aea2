"""Staff forms on the councils API (council admin or leader): a leader hired with
relatives taking part (per citizen centre), a course session on the collaboration with
relatives, and an onboarding. Each carries its own id from the page it was shown on,
so sending it again records it once."""

from __future__ import annotations

from typing import Any

from services.console.domain.forms import _Reader, number
from services.console.domain.forms_council_admin import AdminForm, Field, lines
from services.console.domain.messages import field_error


def _count(r: _Reader, name: str) -> int | str:
    return number(r.text(name, required=False) or "0")


def _hiring(r: _Reader) -> dict[str, Any]:
    return {"hiring_id": r.text("hiring_id"), "position": r.text("position"),
            "hired_on": r.date("hired_on"), "decided_by": r.text("decided_by"),
            "relatives": {k: _count(r, k) for k in ("focus_group", "hiring_committee", "other")},
            "_centre": r.text("centre_id")}  # fmt: skip


def _participants(r: _Reader) -> list[dict[str, str]]:
    """``staff-id tilbud-id`` a line."""
    found = []
    for line in lines(r, "participants", True):
        parts = line.split()
        if len(parts) != 2:
            r.errors.append(field_error("invalid_participant_line", "participants"))
            break
        found.append({"staff_id": parts[0], "tilbud_id": parts[1]})
    return found


def _session(r: _Reader) -> dict[str, Any]:
    return {"session_id": r.text("session_id"), "audience": r.text("audience"),
            "held_on": r.date("held_on"), "participants": _participants(r)}  # fmt: skip


def _onboarding(r: _Reader) -> dict[str, Any]:
    included = r.text("expectations") == "yes"
    return {"staff_id": r.text("staff_id"), "tilbud_id": r.text("tilbud_id"),
            "on": r.date("on"), "expectations_included": included}  # fmt: skip


FORMS = {f.slug: f for f in (
    AdminForm("ansaettelse", "Pårørende med i en lederansættelse", "Registrer ansættelsen",
              "/leader-hirings/{centre_id}", (
        Field("hiring_id", "", "hidden"),
        Field("centre_id", "Borgercenter", "radio", options="centres"),
        Field("position", "Stilling", "radio", options="leader_position"),
        Field("hired_on", "Ansat den", "date"),
        Field("decided_by", "Besluttet af", hint="Direktørens eller centerchefens bruger-id."),
        Field("focus_group", "Pårørende i en fokusgruppe før ansættelsen", "number"),
        Field("hiring_committee", "Pårørende i ansættelsesudvalget", "number"),
        Field("other", "Pårørende med på anden måde", "number"),
    ), _hiring, "Ansættelsen er registreret."),
    AdminForm("kursus", "Kursus i samarbejdet med pårørende", "Registrer kurset",
              "/training/sessions", (
        Field("session_id", "", "hidden"),
        Field("audience", "Holdet", "radio", options="training_audience"),
        Field("held_on", "Holdt den", "date"),
        Field("participants", "Deltagere", "lines",
              hint="Én deltager pr. linje: bruger-id og tilbud, fx kim bofaellesskabet-lyngen."),
    ), _session, "Kurset er registreret."),
    AdminForm("introduktion", "Introduktion af en ny medarbejder", "Registrer introduktionen",
              "/training/onboardings", (
        Field("staff_id", "Medarbejderens bruger-id"),
        Field("tilbud_id", "Tilbud"),
        Field("on", "Introduceret den", "date"),
        Field("expectations", "Var forventningerne til samarbejdet med pårørende en del af den?",
              "radio", options="yes_no"),
    ), _onboarding, "Introduktionen er registreret."),
)}  # fmt: skip
