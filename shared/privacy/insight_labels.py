"""Danish labels for every field the insight page (GDPR art. 15) can show, for the cases
and the councils services. A guard test fails when a stored or published field has none."""

from __future__ import annotations

_WORDS = """
action=handling|action_count=antal handlinger|actions=handlinger|active=aktiv
activity=aktivitet|actor=udført af|adopted_on=vedtaget den|agenda=dagsorden
agenda_item_count=antal punkter på dagsordenen|agreement=aftale|agreement_id=aftalens nummer
agreement_ids=aftalernes numre|aggregate_id=rådets eller puljens nummer|agreements=aftaler
against=rettet mod|agreed_on=aftalt den
acknowledged_on=kvitteret den|amount=beløb|amount_kr=beløb i kroner|application=ansøgning
application_id=ansøgningens nummer|assessed_at=vurderet|assessed_by=vurderet af|at=tidspunkt
attendee_count=antal deltagere|attendees=deltagere|audience=målgruppe|by_system=lavet af systemet
candidacies=kandidaturer|candidate_id=kandidatens nummer|case_id=sagens nummer
case_status=sagens status|case_version=sagens version|category=kategori|centre_head=centerchef
centre_id=centrets nummer|changed=ændrede oplysninger|changes=ændringer|channel=kanal
channel_kinds=slags kontaktkanaler|channels=kontaktkanaler|characteristics=kendetegn
citizen_invited=borgeren inviteret|citizen_participated=borgeren deltog
citizen_ref=borgerens pseudonym|close_reason=grund til lukning|closure=lukning
code_of_conduct_id=adfærdskodeksens nummer|code_of_conduct_version=adfærdskodeksens version
complainant=hvem der klagede|complaint_id=klagens nummer|complaints=klager|consents=samtykker
contact_person=kontaktperson|contact_person_history=tidligere kontaktpersoner
contacted_at=kontaktet|conversation_at=samtalens tidspunkt|cost=udgift|cost_kr=udgift i kroner
council_id=rådets nummer|council_version=rådets version|course=kursus|covered_items=emner
cpr=CPR-nummer|created_on=oprettet den|decided_as=afgjort som|decided_by=afgjort af
decided_by_member_id=afgjort af medlem nummer|deliverables=leverancer|department_head=afdelingschef
description=beskrivelse|dialogue_notes=dialognotater|direction=retning|disbursed=udbetalt
display_name=navn|draw_order=lodtrækningsrækkefølge|due_date=frist|elected=valgt
election_id=valgets nummer|email=e-mail|ends_round=afslutter runden|expectations=forventninger
fact=oplysning|finances=økonomi|first_contact_at=første kontakt|first_contact_by=første kontakt ved
first_contact_deadline=frist for første kontakt|focus_areas=fokusområder
follow_group_id=følgegruppens nummer|follow_group_version=følgegruppens version|form=form
frame=ramme|granted=bevilget|granted_at=givet|granted_by=registreret af|handling_plan=handleplan
handover=overdragelse|held_at=afholdt|held_by=afholdt af|held_on=afholdt den|hired_on=ansat den
hiring_id=ansættelsens nummer|how=hvordan|id=nummer|incarnation=udgave
incident_at=hændelsens tidspunkt
incident_id=hændelsens nummer|incidents=hændelser|initiator_ids=initiativtagernes numre
initiators=initiativtagere|invitee_relative_ids=inviterede pårørendes numre
involved_on=inddraget den|involvement_id=inddragelsens nummer|involvements=inddragelser
item_notes=noter til punkterne|justification=begrundelse|kind=slags|leader=leder
leader_hirings_id=lederansættelsernes nummer|leader_hirings_version=lederansættelsernes version
leader_required=leder påkrævet|left_on=udtrådt den|left_reason=grund til udtræden
legal_difference_count=antal juridiske forskelle|legal_differences=juridiske forskelle
legal_hold=retligt tilbageholdt|legal_role=juridisk rolle|level=niveau
level_assessment=niveauvurdering|level_history=tidligere niveauer|location=sted
made_by=lavet af|meeting_at=mødets tidspunkt|meeting_id=mødets nummer|meetings=møder
member_id=medlemmets nummer|members=medlemskaber|minutes=referat|modified_on=ændret den
move_in_conversation=indflytningssamtale|name=navn|network_relations=netværksrelationer
next_review_date=næste opfølgning|note=note|note_id=notatets nummer|noted_at=noteret
noted_by=noteret af|notes=noter|number=nummer|occurred_at=tidspunkt|on=dato
onboarded_on=startet den|opened_by=oprettet af|outcome=resultat|overdue=overskredet|owner=ansvarlig
participant_relative_ids=deltagende pårørendes numre|participants=deltagere
person_id=personens nummer|person_kind=slags person|person_ref=personens reference
phone=telefon|planned_move_in=planlagt indflytning|pool_id=puljens nummer
pool_version=puljens version|position=stilling|preferred_channel=foretrukken kanal
previous_level=tidligere niveau|previous_staff_id=tidligere medarbejder|reason=begrundelse
received_at=modtaget|received_by=modtaget af|recorded=registreret|recorded_by=registreret af
relation=relation|relation_id=relationens nummer|relative=pårørende|relative_id=pårørendes nummer
relative_ids=pårørendes numre|relatives=pårørende
relatives_council_declined_on=pårørenderåd fravalgt den
relatives_count=antal pårørende|relatives_focus_group=pårørende i fokusgruppen
relatives_hiring_committee=pårørende i ansættelsesudvalget|relatives_other=andre pårørende
report=rapport|reported_by=indberettet af|requested=ansøgt beløb i kroner|residents=beboere
residents_count=antal beboere|resolution=afgørelse|resolved_by=afgjort af|responsible=ansvarlig
result=resultat|returned=tilbagebetalt|returned_kr=tilbagebetalt i kroner
review_date=opfølgningsdato
reviewed_at=fulgt op|reviewed_by=fulgt op af|reviews=opfølgninger|revision=revision|role=rolle
round=runde|scheduled_by=planlagt af|scope=omfang|seat=plads|seats=pladser
seats_up=pladser på valg|seed=lodtrækningsgrundlag|session_id=undervisningsgangens nummer
set_at=sat|set_by=sat af|setting=tilbudsform|settled_by=afgjort af|source=kilde|spent=brugt
spent_kr=brugt i kroner|staff=medarbejdere|staff_count=antal medarbejdere
staff_id=medarbejderens nummer|status=status|subject_id=den registreredes nummer
subject_kind=slags registreret|substitutes=suppleanter|successor=efterfølger
successor_member_id=efterfølgerens medlemsnummer
successor_relative_id=efterfølgerens pårørendenummer
summary=resumé|tally=optælling|term_end=periodens slutning|term_start=periodens start|text=tekst
tilbud_id=tilbuddets nummer|topic=emne|training_id=uddannelsens nummer
training_version=uddannelsens version|version=version|version_number=versionsnummer
voter_id=vælgerens nummer|year=år
assigned_at=tildelt|assigned_by=tildelt af|closed_at=lukket|closed_by=lukket af
erased=slettet|erased_at=slettet|erased_by=slettet af|recorded_at=registreret|until=indtil
digital_post=Digital Post|letter=brev|medicine=medicin|other=andet
clothes_and_hygiene_purchases=indkøb af tøj og personlig hygiejne
doctor_dentist_contact=kontakt til læge eller tandlæge|applications=ansøgninger|balance=saldo
erased_subjects=slettede personer|granted_total=bevilget i alt|candidates=kandidater
term_years=periodens længde i år|ties=stemmelighed|vacant=ledige pladser|voters=vælgere
votes=stemmer|elections=valg|former_members=tidligere medlemmer|erasure=sletning
"""

LABELS: dict[str, str] = dict(
    item.strip().split("=", 1) for item in _WORDS.replace("\n", "|").split("|") if item.strip()
)
"""Field name -> its Danish label."""
