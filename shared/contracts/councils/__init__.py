"""Wire contracts of topic ``pkraft.councils.v1`` (CloudEvents binary mode).

Keyed by the aggregate id (council, pool or follow group); ``ce_id`` is
``<aggregate id>:<version>``. Free text (frame, minutes, activities, reasons) and single
votes never leave the councils service; people appear only by their reference ids.

The models live in ``council`` (council, seats, members, elections, meetings), ``pool``
(the participant budget) and ``programme`` (code of conduct, leader hirings, training,
follow group); they are all read from here, e.g. ``councils.MemberJoined``.
"""

from __future__ import annotations

from shared.contracts.base import Registry
from shared.contracts.councils import council, pool, programme
from shared.contracts.councils.council import *  # noqa: F403
from shared.contracts.councils.pool import *  # noqa: F403
from shared.contracts.councils.programme import *  # noqa: F403

TOPIC = "pkraft.councils.v1"
SOURCE = "/pkraft/councils"
registry = Registry()

for _model in (
    council.CouncilFormed,
    council.SeatsAgreed,
    council.MemberJoined,
    council.MemberLeft,
    council.ElectionScheduled,
    council.CandidateNominated,
    council.VotingOpened,
    council.ElectionClosed,
    council.MeetingScheduled,
    council.MinutesRecorded,
    pool.PoolOpened,
    pool.BudgetApplied,
    pool.BudgetGranted,
    pool.BudgetRejected,
    pool.BudgetDisbursed,
    pool.SpendingReported,
    pool.ActivityHeld,
    programme.CodeOfConductAdopted,
    programme.CodeOfConductAcknowledged,
    programme.LeaderHiringRecorded,
    programme.TrainingSessionHeld,
    programme.StaffOnboarded,
    programme.FollowGroupMemberAdded,
    programme.FollowGroupMemberRemoved,
):
    registry.register(_model)
