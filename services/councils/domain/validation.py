"""Primitive validators for the councils domain.

Each returns the normalised value (plain ``str``, ``int``, ``list``) that the JSON
transcoder can store, or raises ``shared.errors.DomainError`` with a stable code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from shared.errors import DomainError, NotFoundError


def require_text(value: object, field: str) -> str:
    """A non-blank string, stripped."""
    if not isinstance(value, str) or not value.strip():
        raise DomainError("blank_text", f"'{field}' must not be blank.", field=field)
    return value.strip()


def require_text_list(values: object, field: str, *, non_empty: bool = False) -> list[str]:
    """A list of non-blank strings, duplicates dropped (order kept)."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise DomainError("blank_text", f"'{field}' must be a list of texts.", field=field)
    clean = list(dict.fromkeys(require_text(v, field) for v in values))
    if non_empty and not clean:
        raise DomainError(f"no_{field}", f"'{field}' must name at least one.", field=field)
    return clean


def require_enum(enum_cls: type[StrEnum], value: object, code: str, field: str) -> str:
    """The plain string value of ``enum_cls`` matching ``value``."""
    allowed = [member.value for member in enum_cls]
    if isinstance(value, str) and value in allowed:
        return enum_cls(value).value
    raise DomainError(code, f"'{field}' must be one of {allowed}.", field=field, value=value)


def require_iso_date(value: object, field: str) -> str:
    """A real calendar date written ``YYYY-MM-DD`` (a ``date`` is accepted too)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise DomainError("invalid_date", f"'{field}' must be a date YYYY-MM-DD.", field=field)


# Bounds of the numbers the councils record: an absurd number is refused before it is
# stored (a consumer's SQL could not hold it, and a seat list of it would not fit memory).
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_KR = 100_000_000
MAX_SEATS = 100


def require_count(value: object, field: str, minimum: int = 0, maximum: int = MAX_KR) -> int:
    """An integer from ``minimum`` to ``maximum``."""
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise DomainError(
            "invalid_number",
            f"'{field}' must be a whole number from {minimum} to {maximum}.",
            field=field,
        )
    return value


def require_amount(value: object, field: str) -> int:
    """A positive amount in whole kroner, at most ``MAX_KR``."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_KR:
        raise DomainError(
            "invalid_amount",
            f"'{field}' must be a whole number of kroner from 1 to {MAX_KR}.",
            field=field,
        )
    return value


def require_new_id(value: object, existing: Iterable[str], code: str, field: str) -> str:
    """A non-blank identifier not used before."""
    ident = require_text(value, field)
    if ident in existing:
        raise DomainError(code, f"'{field}' {ident!r} already exists.", field=field)
    return ident


def require_known(ident: str, existing: Mapping[str, Any], what: str) -> None:
    """404 ``<what>_not_found`` when ``ident`` names nothing."""
    if ident not in existing:
        raise NotFoundError(f"{what}_not_found", f"Unknown {what} {ident!r}.", id=ident)


def add_years(iso_day: str, years: int) -> str:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    day = date.fromisoformat(iso_day)
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:
        return day.replace(year=day.year + years, day=28).isoformat()


def add_months(iso_day: str, months: int) -> str:
    """The same day ``months`` later or earlier (clamped to the 28th when needed)."""
    day = date.fromisoformat(iso_day)
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, 28)).isoformat()
