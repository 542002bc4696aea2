"""The list of theme evenings (role communications): title, date, seats taken of
capacity, the waiting list and status, 50 to a page, soonest first; a link to each
evening's page and to its sign-up form. Past evenings only when asked for."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from services.console.domain.paging import paging
from services.console.entrypoints.web import CurrentUser, PageRoute, Service, render

router = APIRouter(tags=["theme evenings"], route_class=PageRoute)

PAGE_SIZE = 50
LIST = "/kommunikation/temaaftener"


@router.get(LIST, response_class=HTMLResponse)
async def evenings(request: Request, user: CurrentUser, console: Service) -> Response:
    """Theme evenings by start, a page at a time; ``?tidligere=ja`` shows past ones too."""
    if not user.has("communications"):
        raise HTTPException(403)
    query = {k: v for k, v in request.query_params.items() if k in ("side", "tidligere")}
    past = query.get("tidligere") == "ja"
    asked = paging(query, PAGE_SIZE, 0)
    params = {"include_past": "true" if past else "false", "limit": str(PAGE_SIZE),
              "offset": str(asked.offset)}  # fmt: skip
    listed = await console.evenings(user, params)
    shown = paging(query, PAGE_SIZE, int(listed["total"]))
    if shown.beyond_the_end and shown.total:
        return RedirectResponse(f"{LIST}{shown.link(shown.pages)}", status_code=303)
    return render(
        request, "evenings.html", "Temaaftener", evenings=listed["items"], paging=shown,
        past=past,
    )  # fmt: skip
