"""The cases event store with personal data encrypted per subject (see ``personal.py``).

``PrivateCasesApplication`` is the service's application: stored events go through the
per-subject mapper, snapshots (a cache of a case's whole state) are sealed under a key
of their own, and every case read from the repository carries the erasures of its
subjects, whatever the version asked for, so a view of a past version marks them too.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import Repository
from eventsourcing.persistence import EventStore, Mapper
from eventsourcing.utils import strtobool

from services.cases.adapters.personal import declaration
from services.cases.application import CasesApplication
from shared.privacy.envelope import MasterKey
from shared.privacy.keystore import SubjectKeyStore
from shared.privacy.mapper import KeyCipher, PersonalDataMapper

SNAPSHOT_SUBJECT = "system:snapshots"
"""The key row of the snapshot key (not a data subject; rotated with the others)."""


class ErasureAwareRepository(Repository[UUID]):
    """Marks each case it returns with the erasures recorded in the key store."""

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


class PrivateCasesApplication(CasesApplication):
    """The cases application with per-subject encryption; ``keys`` defaults to an
    in-memory store under a throwaway master key (tests on the in-memory event store)."""

    def __init__(
        self,
        env: dict[str, str],
        snapshot_interval: int = 50,
        keys: SubjectKeyStore | None = None,
    ) -> None:
        self.keys = keys or SubjectKeyStore(MasterKey.generate())
        super().__init__(env, snapshot_interval=snapshot_interval)

    def close(self) -> None:
        super().close()
        self.keys.close()

    def forget_snapshots(self, case_id: UUID) -> None:
        """Delete a case's snapshots (a cache: the events rebuild them, erased fields null)."""
        store = self.snapshots
        if store is None:
            return
        recorder = store.recorder
        table = getattr(recorder, "events_table_name", None)
        db = self.keys.db
        if table is not None and db is not None:  # (the in-memory store keeps them)
            key: UUID | str = case_id if db.postgres else case_id.hex  # as the library stores it
            with db.write() as tx:
                tx.run(f"DELETE FROM {table} WHERE originator_id = ?", (key,))

    def construct_mapper(self) -> Mapper[UUID]:
        return PersonalDataMapper(
            transcoder=self.construct_transcoder(),
            keys=self.keys,
            declaration=declaration(),
        )

    def construct_snapshot_store(self) -> EventStore[UUID]:
        key = self.keys.key_for(SNAPSHOT_SUBJECT, "system", create=True)
        assert key is not None, "the snapshot key is never erased"
        mapper: Mapper[UUID] = Mapper(
            transcoder=self.construct_transcoder(),
            cipher=KeyCipher(key),
        )
        factory = self.factory
        return EventStore(mapper=mapper, recorder=factory.aggregate_recorder(purpose="snapshots"))

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
