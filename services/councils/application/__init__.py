"""The councils application: the event store (``store``), the writer every command shares
(``writer``) and one module of named commands per area, gathered in ``CouncilCommands``."""

from services.councils.application.commands import CouncilCommands
from services.councils.application.store import CouncilsApplication
from services.councils.application.writer import Outcome, stamp_envelope

__all__ = ["CouncilCommands", "CouncilsApplication", "Outcome", "stamp_envelope"]
