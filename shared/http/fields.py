"""Bounded string and time types every API's request bodies use, so that no field takes
megabytes, control characters or a date from before anything the system records.

Declared as JSON-schema constraints (``maxLength``, ``pattern``), so the OpenAPI says what
is refused; a refusal is 422 ``invalid_request`` naming the field (shared/http/errors.py).

- ``Ref``: ids and references (a relative id, a user id, a tilbud id): 1-100 characters,
  printable characters on one line (no control character).
- ``NewId``: an id a client chooses for something it creates (a relative, an evening, an
  election ...), which later stands in a URL path: 1-100 of ``A-Z a-z 0-9 . _ : -``,
  beginning with a letter or digit (no ``/``, space or ``..`` that no path could reach).
- ``Name``: a name or title on one line: 1-200 characters, no control characters.
- ``ShortText``: up to 2,000 characters; ``LongText``: free text up to 20,000. Both may
  hold line breaks (LF, CR) and tabs, but no other control character.
- No string anywhere takes NUL (``\\u0000``): PostgreSQL's ``text`` cannot store it.
- ``PastDate``/``HappenedAt``: when something happened: not before 1900-01-01 (whether it
  lies in the future is the domain's rule, ``time_in_future``); ``PlannedDate``/
  ``PlannedAt``: something planned, between 1900-01-01 and 2199-12-31.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, Field, StringConstraints
from pydantic_core import PydanticCustomError

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)
EARLIEST_TIME = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_TIME = datetime(2199, 12, 31, 23, 59, 59, tzinfo=UTC)

REF_MAX = 100
NAME_MAX = 200
SHORT_TEXT_MAX = 2_000
LONG_TEXT_MAX = 20_000

# One line of printable characters: no C0/C1 control character, no DEL.
ONE_LINE = r"^[^\x00-\x1f\x7f-\x9f]*$"
# Text: as one line, but line feed, carriage return and tab are allowed.
MULTI_LINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# pydantic's error type (in ``details.errors``); the API's code is ``invalid_request``.
_ERROR_TYPE = "control_character"


def _refuse(found: re.Pattern[str], allowed: str) -> AfterValidator:
    """Refuse a control character in words (where, which), never echoing the value."""

    def check(value: str) -> str:
        hit = found.search(value)
        if hit:
            raise PydanticCustomError(
                _ERROR_TYPE,
                "contains the control character U+{char} at position {position}; {allowed}",
                {"char": f"{ord(hit.group()):04X}", "position": hit.start(), "allowed": allowed},
            )
        return value

    return AfterValidator(check)


def _text(min_length: int, max_length: int, pattern: str) -> Any:
    one_line = pattern == ONE_LINE
    return (
        StringConstraints(min_length=min_length, max_length=max_length),
        _refuse(
            _CONTROL if one_line else _CONTROL_IN_TEXT,
            "it must be one line of printable characters"
            if one_line
            else "only line breaks and tabs are allowed in a text",
        ),
        Field(json_schema_extra={"pattern": pattern.replace("*", "+") if min_length else pattern}),
    )


# A code from a fixed list (the list is declared with ``one_of`` and checked by the domain,
# which answers its stable code); bounded so that a refusal never echoes megabytes.
Code = Annotated[str, StringConstraints(max_length=REF_MAX, pattern=ONE_LINE)]
Ref = Annotated[str, *_text(1, REF_MAX, ONE_LINE)]
NEW_ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
NewId = Annotated[str, StringConstraints(min_length=1, max_length=REF_MAX, pattern=NEW_ID)]
Name = Annotated[str, *_text(1, NAME_MAX, ONE_LINE)]
ShortText = Annotated[str, *_text(0, SHORT_TEXT_MAX, MULTI_LINE)]
LongText = Annotated[str, *_text(0, LONG_TEXT_MAX, MULTI_LINE)]

PastDate = Annotated[date, Field(ge=EARLIEST_DAY)]
PlannedDate = Annotated[date, Field(ge=EARLIEST_DAY, le=LATEST_DAY)]
HappenedAt = Annotated[AwareDatetime, Field(ge=EARLIEST_TIME)]
PlannedAt = Annotated[AwareDatetime, Field(ge=EARLIEST_TIME, le=LATEST_TIME)]
