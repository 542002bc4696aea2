"""Rendering, the signed-in user, and CSRF protection shared by every page."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Coroutine, Mapping
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from markupsafe import Markup
from starlette.exceptions import HTTPException

from services.console.application import Console, User
from services.console.domain.labels import choices_of, label, labels, relative_name
from services.console.domain.messages import ApiProblem, FieldError, danish, field_error
from services.console.domain.staircase import label_of, options
from services.console.domain.timefmt import dansk_dato, time_left
from services.console.entrypoints.renewal import renewed
from shared.logging import get_logger

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent.parent / "templates")
TEMPLATES.env.filters["dato"] = dansk_dato
TEMPLATES.env.filters["tid_tilbage"] = time_left
TEMPLATES.env.globals["label"] = label
TEMPLATES.env.globals["labels"] = labels
TEMPLATES.env.globals["choices_of"] = choices_of
TEMPLATES.env.globals["navn"] = relative_name
TEMPLATES.env.globals["danish"] = danish
TEMPLATES.env.globals["options"] = options
TEMPLATES.env.globals["catalogue_label"] = label_of


log = get_logger(__name__)


class SignInRequired(Exception):
    """No one is signed in: the page sends the browser to the sign-in page."""


class CsrfFailed(Exception):
    """A form arrived without this session's CSRF token."""


FormData = dict[str, list[str]]


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def session_user(request: Request) -> User | None:
    session = request.session
    if not isinstance(session.get("token"), str):
        return None
    roles = tuple(session.get("roles", []))
    return User(str(session["sub"]), roles, str(session["token"]), str(session.get("name", "")))


async def _user(request: Request) -> User:
    user = session_user(request)
    if user is not None:
        user = await renewed(request, user)
    if user is None:
        raise SignInRequired
    console: Console = request.app.state.console
    request.state.tilbud_names = await console.tilbud_names(user)  # cached reference data
    return user


def tilbud_of(request: Request, tilbud_id: str) -> str:
    """A tilbud by its Danish name (the organisation's ``label_da``), else its id."""
    names: dict[str, str] = getattr(request.state, "tilbud_names", {})
    return names.get(tilbud_id, tilbud_id)


@pass_context
def tilbud_name(context: Mapping[str, Any], tilbud_id: str) -> str:
    """The template filter ``tilbud``: :func:`tilbud_of` for the page's request."""
    return tilbud_of(context["request"], tilbud_id)


TEMPLATES.env.filters["tilbud"] = tilbud_name


def with_summary(page: str, summary: str) -> Markup:
    """The page with its error summary where the page called ``error_summary()`` (filled
    in after the fields are rendered, so that the summary can name them)."""
    return Markup(str(page).replace("<!--error-summary-->", str(summary), 1))


TEMPLATES.env.globals["with_summary"] = with_summary


async def _form(request: Request) -> FormData:
    raw = await request.form()
    form = {key: [str(v) for v in raw.getlist(key)] for key in raw}
    sent = (form.pop("csrf_token", None) or [""])[0]
    if not secrets.compare_digest(sent.encode(), csrf_token(request).encode()):
        raise CsrfFailed
    return form


async def _console(request: Request) -> Console:
    console: Console = request.app.state.console
    return console


CurrentUser = Annotated[User, Depends(_user)]
PostedForm = Annotated[FormData, Depends(_form)]
Service = Annotated[Console, Depends(_console)]


def render(
    request: Request,
    template: str,
    title: str,
    status_code: int = 200,
    errors: list[FieldError] | None = None,
    **context: Any,
) -> HTMLResponse:
    """A page: the layout with user, CSRF token, and GOV.UK-style errors."""
    errors = errors or []
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {
            "title": title,
            "user": session_user(request),
            "csrf_token": csrf_token(request),
            "errors": errors,
            "field_errors": {e.field: e.text for e in errors if e.field},
            "field_labels": {},
            **context,
        },
        status_code=status_code,
    )


_HANDLED = (ApiProblem, SignInRequired, CsrfFailed, HTTPException, RequestValidationError)


class PageRoute(APIRoute):
    """A page route: an unexpected failure is a Danish error page, not the APIs' JSON."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def page(request: Request) -> Response:
            try:
                return await handle(request)
            except _HANDLED:
                raise
            except Exception as exc:
                log.error("console_page_failed", error=type(exc).__name__, path=request.url.path)
                errors = [field_error("unknown_error", None)]
                return render(request, "error.html", "Der skete en fejl", 500, errors)

        return page
