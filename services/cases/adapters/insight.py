"""Insight (GDPR art. 15): everything the cases service stores about one data subject,
decrypted; where it was sent (the event types the relay put on Kafka carrying their id);
and who read it (the access log)."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from services.cases.adapters.access_log import AccessLog
from services.cases.adapters.personal import PERSONAL_FIELDS
from services.cases.adapters.private_store import PrivateCasesApplication
from services.cases.adapters.wire import to_wire
from services.cases.application import now_utc
from services.cases.domain.case_privacy import CITIZEN, erasure_marker, parse_subject
from services.cases.domain.case_view import jsonable
from shared.errors import NotFoundError
from shared.privacy.declaration import transform

TOPIC = "pkraft.cases.v1"
SUBSCRIBERS = ("communication", "councils", "readside")
"""The services that subscribe to ``pkraft.cases.v1`` (pkraft/processes.py; docs/privacy.md)."""

_RELATIVE_PERSONAL = ("name", "relation", "channels")


def _values_for(event: Any, case_id: str, subject_id: str) -> dict[str, Any]:
    """The personal values of ``subject_id`` that ``event`` stored, by field path."""
    spec = PERSONAL_FIELDS.get(type(event).__name__)
    if spec is None:
        return {}
    state = copy.deepcopy({k: v for k, v in vars(event).items() if k != "envelope"})
    found: dict[str, Any] = {}
    for personal in spec.personal:
        if personal.subject(case_id, state) != subject_id:
            continue

        def keep(value: Any, where: str) -> Any:
            found[where] = jsonable(value)
            return value

        transform(state, personal.path, keep)
    return found


def _carries(event: Any, wire: Any, kind: str, relative_id: str | None) -> bool:
    """Whether the published event names the subject: every case event names the case (and
    so its citizen); a relative is named by their relative id."""
    if kind == CITIZEN:
        return True
    if getattr(wire, "relative_id", None) == relative_id:
        return True
    return getattr(event, "subject_id", None) == f"relative:{event.originator_id}:{relative_id}"


class SubjectInsight:
    """Builds the export of one subject (API and CLI share it)."""

    def __init__(self, app: PrivateCasesApplication, log: AccessLog) -> None:
        self.app = app
        self.log = log

    def export(self, subject_id: str, now: datetime | None = None) -> dict[str, Any]:
        kind, case_text, relative_id = parse_subject(subject_id)
        if not self.app.keys.exists(subject_id):
            raise NotFoundError("subject_not_found", "no data subject with that id")
        case_id = UUID(case_text)
        case = self.app.get_case(case_id)
        state = case.to_state(now or now_utc())
        events = self.app.history(case_id)
        recorded: list[dict[str, Any]] = []
        sent: dict[str, Any] = {}
        for event in events:
            values = _values_for(event, str(case_id), subject_id)
            if values:
                recorded.append(
                    {
                        "version": event.originator_version,
                        "type": type(event).__name__,
                        "recorded_at": event.timestamp.isoformat(),
                        "actor": getattr(event, "actor", "system"),
                        "values": values,
                    }
                )
            self._sent(sent, event, kind, relative_id)
        erasure = erasure_marker(case, subject_id)
        return {
            "subject_id": subject_id,
            "kind": kind,
            "case_id": str(case_id),
            "generated_at": (now or now_utc()).isoformat(),
            "erased": erasure,
            "current": self._current(case, state, kind, relative_id),
            "recorded": recorded,
            "sent_to": {
                "topic": TOPIC,
                "subscribers": list(SUBSCRIBERS),
                "event_types": [{**v, "fields": sorted(v["fields"])} for v in sorted_values(sent)],
            },
            "read_by": [e.as_dict() for e in self.log.for_subject(subject_id)],
        }

    @staticmethod
    def _sent(sent: dict[str, Any], event: Any, kind: str, relative_id: str | None) -> None:
        try:
            wire = to_wire(event)
        except ValidationError:  # an erased value the contract requires: it was sent
            name = type(event).__name__  # before the erasure, under its internal name
            if kind == CITIZEN or getattr(event, "relative_id", None) == relative_id:
                _count(sent, f"({name})", event, set())
            return
        if wire is not None and _carries(event, wire, kind, relative_id):
            _count(sent, wire.ce_type(), event, set(wire.model_dump(exclude_none=True)))

    @staticmethod
    def _current(
        case: Any, state: dict[str, Any], kind: str, relative_id: str | None
    ) -> dict[str, Any]:
        if kind == CITIZEN:
            mine = copy.deepcopy(state)
            mine["cpr"] = getattr(case, "cpr", None)
            # The relatives' own details are theirs, not the citizen's: ids and codes only.
            mine["relatives"] = [
                {k: v for k, v in r.items() if k not in _RELATIVE_PERSONAL}
                for r in state["relatives"]
            ]
            mine["complaints"] = [
                c if c["complainant"] not in case.relatives else {**c, "summary": None}
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


def _count(sent: dict[str, Any], ce_type: str, event: Any, fields: set[str]) -> None:
    item = sent.setdefault(
        ce_type, {"event_type": ce_type, "topic": TOPIC, "count": 0, "fields": set()}
    )
    item["count"] += 1
    item["last_at"] = event.timestamp.isoformat()
    item.setdefault("first_at", item["last_at"])
    item["fields"] |= fields


def sorted_values(found: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [found[k] for k in sorted(found)]
