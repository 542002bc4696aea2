"""Opening the cases service's key store: its master key, and the data keys table in its
own database."""

from __future__ import annotations

from pathlib import Path

from services.cases.config import CasesSettings
from shared.eventstore import StoreUrl
from shared.privacy.envelope import MasterKey, MasterKeyError, ensure_key_file
from shared.privacy.keystore import SubjectKeyStore
from shared.sqldb import Database

MASTER_KEY_ENV = "PKRAFT_CASES_MASTER_KEY_FILE"


def master_key_path(settings: CasesSettings) -> Path:
    """The configured master key file (default: cases-master.key in the var directory)."""
    if settings.master_key_file:
        return Path(settings.master_key_file)
    return settings.common.var_dir / "cases-master.key"


def load_master_key(settings: CasesSettings) -> MasterKey:
    """The master key; created on first use in dev mode, required outside it."""
    path = master_key_path(settings)
    if settings.common.dev_mode:
        return ensure_key_file(path)
    if not path.exists():
        raise MasterKeyError(
            f"the cases service needs its master key: no file {path}. Set {MASTER_KEY_ENV} "
            "to a key file (`pkraft keygen > FILE` writes one), or PKRAFT_DEV_MODE=true "
            "for development."
        )
    return MasterKey.from_file(path)


def open_key_store(settings: CasesSettings) -> SubjectKeyStore:
    """The data keys of the service's store, under its master key."""
    store = StoreUrl.parse(settings.database_url)
    return SubjectKeyStore(load_master_key(settings), Database(store, pool_size=2))
