"""An eventsourcing Mapper that encrypts each declared personal field under its subject's key.

Ids, codes and dates stay in clear (the relay, the audit chain and queries need them);
every personal value becomes ``pkenc1:<base64 nonce+ciphertext>``, AES-256-GCM under the
data subject's own key with the event's aggregate id, version, field path and subject as
associated data. A value whose subject was erased reads as None, and the event carries
``erased_subjects`` (subject id -> erasure time) saying so; one written for an already
erased subject is stored as None.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from cryptography.exceptions import InvalidTag
from eventsourcing.persistence import Cipher, Mapper, StoredEvent, Transcoder
from eventsourcing.utils import get_topic

from shared.privacy.declaration import EventPrivacy, replacer, transform
from shared.privacy.envelope import open_sealed, seal
from shared.privacy.keystore import SubjectKeyStore
from shared.privacy.sealing_decode import SealedDecoder

PREFIX = "pkenc1:"
ERASED_MARKER = "erased_subjects"


class Sealed:
    """A personal value left encrypted (:meth:`PersonalDataMapper.to_sealed_domain_event`).
    Not a string, number or container: a wire contract that tried to carry it would fail
    validation instead of publishing it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<sealed personal value>"


SEALED = Sealed()


def _sealed(value: Any, where: str) -> Sealed:
    return SEALED


class PersonalDataError(Exception):
    """A personal value did not decrypt: wrong key, or moved or altered ciphertext."""


class PersonalDataMapper(Mapper[UUID]):
    """Field-level, per-subject encryption of stored events."""

    def __init__(
        self,
        transcoder: Transcoder,
        keys: SubjectKeyStore,
        declaration: Mapping[type, EventPrivacy],
        cipher: Cipher | None = None,
    ) -> None:
        super().__init__(transcoder=transcoder, cipher=cipher)
        self.keys = keys
        self._by_topic = {get_topic(cls): spec for cls, spec in declaration.items()}
        self._sealed = SealedDecoder(
            self,
            {
                topic: tuple(replacer(p.path, SEALED) for p in spec.personal)
                for topic, spec in self._by_topic.items()
            },
        )

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        spec = self._by_topic.get(get_topic(type(domain_event)))
        if spec is None or not spec.personal:
            return super().to_stored_event(domain_event)
        state = dict(vars(domain_event))
        aggregate_id = str(state["originator_id"])
        version = state["originator_version"]
        for personal in spec.personal:
            top = personal.path.split(".")[0].removesuffix("[]")
            if state.get(top) is None:
                continue
            state[top] = copy.deepcopy(state[top])  # never change the live event
            subject = personal.subject(aggregate_id, state)
            key = self.keys.key_for(subject, aggregate_id, create=True)

            def encrypt(value: Any, where: str, key: bytes | None = key, s: str = subject) -> Any:
                if key is None:
                    return None  # the subject is erased: nothing of theirs is stored
                aad = _aad(aggregate_id, version, where, s)
                sealed = seal(key, json.dumps(value).encode(), aad)
                return PREFIX + base64.b64encode(sealed).decode()

            transform(state, personal.path, encrypt)
        proxy = object.__new__(type(domain_event))
        object.__setattr__(proxy, "__dict__", state)
        return super().to_stored_event(proxy)

    def to_sealed_domain_event(self, stored_event: StoredEvent) -> Any:
        """The event without decrypting it: every personal value (present, not None)
        reads as :data:`SEALED`, and no key is looked up. For readers that publish ids
        and codes only (the relay's wire contracts): about a fifth of a full decode."""
        return self._sealed(
            stored_event.topic,
            stored_event.originator_id,
            stored_event.originator_version,
            stored_event.state,
        )

    def decode_sealed(self, topic: str, originator_id: Any, version: int, state: bytes) -> Any:
        """:meth:`to_sealed_domain_event` of a stored event given by its columns."""
        return self._sealed(topic, originator_id, version, state)

    def library_sealed_domain_event(self, stored_event: StoredEvent) -> Any:
        """:meth:`to_sealed_domain_event` the library's way (what the tests compare)."""
        event = super().to_domain_event(stored_event)
        spec = self._by_topic.get(stored_event.topic)
        if spec is not None:
            state = vars(event)
            for personal in spec.personal:
                transform(state, personal.path, _sealed)
        return event

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        event = super().to_domain_event(stored_event)
        spec = self._by_topic.get(stored_event.topic)
        if spec is None or not spec.personal:
            return event
        state = vars(event)
        aggregate_id = str(stored_event.originator_id)
        version = stored_event.originator_version
        erased: dict[str, str] = {}
        for personal in spec.personal:
            subject = personal.subject(aggregate_id, state)

            def decrypt(value: Any, where: str, s: str = subject) -> Any:
                if not (isinstance(value, str) and value.startswith(PREFIX)):
                    return value  # stored before encryption was on: no key needed
                key = self.keys.key_for(s, aggregate_id, create=False)
                if key is None:
                    erasure = self.keys.erasure(s)
                    erased[s] = erasure.erased_at if erasure is not None else ""
                    return None
                try:
                    plain = open_sealed(
                        key,
                        base64.b64decode(value[len(PREFIX) :]),
                        _aad(aggregate_id, version, where, s),
                    )
                except InvalidTag as exc:
                    raise PersonalDataError(
                        f"personal field {where} of {aggregate_id} v{version} does not decrypt"
                    ) from exc
                return json.loads(plain)

            transform(state, personal.path, decrypt)
        if erased:
            state[ERASED_MARKER] = erased
        return event


def _aad(aggregate_id: str, version: int, where: str, subject: str) -> bytes:
    return f"{aggregate_id}|{version}|{where}|{subject}".encode()


class KeyCipher(Cipher):
    """AES-256-GCM over a whole stored state with a given key (snapshots)."""

    def __init__(self, key: bytes) -> None:  # the library's ciphers read an env instead
        self._key = key

    def encrypt(self, plaintext: bytes) -> bytes:
        return seal(self._key, plaintext, b"pkraft-snapshot")

    def decrypt(self, ciphertext: bytes) -> bytes:
        return open_sealed(self._key, ciphertext, b"pkraft-snapshot")
