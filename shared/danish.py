"""Dates and times the Danish way ("torsdag den 3. december 2026 kl. 14.05"), in
Europe/Copenhagen (summer time included).

Weekday and month names come from the tables below, not from the machine's locale, so a
server without a Danish locale writes the same words. The mails, the console and the
insight page each choose how much to show and how to read a time without a zone.
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


def day_words(day: date) -> str:
    """``3. december 2026``."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def weekday_words(day: date) -> str:
    """``torsdag den 3. december 2026``."""
    return f"{WEEKDAYS[day.weekday()]} den {day_words(day)}"


def moment_words(moment: datetime, *, weekday: bool = False) -> str:
    """``3. december 2026 kl. 14.05`` (with ``weekday``: ``torsdag den 3. december ...``),
    in Copenhagen time. A time without a zone is read as ``astimezone`` reads it: the
    caller decides what it means before."""
    local = moment.astimezone(COPENHAGEN)
    day = weekday_words(local.date()) if weekday else day_words(local.date())
    return f"{day} kl. {local:%H.%M}"
