"""Danish CPR numbers: validation and masking.

Since 2007 not every CPR number satisfies the modulus 11 check, so only the format
and the date of birth (with the century given by the 7th digit) are validated.
Error messages and details never contain the number itself.
"""

from __future__ import annotations

import re
from datetime import date

from shared.errors import DomainError

_CPR_RE = re.compile(r"([0-9]{6})-?([0-9]{4})")
_MASK = "******-****"


def _century(seventh_digit: int, yy: int) -> int:
    """The century of the birth year, per the CPR office's table."""
    if seventh_digit <= 3:
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def _split(value: str) -> tuple[str, str] | None:
    match = _CPR_RE.fullmatch(value.strip())
    if match is None:
        return None
    return match.group(1), match.group(2)


def birth_date(value: str) -> date:
    """The date of birth encoded in a valid CPR number."""
    digits = validate_cpr(value)
    yy = int(digits[4:6])
    year = _century(int(digits[6]), yy) + yy
    return date(year, int(digits[2:4]), int(digits[0:2]))


def validate_cpr(value: str) -> str:
    """Return the 10 digits of ``value`` (``DDMMYYSSSS`` or ``DDMMYY-SSSS``).

    Raises ``DomainError("invalid_cpr")`` when the format is wrong or the date
    part is not a real date.
    """
    parts = _split(value) if isinstance(value, str) else None
    if parts is None:
        raise DomainError(
            "invalid_cpr",
            "CPR number must be 10 digits, optionally with a hyphen after the 6th.",
            reason="format",
        )
    head, tail = parts
    yy = int(head[4:6])
    year = _century(int(tail[0]), yy) + yy
    try:
        date(year, int(head[2:4]), int(head[0:2]))
    except ValueError:
        raise DomainError(
            "invalid_cpr",
            "CPR number does not contain a valid date of birth.",
            reason="date",
        ) from None
    return head + tail


def mask_cpr(value: str) -> str:
    """Mask a CPR number for display: ``DDMMYY-****``; fully masked if malformed."""
    parts = _split(value) if isinstance(value, str) else None
    if parts is None:
        return _MASK
    return f"{parts[0]}-****"
