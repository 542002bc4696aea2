"""Source event stores verify compares against: the cases service's notification log,
translated with the cases service's own wire mapping (what its relay publishes)."""

from __future__ import annotations

from collections.abc import Iterator

from services.cases.adapters.wire import to_wire
from services.cases.application import CasesApplication
from services.readside.adapters.verify import SourceEvent


def cases_events(app: CasesApplication, page: int = 2000) -> Iterator[SourceEvent]:
    """Every published event of the cases store, in notification order."""
    start = 1
    while True:
        notifications = app.recorder.select_notifications(start=start, limit=page)
        if not notifications:
            return
        for n in notifications:
            contract = to_wire(app.mapper.to_domain_event(n))
            if contract is not None:
                yield SourceEvent(
                    ce_id=f"{contract.case_id}:{contract.case_version}",
                    ce_type=contract.ce_type(),
                    data=contract.model_dump(mode="json"),
                )
        start = notifications[-1].id + 1
