"""Decoding stored events with their personal values left sealed, fast: the relay's read.

The library's ``Mapper.to_domain_event`` per event: resolve the topic, JSON-decode the
state with a Python hook called on every object in it (its transcodings), find the id
converter, check the class version, build the event; then each personal path is walked
to mark the value :data:`~shared.privacy.mapper.SEALED`. Here, per topic once: the class,
its id converter and class version, and the personal paths split (``replacer``); per
event: the state decoded by pydantic-core's JSON parser (Rust) without the hook when the
only transcoded value in it is the event's ``timestamp`` (every case and council event),
that one value decoded by the transcoding the hook would call, the rest as the library
does; anything the parser refuses goes the library's way (its error). The events are
those of the library's way (tests/unit/test_sealing_decode.py, and the services'
sealed-read tests compare whole driven cases on both stores).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any, cast

from eventsourcing.persistence import JSONTranscoder, Mapper, StoredEvent, find_id_convertor
from eventsourcing.utils import resolve_topic
from pydantic_core import from_json

from shared.privacy.declaration import Replace

_TYPED = b'"_type_"'  # the transcoder's key of a transcoded value (its encoder writes it so)


class _Topic:
    __slots__ = ("cls", "convert", "id_type", "seal", "upcast")

    def __init__(self, topic: str, seal: tuple[Replace, ...]) -> None:
        self.cls: Any = resolve_topic(topic)
        self.upcast = getattr(self.cls, "class_version", 1) > 1
        self.id_type: type | None = None
        self.convert: Callable[[Any], Any] = lambda i: i
        self.seal = seal


class SealedDecoder:
    """``decoder(topic, originator_id, version, state)``: the stored event's domain event,
    its personal values replaced by ``seal`` (per topic, the declaration's paths)."""

    def __init__(self, mapper: Mapper[Any], seal: Mapping[str, tuple[Replace, ...]]) -> None:
        self._mapper = mapper
        self._seal = dict(seal)
        self._topics: dict[str, _Topic] = {}
        transcoder = mapper.transcoder
        # Without a cipher or compressor, and with the library's JSON transcoder: the
        # shortcut below; otherwise the library's decode, then the paths sealed.
        self._names: dict[str, Any] | None = (
            transcoder.names
            if isinstance(transcoder, JSONTranscoder)
            and mapper.cipher is None
            and mapper.compressor is None
            else None
        )

    def _state(self, data: bytes) -> dict[str, Any] | None:
        """The decoded state when the shortcut applies and decodes it, else None."""
        names = self._names
        if names is None or data.count(_TYPED) != 1:
            return None
        try:
            state = from_json(data)
            if type(state) is not dict:
                return None
            stamp = state.get("timestamp")
            if type(stamp) is dict and len(stamp) == 2 and "_data_" in stamp:
                transcoding = names.get(stamp.get("_type_"))  # type: ignore[arg-type]
                if transcoding is not None:
                    state["timestamp"] = transcoding.decode(stamp["_data_"])
                    return state
        except Exception:  # the library's way says what is wrong
            return None
        return None

    def __call__(self, topic: str, originator_id: Any, version: int, data: bytes) -> Any:
        known = self._topics.get(topic)
        if known is None:
            known = self._topics[topic] = _Topic(topic, self._seal.get(topic, ()))
        state = self._state(data)
        if state is None:  # the library's decode (its errors), then the paths sealed
            stored = StoredEvent(originator_id, version, topic, data)
            event = Mapper.to_domain_event(self._mapper, stored)
            for seal in known.seal:
                seal(vars(event))
            return event
        if type(originator_id) is not known.id_type:
            known.id_type = type(originator_id)
            known.convert = find_id_convertor(known.cls, cast(Hashable, known.id_type))
        state["originator_id"] = known.convert(originator_id)
        state["originator_version"] = version
        cls = known.cls
        if known.upcast or "class_version" in state:
            class_version = getattr(cls, "class_version", 1)
            from_version = state.pop("class_version", 1)
            while from_version < class_version:
                getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
                from_version += 1
        for seal in known.seal:
            seal(state)
        event = object.__new__(cls)
        object.__setattr__(event, "__dict__", state)
        return event
