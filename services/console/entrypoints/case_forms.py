"""Every form on a case, one shape: a GET that shows the form with the case's version, a
POST that parses it and sends ``Console.<command>`` with ``If-Match`` through
:func:`~services.console.entrypoints.form_flow.handle_form`; on a conflict the page
shows what changed since."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console.application import Console, User
from services.console.domain import forms
from services.console.domain.forms import Parsed
from services.console.domain.messages import ApiProblem, FieldError, danish
from services.console.domain.staircase import level_label, steps
from services.console.entrypoints.form_flow import always, handle_form
from services.console.entrypoints.web import CurrentUser, FormData, PostedForm, Service, render

Shown = Callable[[Request], tuple[FormData, dict[str, Any]]]


def _nothing_shown(request: Request) -> tuple[FormData, dict[str, Any]]:
    return {}, {}


def _nothing_posted(form: FormData) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class CaseForm:
    """One form on a case: where (``path`` under ``/sager/{case_id}``, which may name
    one more id), what it shows and sends (``Console.<command>``), and what it says.
    ``shown`` prefills the GET from its query; ``posted`` gives the page context from
    the posted form; ``form_ids`` are ids the command takes from the form."""

    path: str
    template: str
    title: str
    parse: Callable[[FormData], Parsed]
    command: str
    fields: Sequence[str]
    done: str
    summary: str
    shown: Shown = _nothing_shown
    posted: Callable[[FormData], dict[str, Any]] = _nothing_posted
    form_ids: Sequence[str] = field(default=())

    @property
    def path_id(self) -> str | None:
        return self.path.split("{", 1)[1].split("}", 1)[0] if "{" in self.path else None


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
        request, template, title, status_code, errors, case=case, catalogue=catalogue,
        steps=steps(catalogue, case.get("level")),
        level_label=lambda level: level_label(catalogue, level), form=form or {},
        changes=changes, **context,
    )  # fmt: skip


async def submit(
    request: Request, console: Console, user: User, case_id: str, spec: CaseForm,
    form: FormData, ids: list[str], context: dict[str, Any],
) -> Response:  # fmt: skip
    """Send the form's command; back to the case page when it was recorded."""
    version = forms.version(form)
    run = getattr(console, spec.command)
    from_form = [(form.get(name) or [""])[0] for name in spec.form_ids]

    async def send(body: dict[str, Any]) -> int:
        result: int = await run(user, case_id, *ids, *from_form, version, body)
        return result

    async def again(errors: list[FieldError], status: int) -> Response:
        return await page(request, console, user, case_id, spec.template, spec.title, form,
                          errors, status, **context)  # fmt: skip

    async def conflict(problem: ApiProblem) -> Response:
        changes = await console.changes_since(user, case_id, version or 0)
        errors = [FieldError(danish("version_conflict"))]
        return await page(request, console, user, case_id, spec.template, spec.title, form,
                          errors, 409, changes, **context)  # fmt: skip

    return await handle_form(
        request, form, spec.parse, send, spec.fields, again,
        always(spec.done, f"/sager/{case_id}"), conflict,
    )  # fmt: skip


def add_form(router: APIRouter, spec: CaseForm) -> None:
    """The GET that shows ``spec``'s form and the POST that sends it."""
    extra = spec.path_id

    async def show(request: Request, case_id: str, user: CurrentUser, console: Service) -> Response:
        prefilled, context = spec.shown(request)
        ids = {extra: request.path_params[extra]} if extra else {}
        return await page(request, console, user, case_id, spec.template, spec.title,
                          prefilled, **ids, **context)  # fmt: skip

    async def send(
        request: Request, case_id: str, user: CurrentUser, console: Service, form: PostedForm
    ) -> Response:
        ids = [request.path_params[extra]] if extra else []
        context = {**({extra: ids[0]} if extra else {}), **spec.posted(form)}
        return await submit(request, console, user, case_id, spec, form, ids, context)

    router.add_api_route(spec.path, show, methods=["GET"], response_class=HTMLResponse,
                         summary=f"The form: {spec.summary}")  # fmt: skip
    router.add_api_route(spec.path, send, methods=["POST"], response_class=HTMLResponse,
                         summary=spec.summary)  # fmt: skip
