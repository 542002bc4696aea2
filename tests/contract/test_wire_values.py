"""The events say what the docs say: value lists are enums the services keep to, and
every communication event carries ``ce_correlationid`` (issue 11)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from services.communication.adapters.outbox import OutboxEntry, to_record
from shared.contracts import communication as wire

EVENTS = Path(__file__).resolve().parents[2] / "docs" / "events"
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def _queued(**overrides: str) -> wire.MessageQueued:
    fields = {
        "occurred_at": NOW,
        "actor": "system",
        "message_id": "m1",
        "kind": "welcome",
        "case_id": None,
        "tilbud_id": "t1",
        "recipient_type": "registrant",
        "recipient_id": "r1",
        "channel": "none",
        "rule": "r",
        "trigger_id": "x",
        **overrides,
    }
    return wire.MessageQueued(**fields)  # type: ignore[arg-type]


def test_the_published_schemas_list_the_values_sent() -> None:
    schema = json.loads((EVENTS / "communication" / "message_queued.v1.json").read_text())
    props = schema["properties"]
    assert "registrant" in props["recipient_type"]["enum"]
    assert props["channel"]["enum"] == ["email", "webhook", "pending", "none"]
    assert "welcome" in props["kind"]["enum"]
    assert "tilbud:<tilbud id>" in props["recipient_id"]["description"]
    relative = json.loads((EVENTS / "cases" / "relative_added.v2.json").read_text())
    assert relative["properties"]["channel_kinds"]["items"]["enum"] == [
        "email",
        "phone",
        "digital_post",
        "letter",
    ]


@pytest.mark.parametrize("field", ["recipient_type", "channel", "kind"])
def test_an_unlisted_value_is_never_built(field: str) -> None:
    assert _queued().recipient_type == "registrant"
    with pytest.raises(ValidationError, match="is not one of"):
        _queued(**{field: "carrier_pigeon"})


@pytest.mark.parametrize(
    ("ce_id", "subject", "event"),
    [
        ("m1:queued", "m1", _queued()),
        (
            "newsletter:n1",
            "n1",
            wire.NewsletterQueued(
                occurred_at=NOW, actor="u", newsletter_id="n1", tilbud_ids=["t1"], recipients=2
            ),
        ),
    ],
)
def test_every_communication_event_carries_a_correlation_id(
    ce_id: str, subject: str, event: wire.CommunicationEvent
) -> None:
    entry = OutboxEntry(
        ce_id, event.ce_type(), subject, NOW.isoformat(), event.model_dump(mode="json")
    )
    record = to_record(entry, wire.TOPIC)
    assert record is not None
    headers = dict(record.headers)
    assert headers["ce_correlationid"] == subject.encode()
    assert headers["ce_partitionkey"] == subject.encode()


def _codes(model: type[Any], field: str) -> list[str]:
    extra = model.model_fields[field].json_schema_extra
    assert isinstance(extra, dict)
    return list(extra["x-codes"])  # type: ignore[arg-type]


def test_the_contracts_value_lists_are_the_services_own() -> None:
    from services.cases.domain import enums as ce
    from services.cases.domain.case_privacy import ErasureReason
    from services.communication.domain import theme_evening
    from services.councils.domain import enums as co
    from services.councils.domain.conduct import AcknowledgerKind
    from shared.contracts import cases, councils

    pairs: list[tuple[type[Any], str, Any]] = [
        (cases.CaseOpened, "setting", ce.Setting),
        (cases.CaseClosed, "reason", ce.CloseReason),
        (cases.RelativeAdded, "legal_role", ce.LegalRole),
        (cases.RelativeAdded, "channel_kinds", ce.Channel),
        (cases.ConsentGranted, "scope", ce.ConsentScope),
        (cases.ConsentGranted, "form", ce.ConsentForm),
        (cases.IncidentReported, "kind", ce.IncidentKind),
        (cases.IncidentReported, "against", ce.IncidentAgainst),
        (cases.ComplaintResolved, "outcome", ce.ComplaintOutcome),
        (cases.DialogueNoted, "kind", ce.DialogueKind),
        (cases.NetworkRelationRecorded, "kind", ce.NetworkKind),
        (cases.NetworkRelationRecorded, "category", ce.NetworkCategory),
        (cases.SubjectErased, "reason", ErasureReason),
        (councils.CouncilFormed, "kind", co.CouncilKind),
        (councils.MemberJoined, "kind", co.MemberKind),
        (councils.MeetingScheduled, "kind", co.MeetingKind),
        (councils.FollowGroupMemberAdded, "role", co.FollowGroupRole),
        (councils.BudgetGranted, "decided_as", co.DecidedAs),
        (councils.CodeOfConductAdopted, "decided_as", co.DecidedAs),
        (councils.CodeOfConductAcknowledged, "person_kind", AcknowledgerKind),
        (wire.ThemeEveningCreated, "organiser", theme_evening.ORGANISERS),
        (wire.ThemeEveningCreated, "topic", theme_evening.TOPICS),
    ]
    for model, field, values in pairs:
        assert sorted(_codes(model, field)) == sorted(str(v) for v in values), (model, field)
    templates = Path(__file__).resolve().parents[2] / "services/communication/templates"
    assert sorted(wire.KINDS_V2) == sorted(p.stem for p in templates.glob("*.j2"))
