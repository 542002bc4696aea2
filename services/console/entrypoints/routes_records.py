"""The remaining forms on a case: plan reviews, resolving a complaint, dialogue notes,
the handover, the network, and closing and reopening the case."""

from __future__ import annotations

from fastapi import APIRouter

from services.console.domain import forms_records as f
from services.console.entrypoints.case_forms import add_form
from services.console.entrypoints.web import PageRoute

router = APIRouter(prefix="/sager/{case_id}", tags=["case records"], route_class=PageRoute)

add_form(router, "/handleplan/opfoelgning", "plan_review.html", "Følg op på handleplanen",
         f.review_plan, "review_plan", ["notes", "next_review_date"],
         "Opfølgningen er registreret.", "Review the handling plan")  # fmt: skip
add_form(router, "/klager/{complaint_id}/afslut", "complaint_resolve.html", "Afslut klage",
         f.resolve_complaint, "resolve_complaint", ["outcome", "resolution"],
         "Klagen er afsluttet.", "Resolve a complaint with its outcome")  # fmt: skip
add_form(router, "/dialog", "dialogue.html", "Noter en dialog", f.note_dialogue,
         "note_dialogue", ["kind", "summary", "participants"], "Dialogen er noteret.",
         "Note a dialogue with relatives")  # fmt: skip
add_form(router, "/overlevering", "handover.html", "Overlevering", f.record_handover,
         "record_handover", ["deliverables", "expectations", "legal_differences"],
         "Overleveringen er registreret.", "Record the handover")  # fmt: skip
add_form(router, "/netvaerk", "network.html", "Netværk", f.record_network_relation,
         "record_network_relation", ["kind", "category", "description"],
         "Netværksrelationen er registreret.", "Record a network relation")  # fmt: skip
add_form(router, "/luk", "close.html", "Luk sagen", f.close_case, "close_case",
         ["reason", "note"], "Sagen er lukket.", "Close the case")  # fmt: skip
add_form(router, "/genaabn", "reopen.html", "Genåbn sagen", f.reopen_case, "reopen_case",
         ["reason"], "Sagen er genåbnet.", "Reopen a closed case")  # fmt: skip
