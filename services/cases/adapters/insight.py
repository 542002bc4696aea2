"""Insight (GDPR art. 15) for a cases subject (``shared.privacy.insight``): what the case
holds about the citizen or a relative now, and which published case events named them.
The citizen's export holds the whole case, the relatives' own details left out (they are
the relatives' data)."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from services.cases.adapters.insight_words import WORDING
from services.cases.adapters.personal import PERSONAL_FIELDS
from services.cases.adapters.privacy import NAMING
from services.cases.adapters.wire import to_wire
from services.cases.domain.case_privacy import CITIZEN, erasure_marker, parse_subject
from shared.privacy import insight
from shared.privacy.insight import Names, Publication, Sources

TOPIC = "pkraft.cases.v1"
SUBSCRIBERS = ("communication", "councils", "readside")
"""The services that subscribe to ``pkraft.cases.v1`` (pkraft/processes.py; docs/privacy.md)."""

_RELATIVE_PERSONAL = ("name", "relation", "channels")


class SubjectInsight(insight.SubjectInsight):
    """The export of a citizen (``citizen:<case id>``) or a relative."""

    naming = NAMING
    sources = Sources(
        spec_of=lambda event: PERSONAL_FIELDS.get(type(event).__name__),
        to_wire=to_wire,
        publication=Publication(TOPIC, SUBSCRIBERS),
    )
    wording = WORDING

    def holder(self, aggregate_id: Any) -> Any:
        return self.app.get_case(aggregate_id)

    def names(self, subject_id: str) -> Names:
        """Every case event names the case (and so its citizen); a relative is named by
        their relative id (or, on ``SubjectErased``, their subject id)."""
        kind, _, relative_id = parse_subject(subject_id)

        def names(event: Any, wire: Any) -> bool:
            if kind == CITIZEN:
                return True
            if wire is None:
                return getattr(event, "relative_id", None) == relative_id
            if getattr(wire, "relative_id", None) == relative_id:
                return True
            return getattr(event, "subject_id", None) == subject_id

        return names

    def erased(self, holder: Any, subject_id: str) -> dict[str, Any] | None:
        return erasure_marker(holder, subject_id)

    def current(self, holder: Any, subject_id: str, now: datetime) -> dict[str, Any]:
        kind, _, relative_id = parse_subject(subject_id)
        state = holder.to_state(now)
        if kind == CITIZEN:
            mine: dict[str, Any] = copy.deepcopy(state)
            mine["cpr"] = getattr(holder, "cpr", None)
            # The relatives' own details are theirs, not the citizen's: ids and codes only.
            mine["relatives"] = [
                {k: v for k, v in r.items() if k not in _RELATIVE_PERSONAL}
                for r in state["relatives"]
            ]
            mine["complaints"] = [
                c if c["complainant"] not in holder.relatives else {**c, "summary": None}
                for c in state["complaints"]
            ]
            return mine
        relative = next((r for r in state["relatives"] if r["relative_id"] == relative_id), None)
        complaints = [c for c in state["complaints"] if c["complainant"] == relative_id]
        return {
            "case_status": state["status"],
            "relative": relative,
            "complaints": [{k: c[k] for k in ("complaint_id", "summary")} for c in complaints],
        }
