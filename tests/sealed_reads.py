"""The relay's two reads of one store, for the services' sealed-read tests: every event
decoded in full, then read sealed with every subject-key lookup failing the test. The
sealed read's events are checked against the library's decode with the personal paths
marked sealed (``PersonalDataMapper.library_sealed_domain_event``): the same class, the
same fields in the same order, the same records byte for byte."""

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
    sealed = [translate(e) for e in events]
    mapper: Any = app.mapper
    library = [
        mapper.library_sealed_domain_event(n)
        for n in app.recorder.select_notifications(start=1, limit=10_000)
    ]
    assert [type(e) for e in events] == [type(e) for e in library]
    assert [[i for i in vars(e).items() if i[0] != "incarnation"] for e in events] == [
        list(vars(e).items()) for e in library
    ]
    assert [translate(e) for e in library] == sealed
    return decrypted, sealed, events
