"""An event-sourced application whose stored events and snapshots are private.

``PrivateStore`` is mixed into a service's ``Application``: stored events go through the
per-subject mapper (``mapper.py``) with the service's declaration, snapshots are sealed
under a key of their own (``system:snapshots`` in the key store), and every aggregate read
from the repository carries the erasures of its subjects (``erased_subjects``), whatever
the version asked for. The cases service built it; the councils service uses it too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.application import Application, Repository
from eventsourcing.persistence import EventStore, Mapper
from eventsourcing.utils import strtobool

from shared.privacy.declaration import EventPrivacy
from shared.privacy.envelope import MasterKey
from shared.privacy.keystore import TABLE, SubjectKeyStore
from shared.privacy.mapper import KeyCipher, PersonalDataMapper

SNAPSHOT_SUBJECT = "system:snapshots"
"""The key row of the snapshot key (not a data subject; rotated with the others)."""


class ErasureAwareRepository(Repository[UUID]):
    """Marks each aggregate it returns with the erasures recorded in the key store."""

    keys: SubjectKeyStore

    def get(self, aggregate_id: UUID, *args: Any, **kwargs: Any) -> Any:
        aggregate = super().get(aggregate_id, *args, **kwargs)
        found = self.keys.erasures(str(aggregate_id))
        if found:
            marks = vars(aggregate).setdefault("erased_subjects", {})
            for subject_id, erasure in found.items():
                marks.setdefault(
                    subject_id,
                    {
                        "erased_at": erasure.erased_at,
                        "erased_by": erasure.erased_by,
                        "reason": erasure.reason,
                    },
                )
        return aggregate


class PrivateStore(Application[UUID]):
    """Mix in before the service's Application (whose ``__init__`` takes ``env`` and
    ``snapshot_interval``) and name the declaration by event class in ``declaration``.
    ``keys`` defaults to an in-memory store under a throwaway master key (tests on the
    in-memory event store)."""

    keys: SubjectKeyStore
    declaration: ClassVar[Callable[[], Mapping[type, EventPrivacy]]]

    def __init__(
        self,
        env: dict[str, str],
        snapshot_interval: int = 50,
        keys: SubjectKeyStore | None = None,
    ) -> None:
        self.open_keys(keys)
        # The service's Application is next in line; it takes the snapshot interval.
        super().__init__(env, snapshot_interval=snapshot_interval)  # type: ignore[call-arg]

    def privacy_declaration(self) -> Mapping[type, EventPrivacy]:
        return type(self).declaration()

    def open_keys(self, keys: SubjectKeyStore | None) -> None:
        """``keys``, or an in-memory store under a throwaway master key (unit tests)."""
        self.keys = keys or SubjectKeyStore(MasterKey.generate())

    def close(self) -> None:
        super().close()
        self.keys.close()

    def subjects_of(self, aggregate_id: UUID) -> list[str]:
        """Every subject who ever had personal data stored in the aggregate."""
        db = self.keys.db
        if db is None:
            return sorted(
                r["subject_id"]
                for r in self.keys.raw_rows()
                if r["aggregate_id"] == str(aggregate_id)
            )
        with db.read() as tx:
            rows = tx.all(
                f"SELECT subject_id FROM {TABLE} WHERE aggregate_id = ? ORDER BY subject_id",
                (str(aggregate_id),),
            )
        return [str(r[0]) for r in rows]

    def forget_snapshots(self, aggregate_id: UUID) -> None:
        """Delete an aggregate's snapshots (a cache: the events rebuild them)."""
        store = self.snapshots
        if store is None:
            return
        table = getattr(store.recorder, "events_table_name", None)
        db = self.keys.db
        if table is not None and db is not None:  # (the in-memory store keeps them)
            key: UUID | str = aggregate_id if db.postgres else aggregate_id.hex
            with db.write() as tx:
                tx.run(f"DELETE FROM {table} WHERE originator_id = ?", (key,))

    def construct_mapper(self) -> Mapper[UUID]:
        return PersonalDataMapper(
            transcoder=self.construct_transcoder(),
            keys=self.keys,
            declaration=self.privacy_declaration(),
        )

    def construct_snapshot_store(self) -> EventStore[UUID]:
        key = self.keys.key_for(SNAPSHOT_SUBJECT, "system", create=True)
        assert key is not None, "the snapshot key is never erased"
        mapper: Mapper[UUID] = Mapper(transcoder=self.construct_transcoder(), cipher=KeyCipher(key))
        recorder = self.factory.aggregate_recorder(purpose="snapshots")
        return EventStore(mapper=mapper, recorder=recorder)

    def construct_repository(self) -> Repository[UUID]:
        # As the library's, with a repository that marks erasures.
        env = self.env
        maxsize = env.get("AGGREGATE_CACHE_MAXSIZE")
        repository = ErasureAwareRepository(
            event_store=self.events,
            snapshot_store=self.snapshots,
            cache_maxsize=int(maxsize) if maxsize else None,
            fastforward=strtobool(env.get("AGGREGATE_CACHE_FASTFORWARD", "y")),
            fastforward_skipping=strtobool(env.get("AGGREGATE_CACHE_FASTFORWARD_SKIPPING", "n")),
            deepcopy_from_cache=strtobool(env.get("DEEPCOPY_FROM_AGGREGATE_CACHE", "y")),
        )
        repository.keys = self.keys
        return repository
