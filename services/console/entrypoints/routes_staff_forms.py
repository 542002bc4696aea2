"""Staff forms (council admin or leader), one to a page through ``handle_form``: a leader
hired with relatives taking part, a course session, an onboarding. The figures they feed
(leader_hiring, staff_trained) are on the dashboards."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from services.console.application import Console, User
from services.console.domain.dashboard_scope import units
from services.console.domain.forms_council_admin import AdminForm, without_form_ids
from services.console.domain.forms_staff import FORMS
from services.console.domain.labels import choices_of
from services.console.domain.messages import ApiProblem, FieldError
from services.console.entrypoints.form_flow import always, handle_form
from services.console.entrypoints.web import (
    CurrentUser,
    FormData,
    PageRoute,
    PostedForm,
    Service,
    render,
)

router = APIRouter(prefix="/raad/personale", tags=["staff"], route_class=PageRoute)
KEEPERS = ("council_admin", "leader")


def _spec(user: User, slug: str) -> AdminForm:
    if not user.has(*KEEPERS):
        raise HTTPException(403)
    spec = FORMS.get(slug)
    if spec is None:
        raise HTTPException(404)
    return spec


async def _page(
    request: Request, console: Console, user: User, spec: AdminForm, form: FormData,
    errors: list[FieldError] | None = None, status: int = 200,
) -> Response:  # fmt: skip
    try:
        organisation: dict[str, Any] = await console.organisation(user)
    except ApiProblem:
        organisation = {}
    centres = [(unit, name) for kind, unit, name in units(organisation) if kind == "centre"]
    return render(
        request, "council_form.html", spec.title, status, errors, spec=spec, form=form,
        back="/raad", back_text="Råd", action=f"/raad/personale/{spec.slug}", subtitle="",
        version=None, options_of=lambda g: centres if g == "centres" else choices_of(g),
    )  # fmt: skip


@router.get("/{slug}", response_class=HTMLResponse)
async def staff_form(request: Request, slug: str, user: CurrentUser, console: Service) -> Response:
    """The form, with a fresh id so that sending it twice records it once."""
    spec = _spec(user, slug)
    fresh = {f.name: [str(uuid.uuid4())] for f in spec.fields if f.kind == "hidden"}
    return await _page(request, console, user, spec, fresh)


@router.post("/{slug}", response_class=HTMLResponse)
async def staff_command(
    request: Request, slug: str, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Send the form to the councils API."""
    spec = _spec(user, slug)

    async def send(body: dict[str, Any]) -> None:
        await console.council_api_post(user, spec.api_path(form), without_form_ids(body))

    async def again(errors: list[FieldError], status: int) -> Response:
        return await _page(request, console, user, spec, form, errors, status)

    return await handle_form(
        request, form, spec.parse, send, spec.names, again, always(spec.done, "/raad")
    )
