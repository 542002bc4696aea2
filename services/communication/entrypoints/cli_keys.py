"""``pkraft communication rotate-master-key``: rewrap the theme-evening registrants' data
keys under a new master key (nothing else is rewritten), as the cases and councils
services' commands do."""

from __future__ import annotations

from pathlib import Path

import typer

from services.communication.adapters.master_key import MASTER_KEY_ENV
from services.communication.config import CommunicationSettings
from shared.privacy import cli
from shared.privacy.keystore import SubjectKeyStore


def rotate_master_key(
    new_key_file: Path = typer.Option(
        ..., "--new-key-file", help="The new master key (created when the file does not exist)."
    ),
) -> None:
    """Rewrap every registrant's data key under a new master key."""
    settings = CommunicationSettings()

    def open_keys() -> SubjectKeyStore:
        from services.communication.bootstrap import open_store

        store = open_store(settings)
        assert store.master is not None, "open_store always has the master key"
        return SubjectKeyStore(store.master, store.db)

    cli.rotate(open_keys, new_key_file, MASTER_KEY_ENV, "communication")
