"""Envelope encryption: a master key wraps one random data key per data subject.

All encryption is AES-256-GCM (authenticated): a stored value is ``nonce || ciphertext``
and decrypts only with the right key *and* the same associated data, so a ciphertext
cannot be moved to another event, version or field without the move being detected.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12


class MasterKeyError(Exception):
    """The master key is missing, unreadable or not a 256-bit key."""


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """``nonce || AES-GCM(key, plaintext, aad)``."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    """The plaintext of :func:`seal`; raises ``InvalidTag`` when key or aad differ."""
    return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


class MasterKey:
    """The service's master key: wraps and unwraps data keys; never stored in the database."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise MasterKeyError("the master key must be 32 bytes (256 bits)")
        self._key = key
        # Stored next to each wrapped key, so rotation knows which key wrapped it.
        self.key_id = hashlib.sha256(b"pkraft-master-key-id|" + key).hexdigest()[:16]

    def wrap(self, subject_id: str, data_key: bytes) -> bytes:
        return seal(self._key, data_key, b"pkraft-subject-key|" + subject_id.encode())

    def unwrap(self, subject_id: str, wrapped: bytes) -> bytes:
        try:
            return open_sealed(self._key, wrapped, b"pkraft-subject-key|" + subject_id.encode())
        except InvalidTag as exc:
            raise MasterKeyError("a data key does not unwrap with this master key") from exc

    @classmethod
    def generate(cls) -> MasterKey:
        return cls(new_data_key())

    def encoded(self) -> str:
        return base64.b64encode(self._key).decode()

    @classmethod
    def from_file(cls, path: Path) -> MasterKey:
        """Read a base64 master key file (as written by :func:`write_key_file`)."""
        try:
            text = path.read_text().strip()
        except OSError as exc:
            raise MasterKeyError(f"cannot read the master key file {path}") from exc
        try:
            return cls(base64.b64decode(text, validate=True))
        except ValueError as exc:
            raise MasterKeyError(f"{path} does not hold a base64 256-bit key") from exc


def write_key_file(path: Path, key: MasterKey) -> None:
    """Write a new key file readable by its owner only; never overwrites one
    (``FileExistsError``). The file appears whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(key.encoded() + "\n")
        os.link(tmp, path)
    finally:
        tmp.unlink()


def ensure_key_file(path: Path) -> MasterKey:
    """The key in ``path``, created first when there is none (development only)."""
    if not path.exists():
        with contextlib.suppress(FileExistsError):  # another process made it first
            write_key_file(path, MasterKey.generate())
    return MasterKey.from_file(path)
