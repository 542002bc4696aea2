"""The councils event store with personal data encrypted per subject (``personal.py``),
snapshots sealed, and erasures marked on every aggregate read (``shared.privacy.store``,
the mechanism the cases service uses too)."""

from __future__ import annotations

from pathlib import Path

from services.councils.adapters.personal import declaration
from services.councils.application import CouncilsApplication
from services.councils.config import CouncilsSettings
from shared.eventstore import StoreUrl
from shared.privacy.keystore import SubjectKeyStore
from shared.privacy.master import load_master_key
from shared.privacy.store import PrivateStore
from shared.sqldb import Database

MASTER_KEY_ENV = "PKRAFT_COUNCILS_MASTER_KEY_FILE"


class PrivateCouncilsApplication(PrivateStore, CouncilsApplication):
    """The councils application with per-subject encryption (``__init__``: ``env``,
    ``snapshot_interval``, ``keys``; see ``shared.privacy.store.PrivateStore``)."""

    declaration = staticmethod(declaration)


def master_key_path(settings: CouncilsSettings) -> Path:
    """The configured master key file (default: councils-master.key in the var directory)."""
    if settings.master_key_file:
        return Path(settings.master_key_file)
    return settings.common.var_dir / "councils-master.key"


def open_key_store(settings: CouncilsSettings) -> SubjectKeyStore:
    """The data keys in the service's own database, under its master key (created in
    dev mode; outside it a missing key file refuses the start)."""
    master = load_master_key(
        master_key_path(settings),
        dev_mode=settings.common.dev_mode,
        service="councils",
        env_name=MASTER_KEY_ENV,
    )
    store = StoreUrl.parse(settings.database_url)
    return SubjectKeyStore(master, Database(store, pool_size=2))
