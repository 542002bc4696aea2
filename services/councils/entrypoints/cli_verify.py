"""``pkraft councils verify``: the councils store against its own chain and signed checkpoint."""

from __future__ import annotations

from services.councils.bootstrap import build_application
from services.councils.config import CouncilsSettings
from shared.sourcechain.verify_cli import verify_command

verify = verify_command("councils", CouncilsSettings, build_application, by="council or pool")
