"""Wire events for read-side tests, built from the public contracts."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from services.readside.domain.envelope import Envelope, envelope_of
from shared.contracts import cases as wire

TOPIC = "pkraft.cases.v1"
_offsets = itertools.count()


class CaseStream:
    """Successive events of one case, with consecutive versions."""

    def __init__(self, tilbud_id: str = "lyngen", start: datetime | None = None) -> None:
        self.case_id = uuid.uuid4()
        self.tilbud_id = tilbud_id
        self.version = 0
        self.clock = start or datetime(2031, 1, 10, 9, tzinfo=UTC)

    def next(
        self, model: type[wire.CaseEvent], after: timedelta = timedelta(hours=1), **fields: Any
    ) -> tuple[Envelope, dict[str, Any]]:
        self.version += 1
        self.clock += after
        event = model(
            case_id=self.case_id,
            case_version=self.version,
            tilbud_id=self.tilbud_id,
            occurred_at=self.clock,
            actor="anna",
            **fields,
        )
        data = event.model_dump(mode="json")
        env = envelope_of(
            topic=TOPIC,
            partition=0,
            offset=next(_offsets),
            ce_id=f"{self.case_id}:{self.version}",
            ce_type=model.ce_type(),
            source=wire.SOURCE,
            subject=str(self.case_id),
            time=self.clock,
            data=data,
        )
        return env, data

    def opened(self, planned_move_in: str | None = "2031-02-01") -> tuple[Envelope, dict[str, Any]]:
        return self.next(
            wire.CaseOpened,
            setting="nursing_home",
            planned_move_in=planned_move_in,
        )

    def level(self, level: int, previous: int | None, **kw: Any) -> tuple[Envelope, dict[str, Any]]:
        direction = (
            "initial" if previous is None else "escalation" if level > previous else "de_escalation"
        )
        return self.next(
            wire.LevelAssessed,
            level=level,
            previous_level=previous,
            direction=direction,
            characteristics=["good_dialogue"],
            by_system=False,
            **kw,
        )
