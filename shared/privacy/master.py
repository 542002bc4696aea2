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


def master_key_env(service: str) -> str:
    """The setting naming ``service``'s master key file."""
    return f"PKRAFT_{service.upper()}_MASTER_KEY_FILE"


def service_master_key(
    service: str, configured: str | None, var_dir: Path, *, dev_mode: bool
) -> MasterKey:
    """``service``'s master key: the configured file, else ``<service>-master.key`` in the
    var directory; made there in dev mode, required outside it."""
    path = Path(configured) if configured else var_dir / f"{service}-master.key"
    return load_master_key(
        path, dev_mode=dev_mode, service=service, env_name=master_key_env(service)
    )
