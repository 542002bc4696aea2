"""Follow-up on a case: complaints (receive one, record the first contact within 24
hours) and agreements (kept or broken)."""

from __future__ import annotations

from fastapi import APIRouter

from services.console.domain import forms
from services.console.entrypoints.case_forms import CaseForm, add_form
from services.console.entrypoints.web import PageRoute

router = APIRouter(prefix="/sager/{case_id}", tags=["follow-up"], route_class=PageRoute)

for spec in (
    CaseForm("/klage", "complaint.html", "Modtag klage", forms.receive_complaint,
             "receive_complaint", ["complainant", "channel", "summary"],
             "Klagen er modtaget.", "Receive a complaint; first contact is due within 24 hours"),
    CaseForm("/klager/{complaint_id}/kontakt", "first_contact.html", "Første kontakt",
             forms.first_contact, "record_first_contact", [],
             "Den første kontakt er registreret.",
             "Record the first contact with the complainant, now"),
    CaseForm("/aftaler/{agreement_id}", "agreement.html", "Aftale", forms.settle_agreement,
             "settle_agreement", ["outcome", "note"], "Aftalen er opdateret.",
             "Mark the agreement kept or broken"),
):  # fmt: skip
    add_form(router, spec)
