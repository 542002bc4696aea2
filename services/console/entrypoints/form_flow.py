"""The one shape of every form the console posts: parse the form, call the API, and on
an error show the form again with the Danish errors beside their fields (GOV.UK's
pattern); on success remember a message and redirect (POST, redirect, GET)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from typing import Any, NamedTuple, TypeVar

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from services.console.domain.forms import Parsed
from services.console.domain.messages import ApiProblem, FieldError, danish, problem_errors
from services.console.entrypoints.web import FormData

T = TypeVar("T")

# Answers no form can help with: the error page (or the sign-in page) says them.
PASSED_ON = frozenset({"unauthenticated", "case_not_found"})


class Done(NamedTuple):
    """What the user is told after a form went through, and where they go."""

    message: str
    location: str


Rerender = Callable[[list[FieldError], int], Awaitable[Response]]


async def handle_form(
    request: Request,
    form: FormData,
    parse: Callable[[FormData], Parsed],
    send: Callable[[dict[str, Any]], Awaitable[T]],
    fields: Collection[str],
    rerender: Rerender,
    done: Callable[[T], Done],
    on_conflict: Callable[[ApiProblem], Awaitable[Response]] | None = None,
) -> Response:
    """Parse ``form``, ``send`` the body, and redirect as ``done`` says; a form the
    console cannot read or an API refusal is shown with ``rerender(errors, status)``
    (422; 409 for a version conflict, or ``on_conflict`` when the page shows more)."""
    parsed = parse(form)
    if parsed.errors:
        return await rerender(parsed.errors, 422)
    try:
        result = await send(parsed.body)
    except ApiProblem as problem:
        if problem.status >= 500 or problem.code in PASSED_ON:
            raise
        if problem.code == "version_conflict":
            if on_conflict is not None:
                return await on_conflict(problem)
            return await rerender([FieldError(danish("version_conflict"))], 409)
        return await rerender(problem_errors(problem, fields), 422)
    message, location = done(result)
    request.session["flash"] = message
    return RedirectResponse(location, status_code=303)


def always(message: str, location: str) -> Callable[[object], Done]:
    """A ``done`` that does not depend on the API's answer."""
    return lambda _: Done(message, location)
