"""``CouncilCommands``: every named councils command, gathered from its area's module."""

from __future__ import annotations

from services.councils.application.conduct import ConductCommands
from services.councils.application.councils import CouncilBodyCommands
from services.councils.application.decisions import DecisionCommands
from services.councils.application.elections import ElectionCommands
from services.councils.application.electorate import ElectorateCommands
from services.councils.application.follow_group import FollowGroupCommands
from services.councils.application.hiring import HiringCommands
from services.councils.application.members import MemberCommands
from services.councils.application.pools import PoolCommands
from services.councils.application.privacy import PrivacyCommands
from services.councils.application.training import TrainingCommands


class CouncilCommands(
    CouncilBodyCommands,
    MemberCommands,
    ElectionCommands,
    PoolCommands,
    DecisionCommands,
    FollowGroupCommands,
    ConductCommands,
    HiringCommands,
    TrainingCommands,
    ElectorateCommands,
    PrivacyCommands,
):
    """One method per councils command: routes, CLI, consumers and tests call these."""
