"""The forms on a case: relatives, consent, the move-in conversation, the level, an
incident, the responsible leader."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console.domain import forms
from services.console.entrypoints.case_forms import page, submit
from services.console.entrypoints.web import CurrentUser, PageRoute, PostedForm, Service

router = APIRouter(prefix="/sager/{case_id}", tags=["case forms"], route_class=PageRoute)

RELATIVE = ["name", "relation", "legal_role", "email", "phone"]
CONSENT = ["scope", "form", "relative_id"]
WITHDRAW = ["form"]  # relative and scope are fixed on the confirmation page
MOVE_IN = ["held_at", "held_time", "covered_items", "participant_relative_ids",
           "citizen_participated", "agreement_topic", "agreement_responsible",
           "agreement_due_date"]  # fmt: skip
LEVEL = ["level", "characteristics", "justification", "focus_areas", "review_date", "leader"]
INCIDENT = ["kind", "against", "occurred_at", "occurred_time", "description"]


@router.get("/paarorende/ny", response_class=HTMLResponse)
async def relative_page(
    request: Request, case_id: str, user: CurrentUser, console: Service
) -> Response:
    """The form that adds a relative."""
    return await page(request, console, user, case_id, "relative.html", "Tilføj pårørende")


@router.post("/paarorende/ny", response_class=HTMLResponse)
async def add_relative(
    request: Request, case_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Add a relative."""
    return await submit(
        request, console, user, case_id, form, forms.add_relative,
        lambda body, v: console.add_relative(user, case_id, v, body),
        "relative.html", "Tilføj pårørende", RELATIVE, "Den pårørende er tilføjet.",
    )  # fmt: skip


@router.get("/samtykke", response_class=HTMLResponse)
async def consent_page(
    request: Request, case_id: str, user: CurrentUser, console: Service,
    paarorende: str = "", omfang: str = "",
) -> Response:  # fmt: skip
    """The form that records a consent."""
    form = {"relative_id": [paarorende], "scope": [omfang]}
    return await page(request, console, user, case_id, "consent.html", "Giv samtykke", form)


@router.post("/samtykke", response_class=HTMLResponse)
async def grant_consent(
    request: Request, case_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Record the citizen's consent for a relative."""
    relative_id = (form.get("relative_id") or [""])[0]
    return await submit(
        request, console, user, case_id, form, forms.grant_consent,
        lambda body, v: console.grant_consent(user, case_id, relative_id, v, body),
        "consent.html", "Giv samtykke", CONSENT, "Samtykket er registreret.",
    )  # fmt: skip


@router.get("/samtykke/tilbagekald", response_class=HTMLResponse)
async def withdraw_consent_page(
    request: Request, case_id: str, user: CurrentUser, console: Service,
    paarorende: str = "", omfang: str = "",
) -> Response:  # fmt: skip
    """Confirm withdrawing a consent (the matrix links here in one click)."""
    form = {"relative_id": [paarorende], "scope": [omfang]}
    return await page(
        request, console, user, case_id, "consent_withdraw.html", "Træk samtykke tilbage", form
    )


@router.post("/samtykke/tilbagekald", response_class=HTMLResponse)
async def withdraw_consent(
    request: Request, case_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Record that the citizen withdrew a consent; it takes effect at once."""
    relative_id = (form.get("relative_id") or [""])[0]
    return await submit(
        request, console, user, case_id, form, forms.grant_consent,
        lambda body, v: console.withdraw_consent(user, case_id, relative_id, v, body),
        "consent_withdraw.html", "Træk samtykke tilbage", WITHDRAW,
        "Samtykket er trukket tilbage.",
    )  # fmt: skip


@router.get("/indflytningssamtale", response_class=HTMLResponse)
async def move_in_page(
    request: Request, case_id: str, user: CurrentUser, console: Service
) -> Response:
    """The form that records the held move-in conversation."""
    return await page(request, console, user, case_id, "move_in.html", "Indflytningssamtale")


@router.post("/indflytningssamtale", response_class=HTMLResponse)
async def hold_move_in(
    request: Request, case_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Record the move-in conversation with the checklist items covered."""
    return await submit(
        request, console, user, case_id, form, forms.hold_move_in,
        lambda body, v: console.hold_move_in(user, case_id, v, body),
        "move_in.html", "Indflytningssamtale", MOVE_IN, "Indflytningssamtalen er registreret.",
    )  # fmt: skip


@router.get("/trin", response_class=HTMLResponse)
async def level_page(
    request: Request, case_id: str, user: CurrentUser, console: Service, niveau: str = ""
) -> Response:
    """Choose a level, then assess it with that level's characteristics and focus areas."""
    chosen = int(niveau) if niveau in ("1", "2", "3", "4") else None
    return await page(request, console, user, case_id, "level.html", "Vurder trin", chosen=chosen)


@router.post("/trin", response_class=HTMLResponse)
async def assess_level(
    request: Request, case_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Assess the case's level."""
    raw = (form.get("level") or [""])[0]
    chosen = int(raw) if raw in ("1", "2", "3", "4") else None
    return await submit(
        request, console, user, case_id, form, forms.assess_level,
        lambda body, v: console.assess_level(user, case_id, v, body),
        "level.html", "Vurder trin", LEVEL, "Vurderingen er registreret.", chosen=chosen,
    )  # fmt: skip


@router.get("/haendelse", response_class=HTMLResponse)
async def incident_page(
    request: Request, case_id: str, user: CurrentUser, console: Service
) -> Response:
    """The form that reports an incident."""
    return await page(request, console, user, case_id, "incident.html", "Indberet hændelse")


@router.post("/haendelse", response_class=HTMLResponse)
async def report_incident(
    request: Request, case_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Report an incident."""
    return await submit(
        request, console, user, case_id, form, forms.report_incident,
        lambda body, v: console.report_incident(user, case_id, v, body),
        "incident.html", "Indberet hændelse", INCIDENT, "Hændelsen er indberettet.",
    )  # fmt: skip


@router.get("/leder", response_class=HTMLResponse)
async def leader_page(
    request: Request, case_id: str, user: CurrentUser, console: Service
) -> Response:
    """The form that assigns the responsible leader (role leader)."""
    return await page(request, console, user, case_id, "leader.html", "Tildel ansvarlig leder")


@router.post("/leder", response_class=HTMLResponse)
async def assign_leader(
    request: Request, case_id: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Assign the responsible leader."""
    return await submit(
        request, console, user, case_id, form, forms.assign_leader,
        lambda body, v: console.assign_leader(user, case_id, v, body),
        "leader.html", "Tildel ansvarlig leder", ["leader"], "Den ansvarlige leder er tildelt.",
    )  # fmt: skip
