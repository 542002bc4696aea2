"""ce_ids of stored events: stable before any restore, distinct and ordered after."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.eventid import EventId, event_id, new_incarnation, parse_event_id


def test_ids_written_before_any_restore_keep_their_old_form() -> None:
    assert event_id("c1", 7) == "c1:7"
    assert parse_event_id("c1:7") == EventId("c1", 7, 0)


def test_ids_after_a_restore_differ_and_parse_back() -> None:
    ce_id = event_id("3f2a-uuid", 7, 20311201120000)
    assert ce_id != event_id("3f2a-uuid", 7)
    assert ce_id.rpartition(":")[0] == "3f2a-uuid"  # old parsers still find the aggregate
    parsed = parse_event_id(ce_id)
    assert parsed == EventId("3f2a-uuid", 7, 20311201120000)
    assert str(parsed) == ce_id


def test_a_later_incarnation_orders_after_any_version_of_an_earlier_one() -> None:
    assert EventId("a", 2, 20311201120000).position > EventId("a", 9).position


def test_other_ids_are_not_parsed() -> None:
    assert parse_event_id("msg-123") is None
    assert parse_event_id("a:b") is None


def test_a_new_incarnation_is_the_time_and_always_later() -> None:
    now = datetime(2031, 12, 1, 12, 0, 5, tzinfo=UTC)
    assert new_incarnation(0, now) == 20311201120005
    assert new_incarnation(20311201120005, now) == 20311201120006
