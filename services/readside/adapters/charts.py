"""One chart per dashboard figure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.readside.adapters.dashboard_contact_involvement import (
    contact_person_chart,
    involvement_chart,
)
from services.readside.adapters.svg import bar_chart


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def _levels(d: dict[str, Any]) -> str:
    f = d["cases_per_level"]
    return bar_chart(
        "Open cases per level (month end)",
        f["months"],
        f["series"],
        stacked=True,
        subtitle="Samarbejdstrappen levels 1-4",
    )


def _escalations(d: dict[str, Any]) -> str:
    f = d["escalations_per_month"]
    return bar_chart("Escalations and de-escalations per month", f["months"], f["series"])


def _incidents(d: dict[str, Any]) -> str:
    f = d["incidents_by_kind"]
    return bar_chart("Incidents by kind", list(f), {"incidents": list(f.values())})


def _complaints(d: dict[str, Any]) -> str:
    f = d["complaints"]
    labels = ["received", "due", "first contact ≤ 24 h", "overdue, no contact"]
    values = [f["received"], f["due"], f["first_contact_within_24h"], f["overdue_without_contact"]]
    return bar_chart(
        "Complaints",
        labels,
        {"complaints": values},
        subtitle=f"share answered within 24 h: {_pct(f['share_within_24h'])}",
    )


def _move_ins(d: dict[str, Any]) -> str:
    f = d["move_in_conversations"]
    return bar_chart(
        "Move-ins with the conversation held before moving in",
        ["moved in", "conversation before move-in"],
        {"cases": [f["moved_in"], f["conversation_before_move_in"]]},
        subtitle=f"share: {_pct(f['share'])}",
    )


def _consents(d: dict[str, Any]) -> str:
    f = d["consent_coverage"]
    scopes = list(f["by_scope"])
    shares = [f["by_scope"][s]["share"] or 0.0 for s in scopes]
    return bar_chart(
        "Consent coverage of active relatives",
        scopes,
        {"share": shares},
        percent=True,
        subtitle=f"{f['active_relatives']} active relatives",
    )


def _communication(d: dict[str, Any]) -> str:
    f = d["communication"]["messages_by_state"]
    return bar_chart("Messages by outcome", list(f), {"messages": list(f.values())})


def _seats(d: dict[str, Any]) -> str:
    f = d["council_seats"]
    return bar_chart(
        "Council seats filled",
        ["seats", "filled"],
        {"seats": [f["seats"], f["seats_filled"]]},
        subtitle=f"{f['councils']} councils; share filled: {_pct(f['share_filled'])}",
    )


def _pool(d: dict[str, Any]) -> str:
    f = d["budget_pool"]["by_year"]
    years = list(f)
    names = ("amount_kr", "granted_kr", "disbursed_kr", "spent_kr")
    series = {n.removesuffix("_kr"): [float(f[y][n] or 0) for y in years] for n in names}
    return bar_chart("Participant budget pool (kr)", years, series)


def _activities(d: dict[str, Any]) -> str:
    f = d["relatives_activities"]["per_tilbud"]
    names = list(f)
    series = {
        n.removesuffix("_kr"): [float(f[k][n]) for k in names] for n in ("cost_kr", "returned_kr")
    }
    return bar_chart(
        "Activities by relatives (kr)",
        names,
        series,
        subtitle=f"{d['relatives_activities']['held']} activities held",
    )


def _conduct(d: dict[str, Any]) -> str:
    f = d["code_of_conduct"]
    names = list(f["per_tilbud"])
    series = {
        k.removeprefix("share_"): [float(f["per_tilbud"][n][k] or 0) for n in names]
        for k in ("share_staff", "share_relatives")
    }
    return bar_chart(
        "Code of conduct acknowledged (current version)",
        names,
        series,
        subtitle=f"version {f['current_version'] or 'none'}",
        percent=True,
    )


def _satisfaction(d: dict[str, Any]) -> str:
    f = d["satisfaction"]
    names = list(f["per_tilbud"])
    series = {
        label: [float(f["per_tilbud"][n][k] or 0) for n in names]
        for label, k in (("previous round", "previous_mean"), ("latest round", "mean"))
    }
    rolled = f["rolled_up"]
    change = rolled["change"]
    return bar_chart(
        "Relatives' satisfaction (mean, 1-5)",
        names,
        series,
        subtitle=f"all shown: {rolled['current']['mean'] if rolled['current'] else 'n/a'}"
        f" (change {change if change is not None else 'n/a'}); groups under "
        f"{f['min_group']} respondents are not shown",
    )


def _hiring(d: dict[str, Any]) -> str:
    f = d["leader_hiring"]["per_centre"]
    names = list(f)
    series = {
        "with relatives (pilot)": [float(f[n]["with_relatives_in_pilot"]) for n in names],
        "target": [float(f[n]["target"]) for n in names],
    }
    return bar_chart("Leader hirings with relatives, 2021-2022", names, series)


def _trained(d: dict[str, Any]) -> str:
    f = d["staff_trained"]["per_tilbud"]
    names = list(f)
    series = {"trained": [float(f[n]["share_trained"] or 0) for n in names]}
    return bar_chart("Staff trained in relatives' collaboration", names, series, percent=True)


CHARTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "cases_per_level": _levels,
    "escalations_per_month": _escalations,
    "incidents_by_kind": _incidents,
    "complaints": _complaints,
    "move_in_conversations": _move_ins,
    "consent_coverage": _consents,
    "communication": _communication,
    "council_seats": _seats,
    "budget_pool": _pool,
    "contact_person_coverage": contact_person_chart,
    "involvement_last_quarter": involvement_chart,
    "relatives_activities": _activities,
    "code_of_conduct": _conduct,
    "satisfaction": _satisfaction,
    "leader_hiring": _hiring,
    "staff_trained": _trained,
}
