"""Training and onboarding: sessions with participants, one onboarding per staff id."""

from __future__ import annotations

from services.councils.domain.training import Training
from services.councils.tests.builders import rejects

C = "relatives_collaboration"


def test_sessions_count_each_trained_member_of_staff_once() -> None:
    t = Training()
    t.record_session("k1", C, "staff", "2031-02-01", [("s1", "lyngen"), ("s2", "lyngen")], "a")
    t.record_session("k2", C, "leaders", "2031-03-01", [("s1", "lyngen"), ("l1", "skoven")], "a")
    assert t.to_state()["trained_per_tilbud"] == {"lyngen": 2, "skoven": 1}
    rejects("session_exists", t.record_session, "k1", C, "staff", "2031-02-01", [("s3", "x")], "a")
    rejects("invalid_participants", t.record_session, "k3", C, "staff", "2031-02-01", [], "a")
    rejects(
        "duplicate_participant",
        t.record_session,
        "k3",
        C,
        "staff",
        "2031-02-01",
        [("s3", "x"), ("s3", "x")],
        "a",
    )
    rejects("invalid_audience", t.record_session, "k3", C, "all", "2031-02-01", [("s3", "x")], "a")
    rejects(
        "invalid_course", t.record_session, "k3", "yoga", "staff", "2031-02-01", [("s3", "x")], "a"
    )


def test_onboarding_once_per_staff_id_and_with_the_expectations() -> None:
    t = Training()
    rejects("expectations_missing", t.onboard, "s1", "lyngen", "2031-02-01", False, "a")
    t.onboard("s1", "lyngen", "2031-02-01", True, "a")
    rejects("already_onboarded", t.onboard, "s1", "lyngen", "2031-02-02", True, "a")
    assert t.to_state()["onboarded"] == 1
