"""The cases application: the event store (``store``), the writer every command shares
(``writer``) and one module of named commands per area of the case, gathered in
``CaseCommands``."""

from services.cases.application.commands import CaseCommands
from services.cases.application.store import CasesApplication
from services.cases.application.writer import Outcome, now_utc

__all__ = ["CaseCommands", "CasesApplication", "Outcome", "now_utc"]
