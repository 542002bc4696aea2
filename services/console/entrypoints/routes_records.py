"""The remaining forms on a case: plan reviews, resolving a complaint, dialogue notes,
the handover, the network, and closing and reopening the case."""

from __future__ import annotations

from fastapi import APIRouter

from services.console.domain import forms_records as f
from services.console.entrypoints.case_forms import CaseForm, add_form
from services.console.entrypoints.web import PageRoute

router = APIRouter(prefix="/sager/{case_id}", tags=["case records"], route_class=PageRoute)

for spec in (
    CaseForm("/handleplan/opfoelgning", "plan_review.html", "Følg op på handleplanen",
             f.review_plan, "review_plan", ["notes", "next_review_date"],
             "Opfølgningen er registreret.", "Review the handling plan"),
    CaseForm("/klager/{complaint_id}/afslut", "complaint_resolve.html", "Afslut klage",
             f.resolve_complaint, "resolve_complaint", ["outcome", "resolution"],
             "Klagen er afsluttet.", "Resolve a complaint with its outcome"),
    CaseForm("/dialog", "dialogue.html", "Noter en dialog", f.note_dialogue,
             "note_dialogue", ["kind", "summary", "participants"], "Dialogen er noteret.",
             "Note a dialogue with relatives"),
    CaseForm("/overlevering", "handover.html", "Overlevering", f.record_handover,
             "record_handover", ["deliverables", "expectations", "legal_differences"],
             "Overleveringen er registreret.", "Record the handover"),
    CaseForm("/netvaerk", "network.html", "Netværk", f.record_network_relation,
             "record_network_relation", ["kind", "category", "description"],
             "Netværksrelationen er registreret.", "Record a network relation"),
    CaseForm("/luk", "close.html", "Luk sagen", f.close_case, "close_case",
             ["reason", "note"], "Sagen er lukket.", "Close the case"),
    CaseForm("/genaabn", "reopen.html", "Genåbn sagen", f.reopen_case, "reopen_case",
             ["reason"], "Sagen er genåbnet.", "Reopen a closed case"),
):  # fmt: skip
    add_form(router, spec)
