"""The relay's two reads of one store, for the services' sealed-read tests: every event
decoded in full, then read sealed with every subject-key lookup failing the test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from eventsourcing.application import Application

from shared.relay.relay import event_translator
from shared.relay.source import ApplicationLog


def sealed_and_decrypted(
    app: Application[Any],
    to_wire: Callable[[Any], Any],
    topic: str,
    source: str,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[list[Any], list[Any], list[Any]]:
    """(records of a full decode, records of a sealed read, the sealed read's events)."""
    translate = event_translator(to_wire, topic, source)
    decrypted = [translate(e) for _, e in ApplicationLog(app).read(0, 10_000)]

    def no_key(*args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("a sealed read looked up a subject key")

    monkeypatch.setattr(app.mapper.keys, "key_for", no_key)  # type: ignore[attr-defined]
    events = [e for _, e in ApplicationLog(app, sealed=True).read(0, 10_000)]
    return decrypted, [translate(e) for e in events], events
