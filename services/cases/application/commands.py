"""``CaseCommands``: every named case command, gathered from its area's module."""

from __future__ import annotations

from services.cases.application.contact import ContactCommands
from services.cases.application.lifecycle import LifecycleCommands
from services.cases.application.move_in import MoveInCommands
from services.cases.application.privacy import PrivacyCommands
from services.cases.application.records import RecordCommands
from services.cases.application.relatives import RelativeCommands
from services.cases.application.staircase import StaircaseCommands


class CaseCommands(
    LifecycleCommands,
    RelativeCommands,
    StaircaseCommands,
    MoveInCommands,
    RecordCommands,
    ContactCommands,
    PrivacyCommands,
):
    """One method per case command: routes, CLI, consumers and tests call these."""
