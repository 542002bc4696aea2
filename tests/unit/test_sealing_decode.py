"""The relay's sealed decode (shared.privacy.sealing_decode) gives the library's events
with every personal path marked sealed; the paths split once mark what ``transform``
marks."""

from __future__ import annotations

import copy
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    MapperDeserialisationError,
    StoredEvent,
    UUIDAsHex,
)

from shared.privacy.declaration import EventPrivacy, Personal, replacer, transform
from shared.privacy.envelope import MasterKey
from shared.privacy.keystore import SubjectKeyStore
from shared.privacy.mapper import SEALED, PersonalDataMapper

PATHS = ["name", "participants[]", "channels.*", "changes.name", "agreements[].topic", "a.*.b"]
STATES: list[dict[str, Any]] = [
    {},
    {"name": None, "participants": None, "channels": None},
    {"name": "x", "participants": ["a", None, "b"], "channels": {"email": "e", "sms": None}},
    {"participants": "not a list", "channels": ["not a dict"], "changes": {"name": "n"}},
    {"agreements": [{"topic": "t"}, {"topic": None}, None, "x"], "a": {"k": {"b": 1}}},
]


@pytest.mark.parametrize("path", PATHS)
def test_a_path_split_once_marks_what_transform_marks(path: str) -> None:
    for state in STATES:
        expected, got = copy.deepcopy(state), copy.deepcopy(state)
        transform(expected, path, lambda v, where: SEALED)
        replacer(path, SEALED)(got)
        assert got == expected


class Thing(Aggregate):
    class Noted(Aggregate.Event):
        note: str
        tags: list[str]
        ref: Any = None


def _mapper() -> PersonalDataMapper:
    transcoder = JSONTranscoder()
    for t in (UUIDAsHex(), DatetimeAsISO(), DecimalAsStr()):
        transcoder.register(t)
    spec = EventPrivacy(
        personal=(Personal("note", lambda a, s: "x"), Personal("tags[]", lambda a, s: "x"))
    )
    return PersonalDataMapper(
        transcoder, SubjectKeyStore(MasterKey.generate()), {Thing.Noted: spec}
    )


def _stored(mapper: PersonalDataMapper, **fields: Any) -> StoredEvent:
    thing = Thing()
    thing.trigger_event(Thing.Noted, **fields)
    return mapper.to_stored_event(thing.collect_events()[1])


@pytest.mark.parametrize(
    "fields",
    [
        {"note": "n", "tags": ["a", "b"]},
        {"note": "n", "tags": [], "ref": None},
        {"note": "n", "tags": ["a"], "ref": uuid4()},  # a second transcoded value
        {"note": "_type_", "tags": ["_type_"], "ref": {"_type_": "x"}},
    ],
)
def test_the_sealed_decode_gives_the_library_events(fields: dict[str, Any]) -> None:
    mapper = _mapper()
    stored = _stored(mapper, **fields)
    fast = mapper.to_sealed_domain_event(stored)
    library = mapper.library_sealed_domain_event(stored)
    assert type(fast) is type(library)
    assert list(vars(fast).items()) == list(vars(library).items())
    assert fast.note is SEALED


def test_a_state_that_does_not_decode_fails_the_library_way() -> None:
    mapper = _mapper()
    stored = _stored(mapper, note="n", tags=[])
    broken = StoredEvent(stored.originator_id, 2, stored.topic, stored.state[:-3])
    with pytest.raises(MapperDeserialisationError):
        mapper.to_sealed_domain_event(broken)
