"""The case list, opening a case, and a case's page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.domain import forms
from services.console.domain.case_filters import FLAGS, read_side_filters
from services.console.domain.messages import ApiProblem, FieldError
from services.console.domain.paging import paging
from services.console.domain.staircase import level_label, steps
from services.console.entrypoints.form_flow import Done, handle_form
from services.console.entrypoints.web import (
    CurrentUser,
    PageRoute,
    PostedForm,
    Service,
    render,
    tilbud_of,
)

router = APIRouter(prefix="/sager", tags=["cases"], route_class=PageRoute)

PAGE_SIZE = 50
OPEN_FIELDS = ["cpr", "tilbud_id", "setting", "planned_move_in"]


@router.get("", response_class=HTMLResponse)
async def case_list(request: Request, user: CurrentUser, console: Service) -> Response:
    """Cases from the read side, filtered by tilbud, level, missing leader, overdue first
    contact, missing plan and missing move-in conversation."""
    query = dict(request.query_params)
    asked = paging(query, PAGE_SIZE, 0)
    filters = {**read_side_filters(query), "limit": str(PAGE_SIZE), "offset": str(asked.offset)}
    listed = await console.list_cases(user, filters)
    shown = paging(query, PAGE_SIZE, int(listed["total"]))
    if shown.beyond_the_end and shown.total:
        return RedirectResponse(f"/sager{shown.link(shown.pages)}", status_code=303)
    catalogue = await console.catalogue(user)
    return render(
        request,
        "case_list.html",
        "Sager",
        cases=listed["items"],
        paging=shown,
        query=query,
        flags=FLAGS,
        tilbud_groups=await console.tilbud_choices(user),
        level_label=lambda level: level_label(catalogue, level),
    )


@router.get("/ny", response_class=HTMLResponse)
async def open_case_page(request: Request, user: CurrentUser, console: Service) -> Response:
    """The form that opens a case: the tilbud chosen from the organisation."""
    groups = await console.tilbud_choices(user)
    return render(request, "open_case.html", "Opret sag", form={}, tilbud_groups=groups)


@router.post("/ny", response_class=HTMLResponse)
async def open_case(
    request: Request, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Open a case for a citizen at a tilbud."""

    async def again(errors: list[FieldError], status: int) -> Response:
        groups = await console.tilbud_choices(user)
        return render(
            request, "open_case.html", "Opret sag", status, errors, form=form, tilbud_groups=groups
        )

    return await handle_form(
        request, form, forms.open_case, lambda body: console.open_case(user, body),
        OPEN_FIELDS, again, lambda case_id: Done("Sagen er oprettet.", f"/sager/{case_id}"),
    )  # fmt: skip


@router.get("/{case_id}", response_class=HTMLResponse)
async def case_page(
    request: Request, case_id: str, user: CurrentUser, console: Service
) -> Response:
    """A case: the staircase, relatives and consents, and what happened."""
    case = await console.case(user, case_id)
    catalogue = await console.catalogue(user)
    try:
        messages: list[dict[str, Any]] | None = await console.message_log(user, case_id)
    except ApiProblem:  # the log is a courtesy: the case page works without it
        messages = None
    return render(
        request,
        "case.html",
        f"Sag på {tilbud_of(request, case['tilbud_id'])}",
        case=case,
        steps=steps(catalogue, case.get("level")),
        level_label=lambda level: level_label(catalogue, level),
        catalogue=catalogue,
        flash=request.session.pop("flash", None),
        messages=messages,
    )
