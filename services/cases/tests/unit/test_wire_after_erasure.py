"""An erased relative's events map to the wire as they were published: the channel kinds
are codes and stay, though the addresses now read as None (the read side's verify compares
the published record with GET /audit/events; tests/scenarios/test_privacy_done.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any
from uuid import uuid4

from services.cases.adapters.wire import MAPPERS


def _common() -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "case_id": uuid4(),
        "case_version": 2,
        "tilbud_id": "t",
        "occurred_at": now,
        "actor": "a",
    }


def test_an_erased_relatives_channel_kinds_map_as_published() -> None:
    common = _common()
    added: dict[str, Any] = {
        "relative_id": "r1",
        "legal_role": "none",
        "preferred_channel": "email",
    }
    published = MAPPERS["RelativeAdded"](
        SimpleNamespace(**added, channels={"email": "k@example.dk", "phone": "+4512345678"}),
        common,
    )
    after = MAPPERS["RelativeAdded"](
        SimpleNamespace(**added, channels={"email": None, "phone": None}), common
    )
    assert after == published and published.channel_kinds == ["email", "phone"]  # type: ignore[attr-defined]

    changes = {"channels": {"email": None}, "name": None}
    updated = MAPPERS["RelativeUpdated"](SimpleNamespace(relative_id="r1", changes=changes), common)
    assert updated.channel_kinds == ["email"]  # type: ignore[attr-defined]
