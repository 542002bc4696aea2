"""The election forms on a council's page (role council_admin): call an election,
nominate, open the voting, record a vote, close and count. Each sends the council's
version as ``If-Match`` and comes back to the council's page."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from services.console.domain import forms
from services.console.domain.forms_elections import STEPS, election_step
from services.console.domain.messages import FieldError
from services.console.entrypoints.council_page import council_context
from services.console.entrypoints.form_flow import always, handle_form
from services.console.entrypoints.web import CurrentUser, PageRoute, PostedForm, Service, render

router = APIRouter(prefix="/raad/{council_id}/valg", tags=["elections"], route_class=PageRoute)


@router.post("/{step}", response_class=HTMLResponse)
async def election(
    request: Request, council_id: str, step: str, user: CurrentUser, console: Service,
    form: PostedForm,
) -> Response:  # fmt: skip
    """One election step; its errors are shown in Danish on the council's page."""
    if not user.has("council_admin"):
        raise HTTPException(403)
    found = STEPS.get(step)
    try:
        council_id = str(uuid.UUID(council_id))
    except ValueError:
        found = None
    if found is None:
        raise HTTPException(404)
    chosen = found
    election_id = (form.get("election_id") or [""])[0]
    path = chosen.path.replace("{election}", election_id)

    async def send(body: dict[str, Any]) -> None:
        if step == "opstil":  # the candidate stands under the name the cases API gives
            council = await console.council(user, council_id)
            known = await console.relatives(user, str(council["tilbud_id"]))
            found = known.get(str(body["relative_id"]))
            body = {**body, "name": found.name if found else None}
        await console.council_command(user, council_id, path, forms.version(form), body)

    async def again(errors: list[FieldError], status: int) -> Response:
        council = await console.council(user, council_id)
        return render(request, "council.html", "Råd", status, errors, form=form,
                      **await council_context(console, user, council))  # fmt: skip

    return await handle_form(
        request, form, lambda posted: election_step(chosen, posted), send, chosen.fields, again,
        always(chosen.done, f"/raad/{council_id}"),
    )  # fmt: skip
