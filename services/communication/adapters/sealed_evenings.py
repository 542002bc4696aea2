"""The theme evenings' event store with each registrant's name and e-mail sealed.

A sign-up's ``name`` and ``email`` (in ``SignedUp``, and in each sign-up a
``CarriedOver`` event carries) are stored as ``registrant_keys.py`` seals them: under the
data key of ``registrant:<evening id>:<registration id>`` in ``pkraft_subject_keys``,
wrapped by the communication master key. A value sealed already (carried over from the
table r0002 sealed) is stored as it is. A destroyed key opens as None.
"""

from __future__ import annotations

import contextlib
import copy
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, StoredEvent, Transcoder
from eventsourcing.utils import get_topic

from services.communication.adapters.registrant_keys import (
    is_sealed,
    open_value,
    seal_value,
    subject_of,
)
from services.communication.application.evening_store import EveningStore
from services.communication.domain.theme_evening import ThemeEvening
from shared.errors import NotFoundError
from shared.privacy.keystore import SubjectKeyStore

FIELDS = ("name", "email")
SIGNED_UP = get_topic(ThemeEvening) + ".SignedUp"  # made by @event("SignedUp")
CARRIED_OVER = get_topic(ThemeEvening.CarriedOver)


class RegistrantSealer:
    """Seals and opens a sign-up's fields; destroys its key (``RegistrantErasure``)."""

    def __init__(self, keys: SubjectKeyStore) -> None:
        self.keys = keys

    def seal(self, evening_id: str, registration_id: str, field: str, value: Any) -> Any:
        if value is None or is_sealed(value):
            return value
        subject = subject_of(evening_id, registration_id)
        key = self.keys.key_for(subject, evening_id, create=True)
        return None if key is None else seal_value(key, evening_id, registration_id, field, value)

    def open(self, evening_id: str, registration_id: str, field: str, value: Any) -> Any:
        if not is_sealed(value):
            return value
        key = self.keys.key_for(subject_of(evening_id, registration_id), evening_id, create=False)
        return None if key is None else open_value(key, evening_id, registration_id, field, value)

    def destroy(self, evening_id: str, registration_id: str, reason: str) -> None:
        with contextlib.suppress(NotFoundError):  # never had a key: nothing to destroy
            self.keys.erase(subject_of(evening_id, registration_id), "communication", reason)

    def destroyed(self, evening_id: str) -> set[str]:
        return {subject.rsplit(":", 1)[1] for subject in self.keys.erasures(evening_id)}


class SealingMapper(Mapper[UUID]):
    """Seals the registrants' fields on the way into the store, opens them on the way out."""

    def __init__(self, transcoder: Transcoder, sealer: RegistrantSealer) -> None:
        super().__init__(transcoder=transcoder)
        self.sealer = sealer

    def _each(self, topic: str, state: dict[str, Any], how: str) -> None:
        change = self.sealer.seal if how == "seal" else self.sealer.open
        people = [state] if topic == SIGNED_UP else state.get("registrations", [])
        for person in people:
            for field in FIELDS:
                value = person.get(field)
                person[field] = change(state["evening_id"], person["registration_id"], field, value)

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        topic = get_topic(type(domain_event))
        if topic not in (SIGNED_UP, CARRIED_OVER):
            return super().to_stored_event(domain_event)
        state = copy.deepcopy(dict(vars(domain_event)))  # never change the live event
        self._each(topic, state, "seal")
        proxy = object.__new__(type(domain_event))
        object.__setattr__(proxy, "__dict__", state)
        return super().to_stored_event(proxy)

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        domain_event = super().to_domain_event(stored_event)
        if stored_event.topic in (SIGNED_UP, CARRIED_OVER):
            self._each(stored_event.topic, vars(domain_event), "open")
        return domain_event


class SealedEveningStore(EveningStore):
    """The service's evening store: registrants sealed under their sign-up's key."""

    name = EveningStore.name  # (the library names a subclass after itself otherwise)

    def __init__(self, env: dict[str, str], sealer: RegistrantSealer) -> None:
        self.sealer = sealer
        super().__init__(env)

    def construct_mapper(self) -> Mapper[UUID]:
        return SealingMapper(self.construct_transcoder(), self.sealer)
