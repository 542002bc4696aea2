"""Activities held with granted budgets: the unspent part returns to the pool once."""

from __future__ import annotations

from services.councils.domain.pool import ParticipantBudgetPool
from services.councils.tests.builders import rejects
from services.councils.tests.unit.test_pool import FG, apply, pool

PEOPLE = {"relatives": 12, "residents": 9, "staff": 3}


def granted(amount: int = 10_000) -> ParticipantBudgetPool:
    p = pool(50_000)
    apply(p, "a1", amount)
    p.grant("a1", None, FG)
    return p


def held(p: ParticipantBudgetPool, cost: int, app_id: str = "a1") -> int:
    return p.record_activity(
        app_id, "tilbud-1", "2031-06-12", PEOPLE, cost, "Grillaften i haven", "admin-1"
    )


def test_the_unspent_part_returns_to_the_pool() -> None:
    p = granted()
    assert p.balance == 40_000
    assert held(p, 7_500) == 2_500
    assert (p.balance, p.granted_total) == (42_500, 7_500)
    [row] = p.activities("tilbud-1")
    assert row["participants"] == PEOPLE
    assert (row["cost"], row["returned"], row["held_on"]) == (7_500, 2_500, "2031-06-12")
    assert "report" not in row
    assert p.activities("tilbud-1", with_report=True)[0]["report"] == "Grillaften i haven"
    assert p.activities("tilbud-2") == []


def test_nothing_is_returned_twice() -> None:
    p = granted()
    held(p, 4_000)
    rejects("activity_already_recorded", held, p, 1_000)
    assert p.balance == 46_000


def test_spending_more_than_granted_is_refused() -> None:
    p = granted()
    e = rejects("activity_cost_exceeds_grant", held, p, 10_001)
    assert e.details == {"granted": 10_000, "cost": 10_001}
    assert held(p, 10_000) == 0  # all spent: nothing returns, the balance never goes up
    assert p.balance == 40_000


def test_only_a_granted_budget_leads_to_an_activity() -> None:
    p = pool()
    apply(p, "a1", 5_000)
    rejects("not_granted", held, p, 100)
    p.reject("a1", "Uden for formålet", FG)
    rejects("not_granted", held, p, 100)
    rejects("application_not_found", held, p, 100, "nope")


def test_counts_date_and_report_are_checked() -> None:
    p = granted()
    rejects(
        "invalid_number",
        p.record_activity,
        "a1",
        "t",
        "2031-06-12",
        {"relatives": -1},
        10,
        "r",
        "x",
    )
    rejects("invalid_date", p.record_activity, "a1", "t", "2031-13-12", PEOPLE, 10, "r", "x")
    rejects("blank_text", p.record_activity, "a1", "t", "2031-06-12", PEOPLE, 10, " ", "x")


def test_the_activity_survives_a_reload_and_erasure_drops_its_report() -> None:
    p = granted()
    held(p, 6_000)
    copy = None
    for event in p.collect_events():
        copy = event.mutate(copy)
    assert isinstance(copy, ParticipantBudgetPool)
    assert copy.balance == 44_000
    copy.forget(f"text:{copy.id}:a1")
    assert copy.activities(with_report=True)[0]["report"] is None
