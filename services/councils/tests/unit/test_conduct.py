"""The code of conduct: versions adopted by the follow group, acknowledged per version."""

from __future__ import annotations

from services.councils.domain.conduct import CodeOfConduct
from services.councils.domain.follow_group import Decider
from services.councils.tests.builders import rejects

FG = Decider(actor="fg-1", member_id="f1")
TEXT = "Vi møder hinanden med respekt og tager pårørende med på råd."


def kodeks() -> CodeOfConduct:
    code = CodeOfConduct()
    assert code.adopt(TEXT, "2031-01-15", FG) == 1
    return code


def test_versions_are_numbered_and_adopted_in_date_order() -> None:
    code = kodeks()
    rejects("adopted_before_current", code.adopt, "Ny tekst", "2031-01-14", FG)
    rejects("blank_text", code.adopt, "  ", "2031-02-01", FG)
    assert code.adopt("Ny tekst", "2031-01-15", FG) == 2
    assert code.to_state()["current_version"] == 2
    assert [v["adopted_on"] for v in code.versions] == ["2031-01-15", "2031-01-15"]


def test_a_person_acknowledges_the_current_version_once() -> None:
    code = kodeks()
    code.acknowledge(1, "staff", "s1", "lyngen", "2031-02-01", "s1")
    rejects(
        "already_acknowledged", code.acknowledge, 1, "staff", "s1", "lyngen", "2031-02-02", "s1"
    )
    rejects("not_current_version", code.acknowledge, 2, "staff", "s2", "lyngen", "2031-02-01", "s2")
    rejects("invalid_kind", code.acknowledge, 1, "boss", "s2", "lyngen", "2031-02-01", "s2")
    code.acknowledge(1, "relative", "r1", "skoven", "2031-02-01", "admin")
    assert code.has_acknowledged("staff", "s1")
    assert [a["person_id"] for a in code.acknowledgements("lyngen")] == ["s1"]


def test_a_new_version_asks_for_acknowledgement_again() -> None:
    code = kodeks()
    code.acknowledge(1, "staff", "s1", "lyngen", "2031-02-01", "s1")
    code.adopt("Version 2", "2031-06-01", FG)
    assert not code.has_acknowledged("staff", "s1")
    assert code.acknowledgements() == []
    rejects("not_current_version", code.acknowledge, 1, "staff", "s1", "lyngen", "2031-06-02", "s1")
    code.acknowledge(2, "staff", "s1", "lyngen", "2031-06-02", "s1")
    assert code.has_acknowledged("staff", "s1")


def test_nothing_is_acknowledged_before_a_version_is_adopted() -> None:
    rejects(
        "not_current_version",
        CodeOfConduct().acknowledge,
        1,
        "staff",
        "s1",
        "t",
        "2031-01-01",
        "s1",
    )
