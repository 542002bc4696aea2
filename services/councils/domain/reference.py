"""Reference data of the councils domain (``rules.json``), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Rules:
    """Numbers the council rules use; from seed 004 (elections every 2 years, 4-year terms)."""

    pool_default_kr: int
    election_interval_years: int
    election_grace_months: int
    round_years: int
    long_term_rounds: int
    short_term_rounds: int


@cache
def rules() -> Rules:
    data = json.loads((Path(__file__).with_name("rules.json")).read_text(encoding="utf-8"))
    return Rules(**data)
