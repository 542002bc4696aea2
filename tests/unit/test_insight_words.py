"""The insight page (GDPR art. 15) writes values for people: Danish dates in Copenhagen
time, Ja/Nej, "ikke oplyst", field paths and events by their Danish names."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shared.privacy import insight_words as words


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2026-12-03T13:05:00+00:00", "3. december 2026 kl. 14.05"),  # winter: UTC+1
        ("2026-07-01T22:30:00.123456+00:00", "2. juli 2026 kl. 00.30"),  # summer: next day
        ("2030-04-01T10:00:00+02:00", "1. april 2030 kl. 10.00"),
        ("2030-01-01", "1. januar 2030"),
    ],
)
def test_dates_and_times_are_danish_in_copenhagen_time(written: str, read: str) -> None:
    assert words.scalar(written) == read


def test_values_read_as_people_say_them() -> None:
    assert [words.scalar(v) for v in (True, False, None)] == ["Ja", "Nej", "ikke oplyst"]
    assert words.scalar(datetime(2026, 3, 29, 1, 0, tzinfo=UTC)) == "29. marts 2026 kl. 03.00"
    assert words.scalar(date(2031, 7, 1)) == "1. juli 2031"
    assert words.scalar("Karen Kvistgaard-Hansen") == "Karen Kvistgaard-Hansen"


def test_field_paths_events_and_reads_are_named_in_danish() -> None:
    assert words.path_label("channels.email") == "Kontaktkanaler, e-mail"
    assert words.path_label("actions[1].owner") == "Handlinger nr. 2, ansvarlig"
    assert words.unlabelled_path("channels.no_such_field") == ["no_such_field"]
    assert words.event_words("MemberAppointed") == "Medlem udpeget"
    assert words.event_words("(RelativeAdded)") == "Pårørende tilføjet"
    assert words.event_words("dk.aarhus.pkraft.cases.case_opened.v2") == "Sagen oprettet"
    assert words.read_words("GET /cases/{case_id}/relatives/{relative_id}/contact") == (
        "hentede kontaktoplysninger for at sende besked"
    )
    assert words.read_words("CLI pkraft privacy export") == "lavede et udtræk til indsigt"
