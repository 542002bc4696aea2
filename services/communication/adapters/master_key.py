"""The communication service's master key: it wraps each theme-evening registrant's data
key (``registrant_keys.py``); created on first use in dev mode, required outside it."""

from __future__ import annotations

from pathlib import Path

from services.communication.config import CommunicationSettings
from shared.privacy.envelope import MasterKey
from shared.privacy.master import load_master_key

MASTER_KEY_ENV = "PKRAFT_COMMUNICATION_MASTER_KEY_FILE"


def master_key_path(settings: CommunicationSettings) -> Path:
    """The configured file (default: communication-master.key in the var directory)."""
    if settings.master_key_file:
        return Path(settings.master_key_file)
    return settings.common.var_dir / "communication-master.key"


def communication_master_key(settings: CommunicationSettings) -> MasterKey:
    return load_master_key(
        master_key_path(settings),
        dev_mode=settings.common.dev_mode,
        service="communication",
        env_name=MASTER_KEY_ENV,
    )
