"""Dates and times the Danish way, in Europe/Copenhagen."""

from __future__ import annotations

from datetime import date, datetime, time

from shared.danish import COPENHAGEN, day_words, moment_words


def local_datetime(day: str, clock: str) -> datetime | None:
    """``2026-12-03`` and ``14:30`` (as a browser's date and time inputs send them) as an
    aware datetime in Copenhagen; None if either does not parse."""
    try:
        return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), COPENHAGEN)
    except ValueError:
        return None


def valid_date(day: str) -> bool:
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True


def dansk_dato(value: str | None) -> str:
    """``3. december 2026`` for a date, ``3. december 2026 kl. 09.52`` for a timestamp."""
    if not value:
        return ""
    try:
        if len(value) == 10:
            return day_words(date.fromisoformat(value))
        return moment_words(datetime.fromisoformat(value))
    except ValueError:
        return value


def today_local() -> str:
    return datetime.now(COPENHAGEN).date().isoformat()


def now_local_clock() -> str:
    return datetime.now(COPENHAGEN).strftime("%H:%M")


def time_left(deadline: str | None, now: datetime | None = None) -> str:
    """``om 23 timer`` before a deadline, ``overskredet med 2 timer`` after it."""
    if not deadline:
        return ""
    try:
        due = datetime.fromisoformat(deadline)
    except ValueError:
        return ""
    seconds = (due - (now or datetime.now(COPENHAGEN))).total_seconds()
    hours = int(abs(seconds) // 3600)
    span = f"{hours} time{'' if hours == 1 else 'r'}" if hours else "under en time"
    return f"om {span}" if seconds >= 0 else f"overskredet med {span}"
