"""Dates and times the Danish way, for the mails: "torsdag den 3. december 2026 kl. 10.00".

Times are shown in Europe/Copenhagen (summer time included), in the words of
``shared.danish``; here a value is read from what a mail's data holds (an ISO string, a
date or a time; a time without a zone is Copenhagen wall-clock time, as a person wrote it).
"""

from __future__ import annotations

from datetime import date, datetime

from shared.danish import COPENHAGEN, moment_words, weekday_words


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
    return weekday_words(_local(parsed).date() if isinstance(parsed, datetime) else parsed)


def danish_datetime(value: object) -> str:
    """An ISO time as ``torsdag den 3. december 2026 kl. 10.00`` (a bare date: no time)."""
    parsed = _parse(value)
    if not isinstance(parsed, datetime):
        return danish_date(value)
    return moment_words(_local(parsed), weekday=True)
