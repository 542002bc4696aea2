"""Follow-up on a case: complaints (receive one, record the first contact within 24
hours) and agreements (kept or broken)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console.domain import forms
from services.console.entrypoints.case_forms import page, submit
from services.console.entrypoints.web import CurrentUser, PageRoute, PostedForm, Service

router = APIRouter(prefix="/sager/{case_id}", tags=["follow-up"], route_class=PageRoute)

COMPLAINT = ["complainant", "channel", "summary"]


@router.get("/klage", response_class=HTMLResponse)
async def complaint_page(
    request: Request, case_id: str, user: CurrentUser, console: Service
) -> Response:
    """The form that receives a complaint."""
    return await page(request, console, user, case_id, "complaint.html", "Modtag klage")


@router.post("/klage", response_class=HTMLResponse)
async def receive_complaint(
    request: Request, case_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Receive a complaint; first contact is due within 24 hours."""
    return await submit(
        request, console, user, case_id, form, forms.receive_complaint,
        lambda body, v: console.receive_complaint(user, case_id, v, body),
        "complaint.html", "Modtag klage", COMPLAINT, "Klagen er modtaget.",
    )  # fmt: skip


@router.get("/klager/{complaint_id}/kontakt", response_class=HTMLResponse)
async def first_contact_page(
    request: Request, case_id: str, complaint_id: str, user: CurrentUser, console: Service
) -> Response:
    """Confirm the first contact with the complainant."""
    return await page(
        request, console, user, case_id, "first_contact.html", "Første kontakt",
        complaint_id=complaint_id,
    )  # fmt: skip


@router.post("/klager/{complaint_id}/kontakt", response_class=HTMLResponse)
async def record_first_contact(
    request: Request,
    case_id: str,
    complaint_id: str,
    user: CurrentUser,
    console: Service,
    form: PostedForm,
) -> Response:
    """Record the first contact with the complainant, now."""
    return await submit(
        request, console, user, case_id, form, forms.first_contact,
        lambda body, v: console.record_first_contact(user, case_id, complaint_id, v),
        "first_contact.html", "Første kontakt", [], "Den første kontakt er registreret.",
        complaint_id=complaint_id,
    )  # fmt: skip


@router.get("/aftaler/{agreement_id}", response_class=HTMLResponse)
async def agreement_page(
    request: Request, case_id: str, agreement_id: str, user: CurrentUser, console: Service
) -> Response:
    """Record whether an agreement was kept."""
    return await page(
        request, console, user, case_id, "agreement.html", "Aftale",
        agreement_id=agreement_id,
    )  # fmt: skip


@router.post("/aftaler/{agreement_id}", response_class=HTMLResponse)
async def settle_agreement(
    request: Request,
    case_id: str,
    agreement_id: str,
    user: CurrentUser,
    console: Service,
    form: PostedForm,
) -> Response:
    """Mark the agreement kept or broken."""
    return await submit(
        request, console, user, case_id, form, forms.settle_agreement,
        lambda body, v: console.settle_agreement(user, case_id, agreement_id, v, body),
        "agreement.html", "Aftale", ["outcome", "note"], "Aftalen er opdateret.",
        agreement_id=agreement_id,
    )  # fmt: skip
