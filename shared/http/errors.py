"""One place that maps errors to HTTP answers: ``{"code", "message", "details"}``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.errors import DomainError
from shared.http.metrics import RULE_REJECTIONS


def error_body(code: str, message: str, **details: Any) -> dict[str, Any]:
    return {"code": code, "message": message, "details": details}


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    RULE_REJECTIONS.labels(code=exc.code).inc()
    headers = {}
    if "current_version" in exc.details:
        headers["ETag"] = f'"{exc.details["current_version"]}"'
    return JSONResponse(
        error_body(exc.code, exc.message, **exc.details), status_code=exc.status, headers=headers
    )


def _where(loc: list[Any]) -> str:
    return ".".join(str(p) for p in loc)


def _line_column(doc: Any, pos: int) -> tuple[int, int]:
    text = doc if isinstance(doc, str) else ""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _in_words(first: dict[str, Any], body: Any) -> str:
    """One sentence saying what is wrong with the request and where."""
    loc = list(first.get("loc", ()))
    if first.get("type") == "json_invalid":
        line, column = _line_column(body, int(loc[1]) if len(loc) > 1 else 0)
        reason = (first.get("ctx") or {}).get("error", "malformed")
        return f"the request body is not valid JSON (line {line}, column {column}: {reason})"
    if loc == ["body"] and first.get("type") == "missing":
        return "the request body is missing"
    return f"{_where(loc) or 'request'}: {first.get('msg', 'invalid')}"


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    raw = exc.errors()
    # The offending input is left out: it may be personal data.
    errors = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in raw
    ]
    RULE_REJECTIONS.labels(code="invalid_request").inc()
    message = _in_words(dict(raw[0]), exc.body) if raw else "invalid request"
    return JSONResponse(error_body("invalid_request", message, errors=errors), status_code=422)


def _unreadable_body(exc: StarletteHTTPException) -> JSONResponse | None:
    """FastAPI answers 400 to a body it cannot decode; it is an invalid request like any
    other (422), said in words."""
    cause = exc.__cause__
    if exc.status_code != 400 or cause is None:
        return None
    RULE_REJECTIONS.labels(code="invalid_request").inc()
    if isinstance(cause, UnicodeDecodeError):
        bad = cause.object[cause.start : cause.start + 1].hex()
        message = f"the request body is not valid UTF-8 (byte 0x{bad} at position {cause.start})"
        errors = [{"loc": ["body", cause.start], "msg": message, "type": "utf8_invalid"}]
    elif isinstance(cause, RecursionError):
        message = "the request body is nested too deeply"
        errors = [{"loc": ["body"], "msg": message, "type": "too_deep"}]
    else:  # the parser's own words may quote the body: left out
        message = "the request body could not be parsed"
        errors = [{"loc": ["body"], "msg": message, "type": "unparsable"}]
    return JSONResponse(error_body("invalid_request", message, errors=errors), status_code=422)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    unreadable = _unreadable_body(exc)
    if unreadable is not None:
        return unreadable
    codes = {401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}
    code = codes.get(exc.status_code, "http_error")
    return JSONResponse(
        error_body(code, str(exc.detail)),
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
