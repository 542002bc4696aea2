"""The councils event store with personal data encrypted per subject (``personal.py``),
snapshots sealed, and erasures marked on every aggregate read (``shared.privacy.store``,
the mechanism the cases service uses too)."""

from __future__ import annotations

from services.councils.adapters.personal import declaration
from services.councils.application import CouncilsApplication
from services.councils.config import CouncilsSettings
from shared.eventstore import StoreUrl
from shared.privacy.keystore import SubjectKeyStore
from shared.privacy.master import master_key_env, service_master_key
from shared.privacy.store import PrivateStore
from shared.sqldb import Database

MASTER_KEY_ENV = master_key_env("councils")


class PrivateCouncilsApplication(PrivateStore, CouncilsApplication):
    """The councils application with per-subject encryption (``__init__``: ``env``,
    ``snapshot_interval``, ``keys``; see ``shared.privacy.store.PrivateStore``)."""

    declaration = staticmethod(declaration)


def open_key_store(settings: CouncilsSettings) -> SubjectKeyStore:
    """The data keys in the service's own database, under its master key (created in
    dev mode; outside it a missing key file refuses the start)."""
    master = service_master_key(
        "councils",
        settings.master_key_file,
        settings.common.var_dir,
        dev_mode=settings.common.dev_mode,
    )
    return SubjectKeyStore(master, Database(StoreUrl.parse(settings.database_url), pool_size=2))
