"""The communication service's FastAPI app."""

from __future__ import annotations

from services.communication.bootstrap import build
from services.communication.config import CommunicationSettings
from services.communication.entrypoints import (
    routes_broadcasts,
    routes_evenings,
    routes_messages,
    routes_signups,
    routes_survey_rounds,
    routes_surveys,
)
from shared.http.service import api_factory

DESCRIPTION = """Messages to relatives and staff: triggered by case and council events or
written by staff (newsletters, theme evenings, survey rounds). Never to a relative without
the citizen's consent for that scope at sending time. The message log shows what was sent
to whom, when, on which channel, and its state."""

ROUTERS = [
    routes_messages.router,
    routes_broadcasts.router,
    routes_evenings.router,
    routes_signups.router,
    routes_surveys.router,
    routes_survey_rounds.router,
]

create_app = api_factory(
    CommunicationSettings,
    build,
    name="communication",
    title="Pårørendekraft communication service",
    description=DESCRIPTION,
    routers=ROUTERS,
)
