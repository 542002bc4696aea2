"""The cases service's data subjects for the shared privacy pieces (``shared.privacy``):
``citizen:<case id>`` and ``relative:<case id>:<relative id>``, held by the case; the
eraser of the API, the CLI and retention."""

from __future__ import annotations

from uuid import UUID

from services.cases.adapters.private_store import PrivateCasesApplication
from services.cases.application import CaseCommands
from services.cases.domain.case_privacy import ErasureReason, parse_subject
from shared.privacy.erasure import SubjectEraser
from shared.privacy.subjects import SubjectNaming


def _case_of(subject_id: str) -> str:
    return parse_subject(subject_id)[1]


NAMING = SubjectNaming(
    forms="citizen:<case id> or relative:<case id>:<relative id>",
    aggregate_of=_case_of,
    reasons=ErasureReason,
    aggregate_field="case_id",
    version_field="case_version",
)


def case_eraser(app: PrivateCasesApplication, commands: CaseCommands) -> SubjectEraser:
    """Erases cases subjects: ``SubjectErased`` on the case, then the key."""

    async def record(case_id: UUID, subject_id: str, reason: str, actor: str) -> int | None:
        outcome = await commands.erase_subject(
            case_id, subject_id=subject_id, reason=reason, actor=actor
        )
        return outcome.version

    return SubjectEraser(NAMING, app.keys, record, app.forget_snapshots)
