"""Programme figures computed from projected rows (pure, so they are easy to test)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


def month_of(instant: str) -> str:
    """``2031-05-14T...`` -> ``2031-05``."""
    return instant[:7]


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive (``YYYY-MM``)."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months: list[str] = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass(frozen=True)
class LevelChange:
    """One assessed level of a case at an instant."""

    case_id: str
    occurred_at: str
    level: int


def levels_over_time(
    changes: Iterable[LevelChange], closed_at: dict[str, str], months: list[str]
) -> dict[str, dict[str, int]]:
    """Per month: how many open cases stood at each level at the month's end."""
    ordered = sorted(changes, key=lambda c: c.occurred_at)
    result: dict[str, dict[str, int]] = {}
    current: dict[str, int] = {}
    i = 0
    for month in months:
        while i < len(ordered) and month_of(ordered[i].occurred_at) <= month:
            current[ordered[i].case_id] = ordered[i].level
            i += 1
        counts = Counter(
            level
            for case_id, level in current.items()
            if not (closed_at.get(case_id) and month_of(closed_at[case_id]) <= month)
        )
        result[month] = {str(level): counts.get(level, 0) for level in (1, 2, 3, 4)}
    return result


def share(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to 3 decimals, or None when there is nothing to count."""
    return round(part / whole, 3) if whole else None
