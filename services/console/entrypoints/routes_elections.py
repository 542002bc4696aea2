"""The election forms on a council's page (role council_admin): call an election,
nominate, open the voting, record a vote, close and count. Each sends the council's
version as ``If-Match`` and comes back to the council's page."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from services.console.domain import forms
from services.console.domain.forms_elections import STEPS, election_step
from services.console.domain.messages import ApiProblem, FieldError, danish, problem_errors
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
    parsed = election_step(found, form)
    election_id = (form.get("election_id") or [""])[0]
    path = found.path.replace("{election}", election_id)
    if not parsed.errors:
        try:
            await console.council_command(user, council_id, path, forms.version(form), parsed.body)
        except ApiProblem as problem:
            if problem.status >= 500 or problem.code == "unauthenticated":
                raise
            parsed.errors = (
                [FieldError(danish("version_conflict"))]
                if problem.code == "version_conflict"
                else problem_errors(problem, list(found.fields))
            )
        else:
            request.session["flash"] = found.done
            return RedirectResponse(f"/raad/{council_id}", status_code=303)
    council = await console.council(user, council_id)
    return render(request, "council.html", "Råd", 422, parsed.errors, council=council, form=form)
