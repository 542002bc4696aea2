"""The council administrator's forms (role council_admin), one to a page: form a
council (``/raad/ny``), and on a council appoint a member, a resignation, a new
department head, new seats, the frame, a meeting and its minutes
(``/raad/{id}/<form>``). Each change sends the council's version as ``If-Match``."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from services.console.application import User
from services.console.domain.forms import version
from services.console.domain.forms_council_admin import (
    FORMS,
    NEW_COUNCIL,
    AdminForm,
    without_form_ids,
)
from services.console.domain.labels import choices_of, label
from services.console.domain.messages import FieldError
from services.console.domain.timefmt import dansk_dato
from services.console.entrypoints.form_flow import Done, always, handle_form
from services.console.entrypoints.web import (
    CurrentUser,
    FormData,
    PageRoute,
    PostedForm,
    Service,
    render,
    tilbud_of,
)

router = APIRouter(prefix="/raad", tags=["council administration"], route_class=PageRoute)


def _admin(user: User) -> None:
    if not user.has("council_admin"):
        raise HTTPException(403)


def _options(council: dict[str, Any] | None, heads: dict[str, list[tuple[str, str]]]) -> Any:
    """A group's options: a label group, the council's members or meetings, or the
    organisation's heads."""

    def options_of(group: str) -> list[tuple[str, str]]:
        if group == "centre_heads":
            return heads.get(group, [])
        if group == "members" and council:
            return [(m["member_id"], f"{m['seat']}: {m.get('name') or m['person_ref']}")
                    for m in council.get("members", [])]  # fmt: skip
        if group == "attendees" and council:
            return [(m["person_ref"], m.get("name") or m["person_ref"])
                    for m in council.get("members", [])]  # fmt: skip
        if group == "meetings" and council:
            open_ones = [m for m in council.get("meetings", []) if not m.get("minutes")]
            return [(m["meeting_id"], f"{label('meeting_kind', m['kind'])} {dansk_dato(m['at'])}")
                    for m in open_ones]  # fmt: skip
        return choices_of(group)

    return options_of


def _page(
    request: Request, spec: AdminForm, council: dict[str, Any] | None, form: FormData,
    errors: list[FieldError] | None = None, status: int = 200, tilbud_groups: Any = (),
    heads: dict[str, list[tuple[str, str]]] | None = None,
) -> Response:  # fmt: skip
    back = f"/raad/{council['id']}" if council else "/raad"
    action = f"{back}/{spec.slug}" if council else "/raad/ny"
    subtitle = (
        f"{label('council_kind', council['kind'])} på {tilbud_of(request, council['tilbud_id'])}"
        if council
        else ""
    )
    return render(
        request, "council_form.html", spec.title, status, errors, spec=spec, form=form,
        back=back, back_text="Til rådet" if council else "Alle råd", action=action,
        options_of=_options(council, heads or {}), subtitle=subtitle,
        version=council["version"] if council else None, tilbud_groups=tilbud_groups,
    )  # fmt: skip


@router.get("/ny", response_class=HTMLResponse)
async def new_council_page(request: Request, user: CurrentUser, console: Service) -> Response:
    """The form that forms a council: the tilbud chosen from the organisation."""
    _admin(user)
    return _page(request, NEW_COUNCIL, None, {}, tilbud_groups=await console.tilbud_choices(user),
                 heads=await console.heads(user))  # fmt: skip


@router.post("/ny", response_class=HTMLResponse)
async def form_council(
    request: Request, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Form the council of a tilbud with its frame, seats and the agreement on them."""
    _admin(user)

    async def again(errors: list[FieldError], status: int) -> Response:
        groups = await console.tilbud_choices(user)
        return _page(request, NEW_COUNCIL, None, form, errors, status, groups,
                     await console.heads(user))  # fmt: skip

    return await handle_form(
        request, form, NEW_COUNCIL.parse, lambda body: console.form_council(user, body),
        NEW_COUNCIL.names, again, lambda council_id: Done(NEW_COUNCIL.done, f"/raad/{council_id}"),
    )  # fmt: skip


def _spec_and_id(slug: str, council_id: str) -> tuple[AdminForm, str]:
    spec = FORMS.get(slug)
    try:
        council_id = str(uuid.UUID(council_id))
    except ValueError:
        spec = None
    if spec is None:
        raise HTTPException(404)
    return spec, council_id


@router.get("/{council_id}/{slug}", response_class=HTMLResponse)
async def admin_page(
    request: Request, council_id: str, slug: str, user: CurrentUser, console: Service
) -> Response:
    """One of the council administrator's forms on a council."""
    _admin(user)
    spec, council_id = _spec_and_id(slug, council_id)
    council = await console.council(user, council_id)
    return _page(request, spec, council, {}, heads=await console.heads(user))


@router.post("/{council_id}/{slug}", response_class=HTMLResponse)
async def admin_command(
    request: Request, council_id: str, slug: str, user: CurrentUser, console: Service,
    form: PostedForm,
) -> Response:  # fmt: skip
    """Send the form's command to the councils API with the council's version."""
    _admin(user)
    spec, council_id = _spec_and_id(slug, council_id)

    async def send(body: dict[str, Any]) -> None:
        await console.council_command(user, council_id, spec.api_path(form), version(form),
                                      without_form_ids(body))  # fmt: skip

    async def again(errors: list[FieldError], status: int) -> Response:
        council = await console.council(user, council_id)
        return _page(request, spec, council, form, errors, status, heads=await console.heads(user))

    return await handle_form(
        request, form, spec.parse, send, spec.names, again,
        always(spec.done, f"/raad/{council_id}"),
    )  # fmt: skip
