"""The participant pool's forms beside the follow group's decision: open the year's pool
(council admin or leader), a council applies for a budget (council admin), the granted
amount is paid out (leader or follow group), and what the activity cost is reported
(council admin). Paths are under ``/pools``; ``{year}`` and ``{application_id}`` come
from the page's address."""

from __future__ import annotations

from typing import Any

from services.console.domain.forms import _Reader, kroner
from services.console.domain.forms_council_admin import AdminForm, Field


def _apply(r: _Reader) -> dict[str, Any]:
    return {"council_id": r.text("council_id"), "activity": r.text("activity"),
            "amount": kroner(r, "amount"), "initiators": r.many("initiators", True)}  # fmt: skip


OPEN = AdminForm(
    "aabn", "Åbn årets deltagerpulje", "Åbn puljen", "", (
        Field("amount", "Puljens beløb i kroner", required=False,
              hint="Hele kroner, fx 80.000. Tomt: det faste beløb (normalt 100.000 kr.)."),
    ), lambda r: {"amount": kroner(r, "amount", required=False)},
    "Deltagerpuljen er åbnet.",
)  # fmt: skip
APPLY = AdminForm(
    "ansoeg", "Ansøg om et deltagerbudget", "Send ansøgningen", "/applications", (
        Field("council_id", "Rådet, der ansøger", "hidden"),
        Field("activity", "Aktivitet", "textarea"),
        Field("amount", "Beløb i kroner", hint="Hele kroner, fx 6.000."),
        Field("initiators", "Initiativtagere", "checkbox", options="initiators",
              hint="Pårørende til borgere med en åben sag på rådets tilbud."),
    ), _apply, "Ansøgningen er sendt til følgegruppen.",
)  # fmt: skip
# The first step of an application: which council applies (its relatives come next).
CHOOSE_COUNCIL = AdminForm(
    "ansoeg", "Ansøg om et deltagerbudget", "Vælg rådet", "",
    (Field("raad", "Rådet, der ansøger", "radio", options="councils"),), lambda r: {}, "",
)  # fmt: skip
DISBURSE = AdminForm(
    "udbetal", "Udbetal det bevilgede beløb", "Udbetal", "/applications/{application_id}/disburse",
    (), lambda r: {}, "Beløbet er udbetalt.",
)  # fmt: skip
SPENDING = AdminForm(
    "forbrug", "Hvad kostede aktiviteten?", "Registrer forbruget",
    "/applications/{application_id}/spending",
    (Field("spent", "Brugt i kroner", hint="Hele kroner, fx 4.500."),),
    lambda r: {"spent": kroner(r, "spent")},
    "Forbruget er registreret.",
)  # fmt: skip

# The application forms and who may use each.
ON_APPLICATION = {DISBURSE.slug: (DISBURSE, ("leader", "follow_group")),
                  SPENDING.slug: (SPENDING, ("council_admin",))}  # fmt: skip
