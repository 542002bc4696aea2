"""The councils service's data subjects for the shared privacy pieces (``shared.privacy``):
``person:<council id>:<person_ref>``, ``text:<council id>`` (held by the council) and
``text:<pool id>:<application id>`` (held by the pool); the eraser of the API and CLI."""

from __future__ import annotations

from uuid import UUID

from services.councils.adapters.private_store import PrivateCouncilsApplication
from services.councils.application import CouncilCommands
from services.councils.domain.council_privacy import ErasureReason, parse_subject
from shared.privacy.erasure import SubjectEraser
from shared.privacy.subjects import SubjectNaming


def _aggregate_of(subject_id: str) -> str:
    return str(parse_subject(subject_id)[1])


NAMING = SubjectNaming(
    forms="person:<council id>:<person_ref>, text:<council id> or text:<pool id>:<application id>",
    aggregate_of=_aggregate_of,
    reasons=ErasureReason,
)


def councils_eraser(app: PrivateCouncilsApplication, commands: CouncilCommands) -> SubjectEraser:
    """Erases councils subjects: ``SubjectErased`` on the council (or pool), then the key."""

    async def record(aggregate_id: UUID, subject_id: str, reason: str, actor: str) -> int | None:
        outcome = await commands.erase_subject(subject_id, reason=reason, actor=actor)
        version: int = outcome.version
        return version

    return SubjectEraser(NAMING, app.keys, record, app.forget_snapshots)
