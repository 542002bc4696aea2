"""Sign-in on the dev page (development only; OpenID Connect is in ``routes_oidc``) and
sign-out."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.adapters.oidc import KNOWN_ROLES
from services.console.application import User
from services.console.config import ConsoleSettings
from services.console.domain.messages import field_error
from services.console.entrypoints.web import PageRoute, PostedForm, Service, render, session_user
from shared.auth import AuthError

router = APIRouter(tags=["sign-in"], route_class=PageRoute)

ROLES = KNOWN_ROLES


def settings_of(request: Request) -> ConsoleSettings:
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


def start_session(request: Request, user: User, id_token: str = "") -> RedirectResponse:
    """A new session (a fresh CSRF token) for the signed-in user; off to their start page."""
    request.session.clear()
    request.session.update(
        sub=user.sub, name=user.name, roles=list(user.roles), token=user.token,
        csrf=secrets.token_urlsafe(32), **({"id_token": id_token} if id_token else {}),
    )  # fmt: skip
    return RedirectResponse(landing(user), status_code=303)


@router.get("/log-ind", response_class=HTMLResponse)
async def sign_in_page(request: Request) -> Response:
    """The sign-in page: the municipality's login, or the dev page in development."""
    if settings_of(request).sign_in == "oidc":
        return render(request, "sign_in_oidc.html", "Log ind")
    return render(request, "sign_in.html", "Log ind", roles=ROLES, form={})


@router.post("/log-ind", response_class=HTMLResponse)
async def sign_in(request: Request, form: PostedForm, console: Service) -> Response:
    """Sign in on the dev page with a name and roles of your choice (dev sign-in only)."""
    if settings_of(request).sign_in != "dev":
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
    return start_session(request, user)


@router.post("/log-ud", response_class=HTMLResponse)
async def sign_out(request: Request, form: PostedForm) -> Response:
    """Sign out: the session is forgotten, its refresh token revoked at the issuer, and
    the issuer's session ended if it offers an end_session_endpoint."""
    id_token = request.session.get("id_token")
    refresh = request.session.get("refresh_token")
    request.session.clear()
    oidc = request.app.state.oidc
    if oidc is not None and isinstance(refresh, str):
        await oidc.revoke(refresh)
    if oidc is not None:
        back = settings_of(request).oidc_post_logout_redirect_url or str(
            request.url_for("signed_out")
        )
        hint = id_token if isinstance(id_token, str) else None
        url = await oidc.end_session_url(hint, back)
        if url is not None:
            return RedirectResponse(url, status_code=303)
    return render(request, "signed_out.html", "Du er logget af")


@router.get("/logget-ud", response_class=HTMLResponse, name="signed_out")
async def signed_out(request: Request) -> Response:
    """Where the issuer sends the browser back after sign-out."""
    request.session.clear()
    return render(request, "signed_out.html", "Du er logget af")
