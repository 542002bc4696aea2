"""The read side's dashboard figures as Danish tables: each chart on the dashboard page
has its data beside it, so the figure is told in text as well as in a picture."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.console.domain.labels import label

Row = list[str]


@dataclass(frozen=True)
class Figure:
    """One chart: the read side's figure name, a Danish title, a one-line summary (the
    image's text alternative) and its data as a table."""

    code: str
    title: str
    summary: str
    headers: Row
    rows: list[Row]


def _pct(value: float | None) -> str:
    return "ingen data" if value is None else f"{value * 100:.0f} %"


def _series(code: str, title: str, f: dict[str, Any], names: dict[str, str]) -> Figure:
    months: list[str] = f["months"]
    series: dict[str, list[int]] = f["series"]
    rows = [[m, *(str(series[s][i]) for s in series)] for i, m in enumerate(months)]
    count = f"{len(months)} {'måned' if len(months) == 1 else 'måneder'}"
    summary = f"{title}: {count}" if months else f"{title}: ingen data endnu"
    if months:
        last = ", ".join(f"{names.get(s, s)} {series[s][-1]}" for s in series)
        summary += f"; seneste måned ({months[-1]}): {last}"
    return Figure(code, title, summary, ["Måned", *(names.get(s, s) for s in series)], rows)


def _counts(code: str, title: str, head: str, counts: dict[str, Any], kind: str) -> Figure:
    rows = [[label(kind, k) if kind else k, str(v)] for k, v in counts.items()]
    text = "; ".join(f"{a} {b}" for a, b in rows) or "ingen"
    return Figure(code, title, f"{title}: {text}", [head, "Antal"], rows)


def figures(d: dict[str, Any]) -> list[Figure]:
    """The dashboard's figures in the order the page shows them."""
    levels = {f"level {n}": f"Trin {n}" for n in (1, 2, 3, 4)}
    directions = {"escalation": "Optrapninger", "de_escalation": "Nedtrapninger"}
    c, m, cc = d["complaints"], d["move_in_conversations"], d["consent_coverage"]
    seats, pool = d["council_seats"], d["budget_pool"]["by_year"]
    scopes = [
        [label("scope", s), str(v["relatives"]), _pct(v["share"])]
        for s, v in cc["by_scope"].items()
    ]
    return [
        _series("cases_per_level", "Åbne sager pr. trin (ultimo måned)",
                d["cases_per_level"], levels),
        _series("escalations_per_month", "Op- og nedtrapninger pr. måned",
                d["escalations_per_month"], directions),
        _counts("incidents_by_kind", "Hændelser efter art", "Art", d["incidents_by_kind"],
                "incident_kind"),
        Figure("complaints", "Klager besvaret inden for 24 timer",
               f"Klager: {c['received']} modtaget, {c['first_contact_within_24h']} med første "
               f"kontakt inden for 24 timer ({_pct(c['share_within_24h'])})",
               ["Klager", "Antal"],
               [["Modtaget", str(c["received"])], ["Frist udløbet", str(c["due"])],
                ["Første kontakt inden for 24 timer", str(c["first_contact_within_24h"])],
                ["Overskredet uden kontakt", str(c["overdue_without_contact"])]]),
        Figure("move_in_conversations", "Indflytningssamtale før indflytning",
               f"{m['conversation_before_move_in']} af {m['moved_in']} indflyttede havde "
               f"samtalen før indflytningen ({_pct(m['share'])})",
               ["Sager", "Antal"],
               [["Flyttet ind", str(m["moved_in"])],
                ["Samtale før indflytning", str(m["conversation_before_move_in"])]]),
        Figure("consent_coverage", "Samtykkedækning blandt aktive pårørende",
               f"{cc['active_relatives']} aktive pårørende; "
               + "; ".join(f"{a}: {c_}" for a, _, c_ in scopes),
               ["Samtykke til", "Pårørende", "Andel"], scopes),
        _counts("communication", "Beskeder efter udfald", "Udfald",
                d["communication"]["messages_by_state"], "message_status"),
        Figure("council_seats", "Pladser i pårørenderåd",
               f"{seats['seats_filled']} af {seats['seats']} pladser besat i "
               f"{seats['councils']} råd ({_pct(seats['share_filled'])})",
               ["Pladser", "Antal"],
               [["Pladser", str(seats["seats"])], ["Besat", str(seats["seats_filled"])]]),
        Figure("budget_pool", "Deltagerpuljen (kr.)",
               "; ".join(f"{y}: {v['spent_kr']} kr. brugt af {v['amount_kr'] or 'ukendt'}"
                         for y, v in pool.items()) or "Deltagerpuljen: ingen data endnu",
               ["År", "Pulje", "Bevilget", "Udbetalt", "Brugt"],
               [[y, str(v["amount_kr"] or "–"), str(v["granted_kr"]), str(v["disbursed_kr"]),
                 str(v["spent_kr"])] for y, v in pool.items()]),
    ]  # fmt: skip


FIGURES = [
    "cases_per_level", "escalations_per_month", "incidents_by_kind", "complaints",
    "move_in_conversations", "consent_coverage", "communication", "council_seats",
    "budget_pool",
]  # fmt: skip
