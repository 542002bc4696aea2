"""The cases service's words for the insight page (GDPR art. 15): who a subject is, why
the case keeps their data, its codes in Danish, and the texts the system itself writes
into a case (today: the automatic escalation's justification) in Danish."""

from __future__ import annotations

import re
from typing import Any

from services.cases.domain.catalogue import load_catalogue
from services.cases.domain.staircase_rules import LEADER_LEVEL
from shared.privacy.insight_html import Wording

_CODES = {
    "open": "åben",
    "closed": "lukket",
    "kept": "overholdt",
    "broken": "brudt",
    "nursing_home": "plejehjem",
    "home_care": "hjemmepleje",
    "residential_offer": "botilbud",
    "moved": "flyttet",
    "deceased": "død",
    "transferred": "overflyttet",
    "other": "andet",
    "none": "ingen",
    "guardian": "værge",
    "lasting_power_of_attorney": "fremtidsfuldmagt",
    "digital_power_of_attorney": "digital fuldmagt",
    "email": "e-mail",
    "phone": "telefon",
    "digital_post": "Digital Post",
    "letter": "brev",
    "meeting": "møde",
    "share_information": "dele oplysninger",
    "invite_to_meetings": "invitere til møder",
    "send_messages": "sende beskeder",
    "oral": "mundtligt",
    "written": "skriftligt",
    "threat": "trussel",
    "violence": "vold",
    "harassment": "chikane",
    "press_or_politician_threat": "trussel om at gå til presse eller politikere",
    "staff": "personalet",
    "citizen": "borgeren",
    "upheld": "medhold",
    "partially_upheld": "delvist medhold",
    "rejected": "afvist",
    "withdrawn": "trukket tilbage",
    "new": "ny",
    "re_established": "genoptaget",
    "volunteer": "frivillig",
    "association": "forening",
    "local": "lokalsamfundet",
    "family": "familie",
    "held": "holdt",
    "scheduled": "planlagt",
    "move_in_conversation": "indflytningssamtalen",
    "case": "sagen",
    "up": "op",
    "down": "ned",
}
_CODED = frozenset(
    [
        "status",
        "case_status",
        "close_reason",
        "setting",
        "legal_role",
        "channel",
        "preferred_channel",
        "channel_kinds",
        "scope",
        "form",
        "kind",
        "against",
        "complainant_kind",
        "outcome",
        "category",
        "characteristics",
        "focus_areas",
        "covered_items",
        "direction",
        "source",
    ]
)


def _catalogue_codes(value: Any, found: dict[str, str]) -> dict[str, str]:
    if isinstance(value, dict):
        if isinstance(value.get("code"), str) and isinstance(value.get("label_da"), str):
            found[value["code"]] = value["label_da"]
        for v in value.values():
            _catalogue_codes(v, found)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _catalogue_codes(v, found)
    return found


CODES = {**_CODES, **_catalogue_codes(load_catalogue().as_dict(), {})}
"""A code of the case (status, setting, consent scope, staircase characteristic ...) ->
its Danish word."""

_ESCALATION = re.compile(r"Automatic escalation: (\w+) reported \(incident (\w+)\)\.")


def system_text(text: str) -> str:
    """A text the system wrote into the case, in Danish (other text as it is)."""
    found = _ESCALATION.fullmatch(text)
    if found is None:
        return text
    kind = CODES.get(found.group(1), found.group(1))
    return (
        f"Automatisk optrapning til niveau {LEADER_LEVEL}: en hændelse med {kind} er indberettet "
        f"(hændelse nr. {found.group(2)})."
    )


WORDING = Wording(
    kinds={"citizen": "dig som borger", "relative": "dig som pårørende"},
    held_in="en samarbejdssag",
    headings={
        "citizen": "Oplysninger om dig som borger i en samarbejdssag",
        "relative": "Oplysninger om dig som pårørende i en samarbejdssag",
    },
    purpose=(
        "Kommunen bruger oplysningerne til samarbejdet mellem borgeren, de pårørende og "
        "personalet om borgerens pleje og ophold: til at kontakte og invitere de pårørende, "
        "holde styr på aftaler, handleplaner og hændelser og behandle klager."
    ),
    codes=CODES,
    coded=_CODED,
    system_text=system_text,
)
