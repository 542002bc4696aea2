"""The participant-budget pool: decisions by the follow group, never overspent."""

from __future__ import annotations

from services.councils.domain.follow_group import Decider
from services.councils.domain.pool import ParticipantBudgetPool
from services.councils.tests.builders import rejects

COUNCIL = "council-1"
FG = Decider(actor="fg-1", member_id="f1")
VOTERS = ["r1", "r2", "r3"]


def pool(amount: int = 100_000) -> ParticipantBudgetPool:
    return ParticipantBudgetPool.open(year=2031, amount=amount, actor="leader-1")


def apply(p: ParticipantBudgetPool, app_id: str, amount: int) -> None:
    p.apply(app_id, COUNCIL, "Sommerudflugt", amount, ["r1", "r2"], "admin-1", electorate=VOTERS)


def test_grants_in_full_and_in_part_reduce_the_balance() -> None:
    p = pool()
    apply(p, "a1", 30_000)
    apply(p, "a2", 50_000)
    assert p.grant("a1", None, FG) == 70_000
    assert p.grant("a2", 20_000, FG) == 50_000
    assert p.applications["a2"]["granted"] == 20_000
    assert p.to_state()["granted_total"] == 50_000


def test_a_grant_never_exceeds_the_balance_or_the_request() -> None:
    p = pool(40_000)
    apply(p, "a1", 30_000)
    apply(p, "a2", 30_000)
    p.grant("a1", None, FG)
    e = rejects("grant_exceeds_balance", p.grant, "a2", None, FG)
    assert e.details == {"balance": 10_000, "amount": 30_000}
    rejects("grant_exceeds_request", p.grant, "a2", 31_000, FG)
    p.grant("a2", 10_000, FG)
    assert p.balance == 0


def test_the_pool_can_be_spent_to_exactly_zero() -> None:
    p = pool()
    for i in range(4):
        apply(p, f"a{i}", 25_000)
        p.grant(f"a{i}", None, FG)
    assert p.balance == 0
    apply(p, "late", 1)
    rejects("grant_exceeds_balance", p.grant, "late", None, FG)


def test_rejection_needs_a_reason_and_a_decision_is_final() -> None:
    p = pool()
    apply(p, "a1", 5_000)
    rejects("blank_text", p.reject, "a1", " ", FG)
    p.reject("a1", "Ligger uden for rammen", FG)
    rejects("already_decided", p.grant, "a1", None, FG)
    rejects("application_not_found", p.grant, "nope", None, FG)
    assert p.balance == 100_000


def test_applications_need_an_amount_and_initiating_relatives() -> None:
    p = pool()
    rejects("invalid_amount", p.apply, "a1", COUNCIL, "Tur", 0, ["r1"], "a", electorate=VOTERS)
    rejects("no_initiators", p.apply, "a1", COUNCIL, "Tur", 100, [], "a", electorate=VOTERS)
    stranger = ["r1", "someone-else"]
    rejects(
        "initiator_not_in_electorate",
        p.apply,
        "a1",
        COUNCIL,
        "Tur",
        100,
        stranger,
        "a",
        electorate=VOTERS,
    )
    apply(p, "a1", 100)
    rejects("application_exists", apply, p, "a1", 100)
    rejects("invalid_amount", ParticipantBudgetPool.open, year=2031, amount=-5, actor="x")


def test_disbursement_and_reported_spending() -> None:
    p = pool()
    apply(p, "a1", 10_000)
    rejects("not_granted", p.disburse, "a1", FG)
    p.grant("a1", 8_000, FG)
    rejects("not_disbursed", p.report_spending, "a1", 100, "admin-1")
    p.disburse("a1", FG)
    rejects("not_granted", p.disburse, "a1", FG)
    rejects("spending_exceeds_grant", p.report_spending, "a1", 8_001, "admin-1")
    p.report_spending("a1", 7_500, "admin-1")
    assert (p.applications["a1"]["disbursed"], p.applications["a1"]["spent"]) == (8_000, 7_500)


def test_each_decision_records_who_decided_and_as_what() -> None:
    p = pool()
    apply(p, "a1", 1_000)
    apply(p, "a2", 1_000)
    p.grant("a1", None, FG)
    p.reject("a2", "Uden for rammen", Decider(actor="leader-2", member_id=None))
    p.disburse("a1", FG)
    granted, rejected, disbursed = p.collect_events()[-3:]
    assert (granted.actor, granted.member_id, granted.decided_as) == ("fg-1", "f1", "member")
    assert (rejected.actor, rejected.member_id, rejected.decided_as) == ("leader-2", None, "leader")
    assert (disbursed.actor, disbursed.member_id) == ("fg-1", "f1")
    assert p.applications["a1"]["decided_by"] == {"actor": "fg-1", "member_id": "f1"}


def test_years_and_amounts_have_sensible_bounds() -> None:
    huge = 10_000_000_000_000_000_000
    for year in (1999, 2101, huge):
        rejects("invalid_number", ParticipantBudgetPool.open, year=year, amount=1, actor="x")
    for amount in (100_000_001, huge):
        rejects("invalid_amount", ParticipantBudgetPool.open, year=2031, amount=amount, actor="x")
    p = ParticipantBudgetPool.open(year=2100, amount=100_000_000, actor="x")
    rejects("invalid_amount", p.apply, "a1", COUNCIL, "Tur", huge, ["r1"], "a", electorate=VOTERS)
    apply(p, "a1", 100)
    rejects("invalid_amount", p.grant, "a1", huge, FG)
    p.grant("a1", None, FG)
    p.disburse("a1", FG)
    rejects("invalid_number", p.report_spending, "a1", huge, "admin-1")
