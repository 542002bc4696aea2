"""Sign-in (the dev page; OpenID Connect is a setting that is not implemented yet) and
sign-out."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.application import User
from services.console.config import ConsoleSettings
from services.console.domain.messages import field_error
from services.console.entrypoints.web import PageRoute, PostedForm, Service, render, session_user
from shared.auth import AuthError, Role

router = APIRouter(tags=["sign-in"], route_class=PageRoute)

ROLES = [r.value for r in Role if r is not Role.INTEGRATION]


def _settings(request: Request) -> ConsoleSettings:
    settings: ConsoleSettings = request.app.state.settings
    return settings


@router.get("/", include_in_schema=False)
async def home(request: Request) -> Response:
    """Where the user starts when signed in, else the sign-in page."""
    user = session_user(request)
    return RedirectResponse(landing(user) if user else "/log-ind", status_code=303)


def landing(user: User) -> str:
    """Where a user starts: the cases for case staff, else the dashboards."""
    return "/sager" if user.has("caseworker", "leader", "auditor") else "/overblik"


@router.get("/log-ind", response_class=HTMLResponse)
async def sign_in_page(request: Request) -> Response:
    """The sign-in page."""
    if _settings(request).sign_in == "oidc":
        error = field_error("oidc_not_configured", None)
        return render(request, "error.html", "Log ind", status_code=501, errors=[error])
    return render(request, "sign_in.html", "Log ind", roles=ROLES, form={})


@router.post("/log-ind", response_class=HTMLResponse)
async def sign_in(request: Request, form: PostedForm, console: Service) -> Response:
    """Sign in on the dev page with a name and roles of your choice."""
    if _settings(request).sign_in != "dev":
        return RedirectResponse("/log-ind", status_code=303)
    name = (form.get("name") or [""])[0].strip()
    roles = [r for r in form.get("roles", []) if r in ROLES]
    errors = []
    if not name:
        errors.append(field_error("required", "name"))
    if not roles:
        errors.append(field_error("choose_one", "roles"))
    if not errors:
        try:
            user = console.sign_in(name, roles)
        except AuthError:
            errors.append(field_error("dev_sign_in_needs_hs256", None))
    if errors:
        return render(request, "sign_in.html", "Log ind", 422, errors, roles=ROLES, form=form)
    request.session.clear()
    request.session.update(
        sub=user.sub, roles=list(user.roles), token=user.token, csrf=secrets.token_urlsafe(32)
    )
    return RedirectResponse(landing(user), status_code=303)


@router.post("/log-ud", response_class=HTMLResponse)
async def sign_out(request: Request, form: PostedForm) -> Response:
    """Sign out: the session is forgotten."""
    request.session.clear()
    return render(request, "signed_out.html", "Du er logget af")
