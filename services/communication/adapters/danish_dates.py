"""Dates and times the Danish way, for the mails: "torsdag den 3. december 2026 kl. 10.00".

Times are shown in Europe/Copenhagen (summer time included). Weekday and month names
come from the tables below, not from the machine's locale, so a server without a Danish
locale writes the same mails.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def _parse(value: object) -> date | datetime | None:
    if isinstance(value, date):  # a datetime is a date too
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _local(moment: datetime) -> datetime:
    # A time without a zone is taken as Copenhagen wall-clock time, as a person wrote it.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=COPENHAGEN)
    return moment.astimezone(COPENHAGEN)


def danish_date(value: object) -> str:
    """``2031-05-01`` (or a time on that day) as ``torsdag den 1. maj 2031``."""
    parsed = _parse(value)
    if parsed is None:
        return "" if value is None else str(value)
    day = _local(parsed).date() if isinstance(parsed, datetime) else parsed
    return f"{WEEKDAYS[day.weekday()]} den {day.day}. {MONTHS[day.month - 1]} {day.year}"


def danish_datetime(value: object) -> str:
    """An ISO time as ``torsdag den 3. december 2026 kl. 10.00`` (a bare date: no time)."""
    parsed = _parse(value)
    if not isinstance(parsed, datetime):
        return danish_date(value)
    moment = _local(parsed)
    return f"{danish_date(moment)} kl. {moment.hour:02d}.{moment.minute:02d}"
