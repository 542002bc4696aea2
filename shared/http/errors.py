"""One place that maps errors to HTTP answers: ``{"code", "message", "details"}``."""

from __future__ import annotations

import sqlite3
from typing import Any

import psycopg
from eventsourcing.persistence import InterfaceError as StoreInterfaceError
from eventsourcing.persistence import OperationalError as StoreOperationalError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.errors import DomainError
from shared.http.metrics import RULE_REJECTIONS
from shared.logging import get_logger

log = get_logger("pkraft.http")
RETRY_AFTER_SECONDS = 5
# SQLite's words for a database it cannot use right now (another writer holds it, the disk
# fails); other OperationalErrors ("no such table") are bugs and stay 500s.
SQLITE_OUTAGE = ("locked", "busy", "disk i/o", "unable to open", "disk is full")
OUTAGE_TYPES = (
    sqlite3.OperationalError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    StoreOperationalError,
    StoreInterfaceError,
)


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


def is_store_outage(exc: BaseException) -> bool:
    """Whether ``exc`` says the database cannot be used right now (locked, unreachable,
    I/O), as raised by sqlite3, psycopg or eventsourcing's wrappers of them."""
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 5:
        if isinstance(current, sqlite3.OperationalError):
            return any(word in str(current).lower() for word in SQLITE_OUTAGE)
        if isinstance(current, (psycopg.OperationalError, psycopg.InterfaceError)):
            return True
        if isinstance(current, (StoreOperationalError, StoreInterfaceError)):
            cause = current.__cause__
            if cause is None or not isinstance(cause, sqlite3.Error):
                return True
        current, seen = current.__cause__, seen + 1
    return False


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    if not is_store_outage(exc):
        raise exc  # a bug, not an outage: the middleware answers 500 and logs it
    # The type only: a database's message may quote a statement's values.
    log.warning("store_unavailable", error=type(exc).__name__, path=request.url.path)
    return JSONResponse(
        error_body(
            "store_unavailable",
            "the store cannot be written to right now (it is locked or unreachable); "
            "nothing was recorded, retry shortly",
            retry_after_seconds=RETRY_AFTER_SECONDS,
        ),
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for outage in OUTAGE_TYPES:
        app.add_exception_handler(outage, _store_error)
