"""One flow for every form on a case: render with the case's version, parse, send with
``If-Match``, and on an error show it in Danish; on a conflict show what changed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from services.console.application import Console, User
from services.console.domain import forms
from services.console.domain.forms import Parsed
from services.console.domain.messages import ApiProblem, FieldError, danish, problem_errors
from services.console.domain.staircase import level_label, steps
from services.console.entrypoints.web import FormData, render

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
