"""Primitive validators shared by the case guards.

Each returns the normalised value (plain ``str``, ``list`` or ``datetime``, which
the JSON transcoder can store) or raises ``shared.errors.DomainError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from shared.errors import ConflictError, DomainError

_ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def require_text(value: object, field: str) -> str:
    """A non-blank string, stripped."""
    if not isinstance(value, str) or not value.strip():
        raise DomainError("blank_text", f"'{field}' must not be blank.", field=field)
    return value.strip()


def optional_text(value: object, field: str) -> str | None:
    """``None`` for a missing or blank value, else the stripped string."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return require_text(value, field)


def require_text_list(values: object, field: str) -> list[str]:
    """A list of non-blank strings (may be empty), duplicates dropped."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise DomainError("blank_text", f"'{field}' must be a list of texts.", field=field)
    return list(dict.fromkeys(require_text(v, field) for v in values))


def require_enum(enum_cls: type[StrEnum], value: object, code: str, field: str) -> str:
    """The plain string value of ``enum_cls`` matching ``value``."""
    allowed = [member.value for member in enum_cls]
    if isinstance(value, str) and value in allowed:
        return enum_cls(value).value  # a plain str even when given an enum member
    raise DomainError(code, f"'{field}' must be one of {allowed}.", field=field, value=value)


def require_iso_date(value: object, field: str) -> str:
    """A real calendar date written ``YYYY-MM-DD``."""
    if isinstance(value, str) and _ISO_DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise DomainError("invalid_date", f"'{field}' must be a date YYYY-MM-DD.", field=field)


def optional_iso_date(value: object, field: str) -> str | None:
    """``None`` or a valid ISO date."""
    return None if value is None else require_iso_date(value, field)


def require_aware(value: object, field: str) -> datetime:
    """A timezone-aware datetime."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise DomainError(
            "invalid_datetime",
            f"'{field}' must be a timezone-aware date and time.",
            field=field,
        )
    return value


def require_new_id(value: object, existing: Iterable[str], code: str, field: str) -> str:
    """A non-blank identifier not used before on this case (409: a retried request
    with a client-chosen id finds its first attempt recorded)."""
    ident = require_text(value, field)
    if ident in existing:
        raise ConflictError(code, f"'{field}' {ident!r} already exists.", field=field)
    return ident


def require_known(ident: str, existing: Mapping[str, Any], code: str, what: str) -> None:
    """Raise ``code`` when ``ident`` does not name a sub-entity of the case."""
    if ident not in existing:
        raise DomainError(code, f"Unknown {what} {ident!r}.", **{f"{what}_id": ident})
