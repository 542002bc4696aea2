"""Satisfaction surveys (tilfredshedsmålinger; role communications): the results per
tilbud as the read side publishes them (a group under its threshold is never shown),
starting a tilbud's round (every fourth year), and a round's page where the survey
staff enter its answers as CSV."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from services.console.application import User
from services.console.domain import forms_surveys as f
from services.console.domain.messages import ApiProblem, FieldError
from services.console.domain.timefmt import today_local
from services.console.entrypoints.form_flow import Done, handle_form
from services.console.entrypoints.web import (
    CurrentUser,
    FormData,
    PageRoute,
    PostedForm,
    Service,
    render,
    tilbud_of,
)

router = APIRouter(prefix="/kommunikation/tilfredshed", tags=["surveys"], route_class=PageRoute)
HOME = "/kommunikation/tilfredshed"


def _communications(user: User) -> None:
    if not user.has("communications"):
        raise HTTPException(403)


async def _home(
    request: Request, user: User, console: Service, form: FormData | None = None,
    errors: list[FieldError] | None = None, status: int = 200,
) -> Response:  # fmt: skip
    figure = await console.satisfaction(user)
    shown = sorted(figure.get("per_tilbud", {}).items(), key=lambda t: tilbud_of(request, t[0]))
    return render(
        request, "surveys.html", "Tilfredshedsmålinger", status, errors,
        form=form or {"year": [today_local()[:4]]}, figure=figure, rounds=shown,
        started=await console.survey_rounds(user),
        tilbud_groups=await console.tilbud_choices(user),
        flash=request.session.pop("flash", None),
    )  # fmt: skip


@router.get("", response_class=HTMLResponse)
async def surveys(request: Request, user: CurrentUser, console: Service) -> Response:
    """The latest round's results per tilbud; forms to start and to open a round."""
    _communications(user)
    return await _home(request, user, console)


@router.get("/maaling", response_class=HTMLResponse)
async def open_round(request: Request, user: CurrentUser, console: Service) -> Response:
    """The "open a round" form (a plain GET): to the round's own page."""
    _communications(user)
    form = {k: [v] for k, v in request.query_params.items()}
    parsed = f.survey_round(form, prefix="open_")
    if parsed.errors:
        return await _home(request, user, console, form, parsed.errors, 422)
    body = parsed.body
    return RedirectResponse(f"{HOME}/{body['tilbud_id']}/{body['year']}", status_code=303)


@router.post("", response_class=HTMLResponse)
async def start_round(
    request: Request, user: CurrentUser, console: Service, form: PostedForm
) -> Response:
    """Send the survey to the tilbud's consenting relatives."""
    _communications(user)
    parsed = f.survey_round(form)

    async def again(errors: list[FieldError], status: int) -> Response:
        return await _home(request, user, console, form, errors, status)

    def done(invited: int) -> Done:
        body = parsed.body
        name = tilbud_of(request, body["tilbud_id"])
        return Done(f"Spørgeskemaet for {body['year']} er sendt til {invited} pårørende på "
                    f"{name}.", f"{HOME}/{body['tilbud_id']}/{body['year']}")  # fmt: skip

    return await handle_form(
        request, form, f.survey_round, lambda body: console.start_survey_round(user, body),
        ["tilbud_id", "year"], again, done,
    )  # fmt: skip


async def _round(
    request: Request, user: User, console: Service, tilbud_id: str, year: int,
    form: FormData | None = None, errors: list[FieldError] | None = None, status: int = 200,
) -> Response:  # fmt: skip
    figure = await console.satisfaction(user)
    latest: dict[str, Any] = figure.get("per_tilbud", {}).get(tilbud_id) or {}
    result = None
    if latest.get("year") == year:
        result = {"n": latest["n"], "mean": latest["mean"], "previous_year":
                  latest.get("previous_year"), "previous_mean": latest.get("previous_mean"),
                  "change": latest.get("change")}  # fmt: skip
    elif latest.get("previous_year") == year:
        result = {"mean": latest.get("previous_mean"), "later": latest["year"]}
    name = tilbud_of(request, tilbud_id)
    return render(
        request, "survey_round.html", f"Tilfredshedsmåling {year} på {name}", status, errors,
        form=form or {}, tilbud_id=tilbud_id, tilbud_name=name, year=year, result=result,
        min_group=figure.get("min_group", 5), suppressed=tilbud_id in figure.get("suppressed", []),
        sent=await console.survey_round(user, tilbud_id, year),
        flash=request.session.pop("flash", None),
    )  # fmt: skip


def _year(raw: str) -> int:
    year = f.year_of(raw)
    if year is None:
        raise HTTPException(404)
    return year


@router.get("/{tilbud_id}/{year}", response_class=HTMLResponse)
async def survey_round(
    request: Request, tilbud_id: str, year: str, user: CurrentUser, console: Service
) -> Response:
    """A round: its results when published, and the form for its answers."""
    _communications(user)
    return await _round(request, user, console, tilbud_id, _year(year))


@router.post("/{tilbud_id}/{year}/svar", response_class=HTMLResponse)
async def import_answers(
    request: Request, tilbud_id: str, year: str, user: CurrentUser, console: Service,
    form: PostedForm,
) -> Response:  # fmt: skip
    """The round's answers as the survey staff's CSV (all or nothing)."""
    _communications(user)
    number = _year(year)
    line: list[int] = []

    async def send(body: dict[str, Any]) -> int:
        try:
            return await console.import_survey_answers(user, tilbud_id, number, body["csv"])
        except ApiProblem as problem:
            found = problem.details.get("line")
            line.extend([found] if isinstance(found, int) else [])
            raise

    async def again(errors: list[FieldError], status: int) -> Response:
        if line:  # the survey staff's file is long: say which line
            errors = [FieldError(f"Linje {line[0]}: {e.text}", e.field or "answers", e.code)
                      for e in errors]  # fmt: skip
        return await _round(request, user, console, tilbud_id, number, form, errors, status)

    return await handle_form(
        request, form, f.survey_answers, send, ["answers"], again,
        lambda n: Done(f"{n} nye svar er registreret.", f"{HOME}/{tilbud_id}/{number}"),
    )  # fmt: skip
