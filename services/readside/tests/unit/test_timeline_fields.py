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


def test_every_type_shows_its_declared_fields_not_personal_in_their_order() -> None:
    """Every contract the read side knows: the entry's data is the record's data cut to
    the declared fields, less those marked personal and those shown beside the data,
    in the record's order; an undeclared field is not shown."""
    from services.readside.adapters.projector import registries

    types = {
        ce_type: model
        for registry in registries()
        for ce_type, model in [
            *((m.ce_type(), m) for m in registry.models()),
            *registry.legacy_types().items(),
        ]
    }
    assert len(types) > 20
    for ce_type, model in types.items():
        fields = list(model.model_fields)
        data = {"zz_undeclared": 1, **{name: f"v-{name}" for name in reversed(fields)}}
        row = {
            "seq": 1,
            "service": "s",
            "ce_type": ce_type,
            "aggregate_version": 1,
            "occurred_at": "t",
            "actor": "a",
            "data": json.dumps(data),
        }
        personal = {
            name
            for name, info in model.model_fields.items()
            if isinstance(info.json_schema_extra, dict)
            and info.json_schema_extra.get("x-personal-data")
        }
        beside = {"case_id", "tilbud_id", "occurred_at", "actor"}
        expected = {k: v for k, v in data.items() if k in fields and k not in personal | beside}
        entry = timeline_entry(row)
        assert list(entry["data"].items()) == list(expected.items()), ce_type
        assert entry["type"] == ce_type.split(".")[-2]
