"""The communication service's master key: it wraps each theme-evening registrant's data
key (``registrant_keys.py``); created on first use in dev mode, required outside it."""

from __future__ import annotations

from services.communication.config import CommunicationSettings
from shared.privacy.envelope import MasterKey
from shared.privacy.master import master_key_env, service_master_key

MASTER_KEY_ENV = master_key_env("communication")


def communication_master_key(settings: CommunicationSettings) -> MasterKey:
    return service_master_key(
        "communication",
        settings.master_key_file,
        settings.common.var_dir,
        dev_mode=settings.common.dev_mode,
    )
