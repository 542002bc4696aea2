"""Pure rules: hash links, diffs between states, the per-level month figures."""

from __future__ import annotations

from services.readside.domain.chain import GENESIS, link
from services.readside.domain.diff import diff
from services.readside.domain.envelope import short_type, utc_iso
from services.readside.domain.figures import LevelChange, levels_over_time, months_between


def test_a_hash_link_covers_the_record_and_its_predecessor() -> None:
    record = {"seq": 1, "ce_id": "c:1", "data": '{"a":1}'}
    first = link(GENESIS, record)
    assert first == link(GENESIS, dict(record))
    assert link(GENESIS, {**record, "data": '{"a":2}'}) != first
    assert link(first, record) != first
    assert link(GENESIS, {**record, "hash": "ignored"}) == first


def test_diff_names_every_changed_leaf_and_matches_list_items_by_id() -> None:
    before = {"level": None, "relatives": [{"relative_id": "r1", "consents": ["a"]}]}
    after = {
        "level": 2,
        "relatives": [{"relative_id": "r1", "consents": ["a", "b"]}, {"relative_id": "r2"}],
    }
    changes = diff(before, after)
    assert {"path": "level", "before": None, "after": 2} in changes
    assert {"path": "relatives[r1].consents[1]", "before": None, "after": "b"} in changes
    assert {"path": "relatives[r2]", "before": None, "after": {"relative_id": "r2"}} in changes
    assert diff(after, after) == []


def test_cases_per_level_counts_open_cases_at_each_month_end() -> None:
    changes = [
        LevelChange("a", "2031-01-05T00:00:00+00:00", 1),
        LevelChange("b", "2031-01-20T00:00:00+00:00", 2),
        LevelChange("a", "2031-02-02T00:00:00+00:00", 3),
    ]
    months = months_between("2031-01", "2031-03")
    assert months == ["2031-01", "2031-02", "2031-03"]
    per_month = levels_over_time(changes, {"b": "2031-03-01T00:00:00+00:00"}, months)
    assert per_month["2031-01"] == {"1": 1, "2": 1, "3": 0, "4": 0}
    assert per_month["2031-02"] == {"1": 0, "2": 1, "3": 1, "4": 0}
    assert per_month["2031-03"] == {"1": 0, "2": 0, "3": 1, "4": 0}  # b closed
    assert months_between("2030-11", "2031-02") == ["2030-11", "2030-12", "2031-01", "2031-02"]


def test_instants_have_one_text_form_and_types_a_short_name() -> None:
    assert utc_iso("2031-01-05T10:00:00+02:00") == "2031-01-05T08:00:00.000000+00:00"
    assert utc_iso("2031-01-05T08:00:00Z") == "2031-01-05T08:00:00.000000+00:00"
    assert short_type("dk.aarhus.pkraft.cases.level_assessed.v1") == "level_assessed"
    assert short_type("something.else") == "something.else"
