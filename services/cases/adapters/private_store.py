"""The cases event store with personal data encrypted per subject (see ``personal.py``).

``PrivateCasesApplication`` is the service's application: stored events go through the
per-subject mapper, snapshots (a cache of a case's whole state) are sealed under a key
of their own, and every case read from the repository carries the erasures of its
subjects, whatever the version asked for, so a view of a past version marks them too.
The mechanism is ``shared.privacy.store`` (the councils service uses it too).
"""

from __future__ import annotations

from services.cases.adapters.personal import declaration
from services.cases.application import CasesApplication
from shared.privacy.store import SNAPSHOT_SUBJECT, ErasureAwareRepository, PrivateStore

__all__ = ["SNAPSHOT_SUBJECT", "ErasureAwareRepository", "PrivateCasesApplication"]


class PrivateCasesApplication(PrivateStore, CasesApplication):
    """The cases application with per-subject encryption (``__init__``: ``env``,
    ``snapshot_interval``, ``keys``; see ``shared.privacy.store.PrivateStore``)."""

    declaration = staticmethod(declaration)
