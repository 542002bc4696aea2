"""The programme's fixed figures, kept once for every service that needs them.

From the seeds (``../shared/seeds/``): the leader-hiring pilot ran 2021-2022 with the
goal of at least two hirings with relatives taking part per citizen centre; satisfaction
results are shown only for a group of at least five respondents (never per person)."""

from __future__ import annotations

LEADER_HIRING_PILOT_FROM = "2021-01-01"
LEADER_HIRING_PILOT_TO = "2022-12-31"
LEADER_HIRING_TARGET_PER_CENTRE = 2
SURVEY_MIN_GROUP = 5
"""The smallest group whose survey results may be shown; a setting may raise it, never
lower it."""
