"""Sign-in with the municipality's identity provider: OpenID Connect's authorization-code
flow with PKCE (``PKRAFT_CONSOLE_SIGN_IN=oidc``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from services.console.adapters.oidc import OidcClient
from services.console.application import User
from services.console.domain.messages import FieldError, danish
from services.console.domain.oidc import Pending, SignInFailed
from services.console.entrypoints.renewal import remember_renewal
from services.console.entrypoints.routes_auth import settings_of, start_session
from services.console.entrypoints.web import PageRoute, PostedForm, render

router = APIRouter(prefix="/log-ind", tags=["sign-in"], route_class=PageRoute)


def _client(request: Request) -> OidcClient:
    oidc: OidcClient | None = request.app.state.oidc
    if oidc is None:
        raise HTTPException(404)
    return oidc


def _redirect_uri(request: Request) -> str:
    return settings_of(request).oidc_redirect_url or str(request.url_for("oidc_return"))


def _failed(request: Request, failed: SignInFailed) -> Response:
    text = danish(failed.code)
    if failed.issuer_error:
        text += f" (fejlkode fra kommunens login: {failed.issuer_error})"
    status = 503 if failed.code == "oidc_unavailable" else 400
    return render(request, "sign_in_oidc.html", "Log ind", status, [FieldError(text)])


@router.post("/oidc", response_class=HTMLResponse)
async def begin(request: Request, form: PostedForm) -> Response:
    """Send the browser to the issuer with state, nonce and the PKCE challenge."""
    try:
        url, pending = await _client(request).begin(_redirect_uri(request))
    except SignInFailed as failed:
        return _failed(request, failed)
    request.session["oidc"] = pending.as_session()
    return RedirectResponse(url, status_code=303)


@router.get("/retur", response_class=HTMLResponse, name="oidc_return")
async def back_from_issuer(request: Request) -> Response:
    """The issuer's answer: the code is exchanged and the ID token checked; its refusal
    is said in Danish."""
    pending = Pending.from_session(request.session.pop("oidc", None))
    query = dict(request.query_params)
    try:
        signed_in = await _client(request).finish(query, pending, _redirect_uri(request))
    except SignInFailed as failed:
        return _failed(request, failed)
    user = User(signed_in.sub, signed_in.roles, signed_in.api_token, signed_in.name)
    answer = start_session(request, user, signed_in.id_token)
    remember_renewal(request.session, signed_in.refresh_token, signed_in.expires_at)
    return answer
