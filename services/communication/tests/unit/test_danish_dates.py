"""Dates and times in mails, the Danish way and in Copenhagen time, whatever the locale."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.communication.adapters.danish_dates import danish_date, danish_datetime


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-03T09:00:00Z", "torsdag den 3. december 2026 kl. 10.00"),
        ("2026-12-03T09:00:00+00:00", "torsdag den 3. december 2026 kl. 10.00"),
        ("2031-07-14T08:05:00+00:00", "mandag den 14. juli 2031 kl. 10.05"),  # summer time
        ("2026-03-29T00:30:00+00:00", "søndag den 29. marts 2026 kl. 01.30"),  # before 02:00
        ("2026-03-29T01:30:00+00:00", "søndag den 29. marts 2026 kl. 03.30"),  # after
        ("2026-12-31T23:30:00+00:00", "fredag den 1. januar 2027 kl. 00.30"),  # next day there
        ("2031-04-01T19:00", "tirsdag den 1. april 2031 kl. 19.00"),  # no zone: local time
        (datetime(2026, 12, 3, 9, 0, tzinfo=UTC), "torsdag den 3. december 2026 kl. 10.00"),
        ("2031-06-01", "søndag den 1. juni 2031"),  # a date has no time
        ("not a date", "not a date"),
    ],
)
def test_danish_datetime(value: object, expected: str) -> None:
    assert danish_datetime(value) == expected


def test_danish_date_drops_the_time_and_names_the_local_day() -> None:
    assert danish_date("2031-05-01") == "torsdag den 1. maj 2031"
    assert danish_date(date(2030, 2, 2)) == "lørdag den 2. februar 2030"
    assert danish_date("2026-12-31T23:30:00+00:00") == "fredag den 1. januar 2027"
    assert danish_date(None) == ""
