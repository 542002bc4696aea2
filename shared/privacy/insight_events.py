"""Danish names of the stored events (by class) and the published ones (by type) of the
cases and councils services, for the insight page (GDPR art. 15)."""

from __future__ import annotations

_STORED = """
Acknowledged=Adfærdskodeks kvitteret|ActivityHeld=Aktivitet afholdt
AgreementBroken=Aftale brudt|AgreementKept=Aftale overholdt|AgreementMade=Aftale indgået
ApplicationReceived=Ansøgning modtaget|CandidateNominated=Kandidat opstillet
CaseFactApplied=Oplysning fra sagen overført|Closed=Sagen lukket
ComplaintFirstContactRecorded=Første kontakt om klage registreret
ComplaintReceived=Klage modtaget|ComplaintResolved=Klage afgjort|ConsentGranted=Samtykke givet
ConsentWithdrawn=Samtykke trukket tilbage|ContactPersonAssigned=Kontaktperson tildelt
DepartmentHeadChanged=Afdelingschef skiftet|DialogueNoted=Dialog noteret|Disbursed=Beløb udbetalt
ElectionClosed=Valg afsluttet|ElectionScheduled=Valg planlagt|Formed=Oprettet
FrameChanged=Ramme ændret|Granted=Ansøgning bevilget|HandlingPlanReviewed=Handleplan fulgt op
HandlingPlanSet=Handleplan lagt|HandoverRecorded=Overdragelse registreret
HiringRecorded=Ansættelse registreret|IncidentReported=Hændelse indberettet
LeaderAssigned=Leder tildelt|LegalHoldLifted=Retlig tilbageholdelse ophævet
LegalHoldSet=Retlig tilbageholdelse sat|LevelAssessed=Niveau vurderet
MeetingScheduled=Møde planlagt|MemberAdded=Medlem tilføjet|MemberAppointed=Medlem udpeget
MemberRemoved=Medlem fjernet|MemberResigned=Medlem udtrådt|MinutesRecorded=Referat skrevet
MoveInAgreementMade=Aftale ved indflytning indgået|MoveInConversationHeld=Indflytningssamtale holdt
MoveInConversationScheduled=Indflytningssamtale planlagt
NetworkRelationRecorded=Netværksrelation registreret|Onboarded=Medarbejder startet
Opened=Oprettet|Rejected=Ansøgning afvist|RelativeAdded=Pårørende tilføjet
RelativeLinkedToPerson=Pårørende koblet til person|RelativeRemoved=Pårørende fjernet
RelativeUpdated=Pårørendes oplysninger ændret|RelativesInvolved=Pårørende inddraget
Reopened=Sagen genåbnet|SeatsAgreed=Pladser aftalt|SessionHeld=Undervisning holdt
SpendingReported=Forbrug indberettet|Started=Startet|SubjectErased=Oplysninger slettet
VersionAdopted=Version vedtaget|VoteCast=Stemme afgivet|VotingOpened=Afstemning åbnet
"""

_PUBLISHED = """
agreement_broken=Aftale brudt|agreement_kept=Aftale overholdt|agreement_made=Aftale indgået
case_closed=Sagen lukket|case_opened=Sagen oprettet|case_reopened=Sagen genåbnet
complaint_first_contact_recorded=Første kontakt om klage registreret
complaint_received=Klage modtaget|complaint_resolved=Klage afgjort|consent_granted=Samtykke givet
consent_withdrawn=Samtykke trukket tilbage|contact_person_assigned=Kontaktperson tildelt
dialogue_noted=Dialog noteret|handling_plan_reviewed=Handleplan fulgt op
handling_plan_set=Handleplan lagt|handover_recorded=Overdragelse registreret
incident_reported=Hændelse indberettet|leader_assigned=Leder tildelt|level_assessed=Niveau vurderet
move_in_conversation_held=Indflytningssamtale holdt
move_in_conversation_scheduled=Indflytningssamtale planlagt
network_relation_recorded=Netværksrelation registreret|relative_added=Pårørende tilføjet
relative_linked_to_person=Pårørende koblet til person|relative_removed=Pårørende fjernet
relative_updated=Pårørendes oplysninger ændret|relatives_involved=Pårørende inddraget
subject_erased=Oplysninger slettet|activity_held=Aktivitet afholdt
budget_applied=Ansøgning om midler
budget_disbursed=Midler udbetalt|budget_granted=Midler bevilget|budget_rejected=Ansøgning afvist
candidate_nominated=Kandidat opstillet|code_of_conduct_acknowledged=Adfærdskodeks kvitteret
code_of_conduct_adopted=Adfærdskodeks vedtaget|council_formed=Råd oprettet
election_closed=Valg afsluttet|election_scheduled=Valg planlagt
follow_group_member_added=Medlem af følgegruppe tilføjet
follow_group_member_removed=Medlem af følgegruppe fjernet
leader_hiring_recorded=Lederansættelse registreret|meeting_scheduled=Møde planlagt
member_joined=Medlem indtrådt|member_left=Medlem udtrådt|minutes_recorded=Referat skrevet
pool_opened=Pulje åbnet|seats_agreed=Pladser aftalt|spending_reported=Forbrug indberettet
staff_onboarded=Medarbejder startet|training_session_held=Undervisning holdt
voting_opened=Afstemning åbnet
"""


def _catalogue(text: str) -> dict[str, str]:
    items = (i.strip() for i in text.replace("\n", "|").split("|"))
    return dict(i.split("=", 1) for i in items if i)


STORED = _catalogue(_STORED)
"""Stored event class name -> its Danish name."""
PUBLISHED = _catalogue(_PUBLISHED)
"""Published event type (``dk.aarhus.pkraft.cases.case_opened.v2``'s ``case_opened``) ->
its Danish name."""


def event_name(name: str) -> str | None:
    """The Danish name of a stored event class or a published type (None: none known)."""
    bare = name.strip("()")
    if bare in STORED:
        return STORED[bare]
    parts = name.split(".")
    return PUBLISHED.get(parts[-2]) if len(parts) > 2 else None
