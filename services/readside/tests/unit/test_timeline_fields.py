"""The case timeline shows only the fields a contract declares and does not mark personal:
a record of a withdrawn version 1 type (which carried a relative's name, relation and
channels) shows none of them."""

from __future__ import annotations

import json

from services.readside.adapters.queries import timeline_entry


def test_a_withdrawn_v1_record_shows_no_name_relation_or_channels() -> None:
    data = {
        "case_id": "c1",
        "case_version": 2,
        "tilbud_id": "lyngen",
        "occurred_at": "2031-01-01T09:00:00+00:00",
        "actor": "anna",
        "relative_id": "r1",
        "display_name": "Bodil Hemmelig",
        "relation": "datter-hemmelig",
        "legal_role": "none",
        "channels": {"email": "bodil.hemmelig@example.dk"},
        "preferred_channel": "email",
    }
    row = {
        "seq": 2,
        "service": "cases",
        "ce_type": "dk.aarhus.pkraft.cases.relative_added.v1",
        "type": "relative_added",
        "aggregate_version": 2,
        "occurred_at": data["occurred_at"],
        "actor": "anna",
        "data": json.dumps(data),
    }
    entry = timeline_entry(row)
    assert entry["data"] == {
        "case_version": 2,
        "relative_id": "r1",
        "legal_role": "none",
        "preferred_channel": "email",
    }
