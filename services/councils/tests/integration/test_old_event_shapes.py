"""Events stored in an older shape are read in the current one (``class_version`` and
the library's upcasters; see docs/dev/architecture.md, "Events that change shape").

``CandidateNominated`` gained ``name`` in version 2. Here a council's history is stored
as the release before that stored it (version 1, no ``name``), through the service's own
recorder, so its chain covers those bytes as it did then."""

from __future__ import annotations

import json

from eventsourcing.persistence import StoredEvent

from services.councils.bootstrap import build_application
from services.councils.config import CouncilsSettings
from services.councils.domain.council import Council
from services.councils.tests.builders import ACTOR, new_council
from shared.sourcechain.store import verify_application

TOPIC = "services.councils.domain.council:Council.CandidateNominated"


def as_first_version(stored: StoredEvent) -> StoredEvent:
    state = json.loads(stored.state)
    assert state.pop("class_version") == 2
    del state["name"]
    return StoredEvent(
        originator_id=stored.originator_id,
        originator_version=stored.originator_version,
        topic=stored.topic,
        state=json.dumps(state).encode(),
    )


def test_a_nomination_stored_before_names_existed_loads_and_verifies(
    councils_settings: CouncilsSettings,
) -> None:
    app = build_application(councils_settings)
    try:
        council = new_council()
        council.schedule_election("e1", "2031-03-01", ACTOR)
        council.nominate("e1", "rel-1", ["rel-1", "rel-2"], ACTOR, name="Grethe Hansen")
        council.nominate("e1", "rel-2", ["rel-1", "rel-2"], ACTOR)
        stored = [app.mapper.to_stored_event(e) for e in council.collect_events()]
        old = [as_first_version(s) if s.topic == TOPIC else s for s in stored]
        assert sum(s.topic == TOPIC for s in old) == 2
        app.recorder.insert_events(old)

        loaded: Council = app.repository.get(council.id)
        election = loaded.elections["e1"]
        assert election["candidates"] == ["rel-1", "rel-2"]
        assert election["candidate_names"] == {"rel-1": None, "rel-2": None}
        assert loaded.version == council.version

        loaded.open_voting("e1", ACTOR)  # the old history goes on under the new code
        app.save(loaded)
        assert app.repository.get(council.id).elections["e1"]["status"] == "voting"
        report = verify_application("councils", app)
        assert report.findings == [], report.findings
    finally:
        app.close()
