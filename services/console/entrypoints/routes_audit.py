"""The auditors' pages (role ``auditor``): a case's history with replay to any version,
the verification of every hash chain, and the export of a case's audited history."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from services.console.application import User
from services.console.domain.case_diff import changes_in_danish
from services.console.domain.case_filters import read_side_filters
from services.console.domain.messages import field_error
from services.console.domain.paging import page_of, paging, whole
from services.console.domain.staircase import label_of
from services.console.entrypoints.web import CurrentUser, PageRoute, Service, render

VERSIONS_PER_PAGE = 25
CASES_PER_PAGE = 25
router = APIRouter(prefix="/revision", tags=["audit"], route_class=PageRoute)


async def _auditor(user: CurrentUser) -> User:
    if not user.has("auditor"):
        raise HTTPException(403)
    return user


Auditor = Annotated[User, Depends(_auditor)]


def _case_id(raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise HTTPException(404) from None


@router.get("", response_class=HTMLResponse)
async def audit_home(request: Request, user: Auditor, console: Service) -> Response:
    """Find a case to audit: the cases most recently changed, of one tilbud if chosen
    (the read side's list, a page at a time), each a link to its history."""
    query = {k: v for k, v in request.query_params.items() if k in ("tilbud", "side")}
    asked = paging(query, CASES_PER_PAGE, 0)
    filters = {**read_side_filters(query), "limit": str(CASES_PER_PAGE),
               "offset": str(asked.offset)}  # fmt: skip
    listed = await console.list_cases(user, filters)
    return render(
        request, "audit_home.html", "Revision", form={}, query=query, cases=listed["items"],
        paging=paging(query, CASES_PER_PAGE, int(listed["total"])),
        tilbud_groups=await console.tilbud_choices(user),
    )  # fmt: skip


@router.get("/sager/{case_id}", response_class=HTMLResponse)
async def case_audit(
    request: Request, case_id: str, user: Auditor, console: Service, version: str = ""
) -> Response:
    """The case's history; with ``?version=`` the case replayed as it stood then."""
    case_id = _case_id(case_id)
    history, shown = page_of(
        await console.history(user, case_id), dict(request.query_params), VERSIONS_PER_PAGE
    )
    chosen = str(whole(version, 18) or "") or None
    replayed = await console.replay(user, case_id, chosen)
    return render(
        request, "audit_case.html", "Sagens historik", case_id=case_id, history=history,
        replayed=replayed, chosen=int(chosen) if chosen else None, paging=shown,
        every=await console.history(user, case_id), form={},
    )  # fmt: skip


def _version(raw: str) -> int | None:
    return whole(raw)


@router.get("/sager/{case_id}/sammenlign", response_class=HTMLResponse)
async def compare(
    request: Request, case_id: str, user: Auditor, console: Service, a: str = "", b: str = ""
) -> Response:
    """Two replayed versions of the case side by side: what was added, changed or
    removed from version A to version B, in Danish."""
    case_id = _case_id(case_id)
    every = await console.history(user, case_id)
    first, second = _version(a), _version(b)
    asked = bool(a or b)  # the first visit shows the form only
    errors = [field_error("choose_version", name) for name, v in (("a", first), ("b", second))
              if asked and (v is None or v > len(every))]  # fmt: skip
    rows, compared = [], None
    if asked and not errors and first is not None and second is not None:
        first, second = min(first, second), max(first, second)  # always older to newer
        compared = await console.compare(user, case_id, first, second)
        catalogue = await console.catalogue(user)
        rows = changes_in_danish(compared["changes"], compared["from"]["state"],
                                 compared["to"]["state"], request.state.tilbud_names,
                                 lambda code: label_of(catalogue, code))  # fmt: skip
    return render(
        request, "audit_compare.html", "Sammenlign versioner", 422 if errors else 200, errors,
        case_id=case_id, every=every, form={"a": [a], "b": [b]}, rows=rows, compared=compared,
    )  # fmt: skip


@router.get("/kontrol", response_class=HTMLResponse)
async def verification(request: Request, user: Auditor, console: Service) -> Response:
    """Every hash chain recomputed and compared with the source stores."""
    report = await console.verify(user)
    return render(request, "audit_verify.html", "Kontrol af revisionssporet", report=report)


@router.get("/sager/{case_id}/eksport")
async def export(case_id: str, user: Auditor, console: Service, format: str = "csv") -> Response:
    """The case's audited history as a file (CSV or JSON Lines)."""
    case_id = _case_id(case_id)
    fmt = format if format in ("csv", "jsonl") else "csv"
    body, media = await console.export(user, case_id, fmt)
    disposition = f'attachment; filename="sag-{case_id}.{fmt}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})
