"""One flow for every form on a case: render with the case's version, parse, send with
``If-Match``, and on an error show it in Danish; on a conflict show what changed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.application import Console, User
from services.console.domain import forms
from services.console.domain.forms import Parsed
from services.console.domain.messages import ApiProblem, FieldError, danish, problem_errors
from services.console.domain.staircase import level_label, steps
from services.console.entrypoints.web import CurrentUser, FormData, PostedForm, Service, render

Command = Callable[[dict[str, Any], int | None], Awaitable[int]]


async def page(
    request: Request,
    console: Console,
    user: User,
    case_id: str,
    template: str,
    title: str,
    form: FormData | None = None,
    errors: list[FieldError] | None = None,
    status_code: int = 200,
    changes: list[dict[str, Any]] | None = None,
    **context: Any,
) -> Response:
    """A form page about one case; the hidden version is the case's current one."""
    case = await console.case(user, case_id)
    catalogue = await console.catalogue(user)
    return render(
        request,
        template,
        title,
        status_code,
        errors,
        case=case,
        catalogue=catalogue,
        steps=steps(catalogue, case.get("level")),
        level_label=lambda level: level_label(catalogue, level),
        form=form or {},
        changes=changes,
        **context,
    )


async def submit(
    request: Request,
    console: Console,
    user: User,
    case_id: str,
    form: FormData,
    parse: Callable[[FormData], Parsed],
    command: Command,
    template: str,
    title: str,
    fields: list[str],
    done: str,
    **context: Any,
) -> Response:
    """Send the form's command; back to the case page when it was recorded."""
    parsed = parse(form)
    version = forms.version(form)
    if not parsed.errors:
        try:
            await command(parsed.body, version)
        except ApiProblem as problem:
            if problem.status >= 500 or problem.code in ("case_not_found", "unauthenticated"):
                raise
            if problem.code == "version_conflict":
                changes = await console.changes_since(user, case_id, version or 0)
                conflict = [FieldError(danish("version_conflict"))]
                return await page(
                    request, console, user, case_id, template, title, form, conflict, 409,
                    changes, **context,
                )  # fmt: skip
            parsed.errors = problem_errors(problem, fields)
        else:
            request.session["flash"] = done
            return RedirectResponse(f"/sager/{case_id}", status_code=303)
    return await page(
        request, console, user, case_id, template, title, form, parsed.errors, 422, **context
    )


def add_form(
    router: APIRouter,
    path: str,
    template: str,
    title: str,
    parse: Callable[[FormData], Parsed],
    command: str,
    fields: list[str],
    done: str,
    summary: str,
) -> None:
    """A GET that shows the form and a POST that sends ``Console.<command>``; ``path`` may
    name one more id (``{complaint_id}``), passed to the command before the version."""
    extra = path.split("{", 1)[1].split("}", 1)[0] if "{" in path else None

    async def show(request: Request, case_id: str, user: CurrentUser, console: Service) -> Response:
        ids = {extra: request.path_params[extra]} if extra else {}
        return await page(request, console, user, case_id, template, title, **ids)

    async def send(
        request: Request, case_id: str, user: CurrentUser, console: Service, form: PostedForm
    ) -> Response:
        ids = [request.path_params[extra]] if extra else []
        run = getattr(console, command)

        async def sent(body: dict[str, Any], version: int | None) -> int:
            result: int = await run(user, case_id, *ids, version, body)
            return result

        context = {extra: ids[0]} if extra else {}
        return await submit(
            request, console, user, case_id, form, parse, sent, template, title, fields, done,
            **context,
        )  # fmt: skip

    router.add_api_route(path, show, methods=["GET"], response_class=HTMLResponse,
                         summary=f"The form: {summary}")  # fmt: skip
    router.add_api_route(path, send, methods=["POST"], response_class=HTMLResponse,
                         summary=summary)  # fmt: skip
