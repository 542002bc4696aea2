"""Loading a service's master key: created on first use in dev mode, required outside it."""

from __future__ import annotations

from pathlib import Path

from shared.privacy.envelope import MasterKey, MasterKeyError, ensure_key_file


def load_master_key(path: Path, *, dev_mode: bool, service: str, env_name: str) -> MasterKey:
    """The master key in ``path``; made there in dev mode, else a missing file refuses
    the start (``MasterKeyError`` naming the setting)."""
    if dev_mode:
        return ensure_key_file(path)
    if not path.exists():
        raise MasterKeyError(
            f"the {service} service needs its master key: no file {path}. Set {env_name} "
            "to a key file (`pkraft keygen > FILE` writes one), or PKRAFT_DEV_MODE=true "
            "for development."
        )
    return MasterKey.from_file(path)
