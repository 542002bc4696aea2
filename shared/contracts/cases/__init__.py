"""Wire contracts of topic ``pkraft.cases.v1`` (CloudEvents binary mode, keyed by case id).

Ids and codes only: CPR numbers (and their keyed hashes), names, contact channels and
free text never leave the cases service. A service that must reach a relative asks the
cases API at that moment (``GET /cases/{case_id}/relatives/{relative_id}/contact``).

Version 2 of ``case_opened``, ``relative_added`` and ``relative_updated`` dropped the
personal fields of version 1 (``citizen_ref``; ``display_name``, ``channels`` and the
free-text ``relation``). Version 1
is no longer published; its type still parses (into version 2, dropping those fields) so
records retained from before the change are read without keeping their names.

The models live in ``case`` (the case, relatives, consents), ``care`` (the work on a
case) and ``subjects`` (erasures, contact person, involvement); they are all read from
here, e.g. ``cases.RelativeAdded``.
"""

from __future__ import annotations

from shared.contracts.base import Registry
from shared.contracts.cases import care, case, subjects
from shared.contracts.cases.care import *  # noqa: F403
from shared.contracts.cases.case import *  # noqa: F403
from shared.contracts.cases.subjects import *  # noqa: F403

TOPIC = "pkraft.cases.v1"
SOURCE = "/pkraft/cases"
registry = Registry()

for _model in (
    case.CaseOpened,
    case.CaseClosed,
    case.CaseReopened,
    case.RelativeAdded,
    case.RelativeUpdated,
    case.RelativeRemoved,
    case.RelativeLinkedToPerson,
    case.ConsentGranted,
    case.ConsentWithdrawn,
    care.MoveInConversationScheduled,
    care.MoveInConversationHeld,
    care.AgreementMade,
    care.AgreementKept,
    care.AgreementBroken,
    care.LevelAssessed,
    care.HandlingPlanSet,
    care.HandlingPlanReviewed,
    care.LeaderAssigned,
    care.IncidentReported,
    care.ComplaintReceived,
    care.ComplaintFirstContactRecorded,
    care.ComplaintResolved,
    care.DialogueNoted,
    care.HandoverRecorded,
    care.NetworkRelationRecorded,
    subjects.SubjectErased,
    subjects.ContactPersonAssigned,
    subjects.RelativesInvolved,
):
    registry.register(_model)

# Version 1 of these types carried personal data; they are no longer published. Records
# retained from before parse into version 2, which drops those fields.
for _model in (case.CaseOpened, case.RelativeAdded, case.RelativeUpdated):
    registry.accept_legacy(_model.ce_type().rsplit(".v", 1)[0] + ".v1", _model)
