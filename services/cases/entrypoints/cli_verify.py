"""``pkraft cases verify``: the cases store against its own chain and signed checkpoint."""

from __future__ import annotations

from services.cases.bootstrap import build_application
from services.cases.config import CasesSettings
from shared.sourcechain.verify_cli import verify_command

verify = verify_command("cases", CasesSettings, build_application, by="case")
