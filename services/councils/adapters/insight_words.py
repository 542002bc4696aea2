"""The councils service's words for the insight page (GDPR art. 15): who a subject is,
why a council or pool keeps their data, and its codes in Danish."""

from __future__ import annotations

from shared.privacy.insight_html import Wording

CODES = {
    "relative": "pårørende",
    "citizen": "borger",
    "staff": "medarbejder",
    "ex_officio": "født medlem",
    "leader": "leder",
    "organisation": "organisation",
    "member": "medlem",
    "appointed": "udpeget",
    "elected": "valgt",
    "resigned": "udtrådt",
    "replaced": "erstattet",
    "relatives_council": "pårørenderåd",
    "citizen_council": "borgerråd",
    "resident_relatives_council": "beboer- og pårørenderåd",
    "council_meeting": "rådsmøde",
    "relatives_meeting": "pårørendemøde",
    "nominating": "opstilling af kandidater",
    "voting": "afstemning",
    "closed": "afsluttet",
    "applied": "ansøgt",
    "granted": "bevilget",
    "rejected": "afvist",
    "disbursed": "udbetalt",
    "spending_reported": "forbrug indberettet",
}
"""A code of a council or pool (kind of member or meeting, status ...) -> its Danish word."""

WORDING = Wording(
    kinds={"person": "dig", "text": "dig"},
    held_in="et pårørenderåd eller en pulje",
    headings={
        "person": "Oplysninger om dig som medlem af eller kandidat til et pårørenderåd",
        "text": "Tekster fra et pårørenderåd (dagsordener og referater) eller en ansøgning "
        "til en pulje, der kan nævne dig",
    },
    purpose=(
        "Kommunen bruger oplysningerne til at danne og drive pårørenderåd (valg, medlemmer, "
        "møder og referater) og til at behandle ansøgninger om midler fra puljen."
    ),
    codes=CODES,
    coded=frozenset(["kind", "seat", "how", "left_reason", "status", "decided_as", "role"]),
)
