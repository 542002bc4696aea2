"""What a service tells the shared privacy pieces about its data subjects.

The mechanism (erasure, the privacy routes, the access-log dependencies, the insight
export) is the same in every service that keeps personal data; how a subject id is
written, which aggregate it belongs to, and how its erasure is recorded on that
aggregate are the service's own, and are given here once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from shared.errors import NotFoundError
from shared.privacy.keystore import SubjectKeyStore

RecordErasure = Callable[[UUID, str, str, str], Awaitable[int | None]]
"""(aggregate id, subject id, reason, actor) -> the aggregate's new version; records
``SubjectErased`` on the aggregate (``subject_already_erased`` the second time)."""


@dataclass(frozen=True)
class SubjectNaming:
    """A service's data subjects: how their ids read and which aggregate holds them."""

    forms: str
    """The forms of a subject id, for help texts (``citizen:<case id> or ...``)."""
    aggregate_of: Callable[[str], str]
    """Subject id -> the id of the aggregate that holds their data, as text; raises the
    service's 422 (a ``DomainError``) for a malformed id."""
    reasons: type[StrEnum]
    """The erasure reason codes."""
    aggregate_field: str = "aggregate_id"
    """The name of the aggregate's id in the answers (``case_id`` in the cases service)."""
    version_field: str = "version"
    """The name of the aggregate's new version in an erasure's answer."""


def require_known_now(keys: SubjectKeyStore, subject_id: str) -> None:
    """404 ``subject_not_found`` unless the subject ever had data stored (a key row)."""
    if not keys.exists(subject_id):
        raise NotFoundError("subject_not_found", "no data subject with that id")


async def require_known(keys: SubjectKeyStore, subject_id: str) -> None:
    """``require_known_now`` in a worker thread (it asks the database)."""
    await asyncio.to_thread(require_known_now, keys, subject_id)
