"""A service's Ed25519 signing key and its signed checkpoints of the chain head.

A checkpoint says: the store of ``service`` had the chain head ``hash`` at
``notification_id``. Its signature covers the canonical JSON of exactly these fields
(``service``, ``notification_id``, ``hash``, ``signed_at``; keys sorted, no spaces), so
anyone holding the public key (``GET /audit/public-key``) can check it.
"""

from __future__ import annotations

import base64
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from shared.sourcechain import CHECKPOINT_TYPE

__all__ = ["CHECKPOINT_TYPE", "checkpoint_valid", "load_signing_key", "sign_checkpoint"]

SIGNED_FIELDS = ("service", "notification_id", "hash", "signed_at")


class SigningKeyError(RuntimeError):
    """The service's signing key is missing outside dev mode, or unreadable."""


def signing_key_path(var_dir: Path, configured: str, service: str) -> Path:
    return Path(configured) if configured else var_dir / f"{service}-signing.key"


def load_signing_key(path: Path, *, dev_mode: bool, service: str) -> Ed25519PrivateKey:
    """The PEM Ed25519 key in ``path``; created there in dev mode, else required."""
    if not path.exists():
        if not dev_mode:
            raise SigningKeyError(
                f"the {service} service needs its signing key: no file {path}. Set "
                "PKRAFT_SIGNING_KEY_FILE, or PKRAFT_DEV_MODE=true for development."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process of the service made it meanwhile
            pass
        else:
            with os.fdopen(fd, "wb") as f:
                f.write(pem)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path} does not hold an Ed25519 private key")
    return key


def public_pem(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def _message(fields: dict[str, Any]) -> bytes:
    signed = {name: fields.get(name) for name in SIGNED_FIELDS}
    return json.dumps(signed, sort_keys=True, separators=(",", ":")).encode()


def sign_checkpoint(
    key: Ed25519PrivateKey, service: str, notification_id: int, head: str
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "service": service,
        "notification_id": int(notification_id),
        "hash": head,
        "signed_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    fields["signature"] = base64.b64encode(key.sign(_message(fields))).decode()
    return fields


def checkpoint_valid(checkpoint: dict[str, Any], public_key_pem: str) -> bool:
    """True when ``checkpoint`` is signed by the key; False for anything else."""
    try:
        key = serialization.load_pem_public_key(public_key_pem.encode())
        if not isinstance(key, Ed25519PublicKey):
            return False
        key.verify(base64.b64decode(str(checkpoint["signature"])), _message(checkpoint))
    except (InvalidSignature, KeyError, ValueError, TypeError):
        return False
    return True
