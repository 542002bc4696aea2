"""Version 1 of case_opened, relative_added and relative_updated carried personal data and
is no longer published; records retained from before still parse, into version 2, which
drops the personal fields (so a consumer replaying an old topic keeps no name)."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from shared.contracts import cases as wire

COMMON = {
    "case_id": str(uuid4()),
    "case_version": 2,
    "tilbud_id": "lyngen",
    "occurred_at": datetime(2031, 1, 1, tzinfo=UTC).isoformat(),
    "actor": "anna",
}


def test_a_retained_v1_relative_added_parses_without_its_personal_fields() -> None:
    model = wire.registry.model_for("dk.aarhus.pkraft.cases.relative_added.v1")
    assert model is wire.RelativeAdded and model.schema_version == 2
    event = model.model_validate(
        {
            **COMMON,
            "relative_id": "r1",
            "display_name": "Bodil Hemmelig",
            "relation": "datter",
            "legal_role": "none",
            "channels": {"email": "bodil@example.dk"},
            "preferred_channel": "email",
        }
    )
    assert "Bodil" not in event.model_dump_json() and "bodil@" not in event.model_dump_json()
    assert wire.registry.model_for("dk.aarhus.pkraft.cases.case_opened.v1") is wire.CaseOpened
    opened = wire.CaseOpened.model_validate(
        {**COMMON, "citizen_ref": "abc", "setting": "nursing_home"}
    )
    assert "citizen_ref" not in opened.model_dump()


def test_v1_is_not_what_is_published() -> None:
    published = {m.ce_type() for m in wire.registry.models()}
    assert "dk.aarhus.pkraft.cases.relative_added.v2" in published
    for name in ("case_opened", "relative_added", "relative_updated"):
        assert f"dk.aarhus.pkraft.cases.{name}.v1" not in published
