"""Opening the cases service's key store: its master key, and the data keys table in its
own database."""

from __future__ import annotations

from services.cases.config import CasesSettings
from shared.eventstore import StoreUrl
from shared.privacy.keystore import SubjectKeyStore
from shared.privacy.master import master_key_env, service_master_key
from shared.sqldb import Database

MASTER_KEY_ENV = master_key_env("cases")


def open_key_store(settings: CasesSettings) -> SubjectKeyStore:
    """The data keys of the service's store, under its master key (created in dev mode;
    outside it a missing key file refuses the start)."""
    master = service_master_key(
        "cases",
        settings.master_key_file,
        settings.common.var_dir,
        dev_mode=settings.common.dev_mode,
    )
    return SubjectKeyStore(master, Database(StoreUrl.parse(settings.database_url), pool_size=2))
