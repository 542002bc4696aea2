"""The console's FastAPI app (port 8100): server-rendered pages in Danish."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from services.console.bootstrap import build
from services.console.config import ConsoleSettings
from services.console.domain.messages import ApiProblem, field_error
from services.console.entrypoints import (
    routes_audit,
    routes_auth,
    routes_case_forms,
    routes_cases,
    routes_communication,
    routes_council_admin,
    routes_councils,
    routes_dashboards,
    routes_elections,
    routes_evening_list,
    routes_evenings,
    routes_follow_up,
    routes_oidc,
    routes_pool_forms,
    routes_records,
    routes_signups,
    routes_staff_forms,
    routes_surveys,
)
from services.console.entrypoints.web import CsrfFailed, SignInRequired, render
from shared.http.app import build_app

STATIC = Path(__file__).parent.parent / "static"
DESCRIPTION = """The staff console: Danish pages for caseworkers, leaders and auditors over
the services' APIs. It stores nothing but sessions (signed cookies)."""


def create_app(
    settings: ConsoleSettings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    issuer_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    settings = settings or ConsoleSettings()
    built = build(settings, transport, issuer_transport)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await built.apis.close()
        if built.oidc is not None:
            await built.oidc.close()

    async def readiness() -> dict[str, bool]:
        return {"assets": (built.assets / "css" / "dkfds.min.css").is_file()}

    app = build_app(
        title="Pårørendekraft staff console",
        description=DESCRIPTION,
        common=settings.common,
        routers=[
            routes_auth.router,
            routes_oidc.router,
            routes_cases.router,
            routes_case_forms.router,
            routes_follow_up.router,
            routes_records.router,
            routes_dashboards.router,
            routes_audit.router,
            routes_pool_forms.router,
            routes_staff_forms.router,
            routes_council_admin.router,
            routes_councils.router,
            routes_elections.router,
            routes_communication.router,
            routes_evening_list.router,
            routes_evenings.router,
            routes_signups.router,
            routes_surveys.router,
        ],
        lifespan=lifespan,
        readiness=readiness,
    )
    app.state.console = built.console
    app.state.oidc = built.oidc
    app.state.settings = settings
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret,
        session_cookie="pkraft_console",
        max_age=settings.session_max_age_seconds,
        same_site="lax",
        https_only=settings.session_cookie_secure,
    )
    app.mount("/static/dkfds", StaticFiles(directory=built.assets, check_dir=False), "dkfds")
    app.mount("/static/console", StaticFiles(directory=STATIC), "console")

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> FileResponse:
        """The console's icon (browsers ask for it on every page)."""
        return FileResponse(STATIC / "favicon.ico", media_type="image/x-icon",
                            headers={"Cache-Control": "public, max-age=86400"})  # fmt: skip

    _install_pages_for_errors(app)
    return app


def _install_pages_for_errors(app: FastAPI) -> None:
    async def sign_in_required(request: Request, exc: Exception) -> Response:
        return RedirectResponse("/log-ind", status_code=303)

    async def csrf_failed(request: Request, exc: Exception) -> Response:
        errors = [field_error("csrf_failed", None)]
        return render(request, "error.html", "Formularen er udløbet", 403, errors)

    async def api_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiProblem)
        if exc.code == "unauthenticated":
            request.session.clear()
            return RedirectResponse("/log-ind", status_code=303)
        status = exc.status if 400 <= exc.status < 500 else 503
        return render(
            request, "error.html", "Der skete en fejl", status, [field_error(exc.code, None)]
        )

    async def not_found(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 403: "forbidden"}.get(exc.status_code, "http_error")
        title = "Ingen adgang" if exc.status_code == 403 else "Siden findes ikke"
        return render(request, "error.html", title, exc.status_code, [field_error(code, None)])

    app.add_exception_handler(SignInRequired, sign_in_required)
    app.add_exception_handler(CsrfFailed, csrf_failed)
    app.add_exception_handler(ApiProblem, api_problem)
    app.add_exception_handler(StarletteHTTPException, not_found)
