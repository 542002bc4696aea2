"""The forms on a case: relatives, consent, the move-in conversation, the level, an
incident, the responsible leader."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from services.console.domain import forms
from services.console.entrypoints.case_forms import CaseForm, add_form
from services.console.entrypoints.web import FormData, PageRoute

router = APIRouter(prefix="/sager/{case_id}", tags=["case forms"], route_class=PageRoute)

LEVELS = ("1", "2", "3", "4")


def _consent_chosen(request: Request) -> tuple[FormData, dict[str, Any]]:
    """The matrix links here with the relative and the scope (``?paarorende=&omfang=``)."""
    q = request.query_params
    return {"relative_id": [q.get("paarorende", "")], "scope": [q.get("omfang", "")]}, {}


def _level_chosen(request: Request) -> tuple[FormData, dict[str, Any]]:
    """``?niveau=3``: the level's characteristics and focus areas are shown (no script)."""
    raw = request.query_params.get("niveau", "")
    return {}, {"chosen": int(raw) if raw in LEVELS else None}


def _level_posted(form: FormData) -> dict[str, Any]:
    raw = (form.get("level") or [""])[0]
    return {"chosen": int(raw) if raw in LEVELS else None}


for spec in (
    CaseForm("/paarorende/ny", "relative.html", "Tilføj pårørende", forms.add_relative,
             "add_relative", ["name", "relation", "legal_role", "email", "phone"],
             "Den pårørende er tilføjet.", "Add a relative"),
    CaseForm("/samtykke", "consent.html", "Giv samtykke", forms.grant_consent,
             "grant_consent", ["scope", "form", "relative_id"], "Samtykket er registreret.",
             "Record the citizen's consent for a relative", shown=_consent_chosen,
             form_ids=["relative_id"]),
    # Withdrawing is confirmed first: relative and scope are fixed on this page.
    CaseForm("/samtykke/tilbagekald", "consent_withdraw.html", "Træk samtykke tilbage",
             forms.grant_consent, "withdraw_consent", ["form"],
             "Samtykket er trukket tilbage.", "Withdraw a consent (it takes effect at once)",
             shown=_consent_chosen, form_ids=["relative_id"]),
    CaseForm("/indflytningssamtale", "move_in.html", "Indflytningssamtale",
             forms.hold_move_in, "hold_move_in",
             ["held_at", "held_time", "covered_items", "participant_relative_ids",
              "citizen_participated", "agreement_topic", "agreement_responsible",
              "agreement_due_date"],
             "Indflytningssamtalen er registreret.",
             "Record the move-in conversation with the checklist items covered"),
    CaseForm("/trin", "level.html", "Vurder trin", forms.assess_level, "assess_level",
             ["level", "characteristics", "justification", "focus_areas", "review_date",
              "leader"], "Vurderingen er registreret.", "Assess the case's level",
             shown=_level_chosen, posted=_level_posted),
    CaseForm("/haendelse", "incident.html", "Indberet hændelse", forms.report_incident,
             "report_incident", ["kind", "against", "occurred_at", "occurred_time",
                                 "description"],
             "Hændelsen er indberettet.", "Report an incident"),
    CaseForm("/leder", "leader.html", "Tildel ansvarlig leder", forms.assign_leader,
             "assign_leader", ["leader"], "Den ansvarlige leder er tildelt.",
             "Assign the responsible leader (role leader)"),
):  # fmt: skip
    add_form(router, spec)
