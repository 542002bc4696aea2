"""Envelope encryption, the data-key store and the per-subject mapper (shared.privacy)."""

from __future__ import annotations

import base64
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, StoredEvent, UUIDAsHex

from shared.errors import NotFoundError
from shared.privacy.declaration import EventPrivacy, Personal
from shared.privacy.envelope import MasterKey, MasterKeyError, ensure_key_file
from shared.privacy.keystore import SubjectKeyStore
from shared.privacy.mapper import ERASED_MARKER, PersonalDataError, PersonalDataMapper


class Person(Aggregate):
    @event("Registered")
    def __init__(self, person_id: str, name: str, channels: dict[str, str]) -> None:
        self.person_id = person_id
        self.name = name
        self.channels = channels


def _subject(aggregate_id: str, state: object) -> str:
    return f"person:{aggregate_id}"


DECLARATION = {
    Person.Registered: EventPrivacy(  # type: ignore[attr-defined]
        personal=(Personal("name", _subject), Personal("channels.*", _subject)),
        public=frozenset({"person_id"}),
    )
}


@dataclass
class Setup:
    keys: SubjectKeyStore
    mapper: PersonalDataMapper


def _setup(master: MasterKey | None = None) -> Setup:
    keys = SubjectKeyStore(master or MasterKey.generate())
    transcoder = JSONTranscoder()
    transcoder.register(UUIDAsHex())
    transcoder.register(DatetimeAsISO())
    return Setup(keys, PersonalDataMapper(transcoder, keys, DECLARATION))


def _registered() -> tuple[Person, object]:
    person = Person(person_id="p1", name="Karen Secret", channels={"email": "k@secret.dk"})
    return person, person.collect_events()[0]


def test_personal_values_are_sealed_and_read_back() -> None:
    s = _setup()
    _person, registered = _registered()
    stored = s.mapper.to_stored_event(registered)  # type: ignore[arg-type]
    assert b"Karen Secret" not in stored.state and b"k@secret.dk" not in stored.state
    assert b"p1" in stored.state and b'"email"' in stored.state  # ids and keys in clear
    back = s.mapper.to_domain_event(stored)
    assert back.name == "Karen Secret" and back.channels == {"email": "k@secret.dk"}
    assert vars(registered)["name"] == "Karen Secret"  # the live event is untouched


def test_a_sealed_value_moved_to_another_event_does_not_open() -> None:
    s = _setup()
    _, registered = _registered()
    stored = s.mapper.to_stored_event(registered)  # type: ignore[arg-type]
    moved = StoredEvent(stored.originator_id, 2, stored.topic, stored.state)
    with pytest.raises(PersonalDataError):
        s.mapper.to_domain_event(moved)


def test_an_erased_subject_reads_as_none_with_a_marker_and_is_never_written_again() -> None:
    s = _setup()
    person, registered = _registered()
    stored = s.mapper.to_stored_event(registered)  # type: ignore[arg-type]
    subject = f"person:{person.id}"
    erasure = s.keys.erase(subject, "dpo", "data_subject_request")
    back = s.mapper.to_domain_event(stored)
    assert back.name is None and back.channels == {"email": None}
    assert vars(back)[ERASED_MARKER] == {subject: erasure.erased_at}
    again = s.mapper.to_stored_event(registered)  # type: ignore[arg-type]
    assert b"Karen Secret" not in again.state and s.keys.key_for(subject, "", True) is None
    with pytest.raises(NotFoundError):
        s.keys.erase("person:nobody", "dpo", "data_subject_request")


def test_rotation_rewraps_the_data_keys_and_only_the_new_master_opens_them() -> None:
    old = MasterKey.generate()
    s = _setup(old)
    _, registered = _registered()
    stored = s.mapper.to_stored_event(registered)  # type: ignore[arg-type]
    new = MasterKey.generate()
    assert s.keys.rotate(new) == 1
    assert s.keys.rotate(new) == 0  # resumable: nothing left under the old key
    (row,) = s.keys.raw_rows()
    assert row["master_key_id"] == new.key_id
    assert new.unwrap(row["subject_id"], base64.b64decode(row["wrapped_key"]))
    with pytest.raises(MasterKeyError):
        old.unwrap(row["subject_id"], base64.b64decode(row["wrapped_key"]))
    assert s.mapper.to_domain_event(stored).name == "Karen Secret"


def test_the_dev_key_file_is_made_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "var" / "cases-master.key"
    first = ensure_key_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ensure_key_file(path).key_id == first.key_id
    (tmp_path / "bad.key").write_text("not a key")
    with pytest.raises(MasterKeyError):
        MasterKey.from_file(tmp_path / "bad.key")


def test_events_stored_in_clear_before_keys_existed_still_read() -> None:
    s = _setup()
    _, registered = _registered()
    plain = super(PersonalDataMapper, s.mapper).to_stored_event(registered)  # type: ignore[arg-type]
    assert b"Karen Secret" in plain.state
    back = s.mapper.to_domain_event(plain)
    assert back.name == "Karen Secret" and ERASED_MARKER not in vars(back)
    assert s.keys.raw_rows() == []  # reading made no key
