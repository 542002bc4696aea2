"""Insight (GDPR art. 15) for a councils subject (``shared.privacy.insight``): what the
council (or pool) holds about them now, and which published councils events named them
on ``pkraft.councils.v1``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.councils.adapters.insight_words import WORDING
from services.councils.adapters.personal import declaration
from services.councils.adapters.privacy import NAMING
from services.councils.adapters.wire import to_wire
from services.councils.domain.council_privacy import erasure_marks, parse_subject
from shared.privacy import insight
from shared.privacy.insight import Names, Publication, Sources

TOPIC = "pkraft.councils.v1"
SUBSCRIBERS = ("communication", "readside")
"""The services that subscribe to ``pkraft.councils.v1`` (their settings; docs/privacy.md)."""

_DECLARATION = declaration()


def _mentions(value: Any, ref: str) -> bool:
    if isinstance(value, dict):
        return any(k == ref or _mentions(v, ref) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_mentions(v, ref) for v in value)
    return isinstance(value, str) and value == ref


class SubjectInsight(insight.SubjectInsight):
    """The export of a person named in a council, a council's texts or an application's."""

    naming = NAMING
    sources = Sources(
        spec_of=lambda event: _DECLARATION.get(type(event)),
        to_wire=to_wire,
        publication=Publication(TOPIC, SUBSCRIBERS),
    )
    wording = WORDING

    def names(self, subject_id: str) -> Names:
        """A published event names the subject when it stood for a value of theirs (a
        meeting's agenda, a nomination) or carries their reference (a relative id or
        person_ref, an application's id) anywhere in it."""
        _, aggregate_id, ref = parse_subject(subject_id)
        spec_of = self.sources.spec_of

        def names(event: Any, wire: Any) -> bool:
            if insight.stored_values(event, spec_of(event), str(aggregate_id), subject_id):
                return True
            return ref is not None and wire is not None and _mentions(wire.model_dump(), ref)

        return names

    def erased(self, holder: Any, subject_id: str) -> dict[str, Any] | None:
        mark: dict[str, Any] | None = erasure_marks(holder).get(subject_id)
        return mark

    def current(self, holder: Any, subject_id: str, now: datetime) -> dict[str, Any]:
        kind, _, ref = parse_subject(subject_id)
        state = holder.to_state()
        if kind == "person":
            people = state["members"] + state["former_members"]
            elections = state["elections"]
            found: dict[str, Any] = {
                "members": [m for m in people if m["person_ref"] == ref],
                "candidacies": [
                    {"election_id": e["election_id"], "name": e["candidate_names"][ref]}
                    for e in elections
                    if ref in e.get("candidate_names", {})
                ],
            }
        elif ref is None:
            found = {"meetings": state["meetings"]}
        else:
            applications = [a for a in state["applications"] if a["application_id"] == ref]
            found = {"application": applications[0] if applications else None}
        return dict(insight.plain(found))
