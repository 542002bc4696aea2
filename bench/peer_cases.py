"""The peer of the cases API: a plain FastAPI + eventsourcing app, as one would first write it.

Per request: verify the bearer token and its role (``shared.auth.TokenVerifier``, the
check the service makes, so both pay for authentication), load the case from the store,
call ``note_dialogue``, save, answer the new version. No group commit, no aggregate
cache (the library's default), a plain ``def`` route (FastAPI runs it in its thread
pool, as it would any blocking library call). Same store, same application class (per
subject encryption, chained recorder) and same data as the service.

Not a benchmark of its own: ``bench/cases_commands.py`` starts it as
``python -m bench.peer_cases --url URL --port PORT``.
"""

from __future__ import annotations

import argparse
from typing import Annotated
from uuid import UUID, uuid4

import uvicorn
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from services.cases.adapters.master_key import open_key_store
from services.cases.adapters.private_store import PrivateCasesApplication
from services.cases.config import CasesSettings
from services.cases.domain.case import CollaborationCase
from shared.auth import AuthError, Principal, TokenVerifier
from shared.eventstore import StoreUrl

WRITERS = frozenset({"caseworker", "leader"})


class DialogueNote(BaseModel):
    kind: str
    summary: str


class Accepted(BaseModel):
    case_id: UUID
    version: int
    note_id: str


def plain_application(url: str) -> PrivateCasesApplication:
    """The service's application class on ``url``, without the aggregate cache."""
    settings = CasesSettings(database_url=url)
    env = StoreUrl.parse(url).application_env(cache_size=settings.cache_size)
    env.pop("AGGREGATE_CACHE_MAXSIZE")
    return PrivateCasesApplication(
        env, snapshot_interval=settings.snapshot_interval, keys=open_key_store(settings)
    )


_bearer = HTTPBearer(auto_error=False)


def writer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller, from a valid bearer token holding a writing role (401, 403 otherwise)."""
    if credentials is None:
        raise HTTPException(401, "a bearer token is required")
    verifier: TokenVerifier = request.app.state.verifier
    try:
        user = verifier.verify(credentials.credentials)
    except AuthError as exc:
        raise HTTPException(401, str(exc)) from exc
    if not user.has_any(*WRITERS):
        raise HTTPException(403, "this needs the role caseworker or leader")
    return user


Writer = Annotated[Principal, Depends(writer)]


def note_dialogue(case_id: UUID, body: DialogueNote, user: Writer, request: Request) -> Accepted:
    """Load the case, note a dialogue, save."""
    cases: PrivateCasesApplication = request.app.state.cases
    case: CollaborationCase = cases.repository.get(case_id)
    note_id = uuid4().hex
    case.note_dialogue(
        note_id=note_id, kind=body.kind, summary=body.summary, participants=[], actor=user.sub
    )
    cases.save(case)
    return Accepted(case_id=case_id, version=case.version, note_id=note_id)


def healthz() -> dict[str, str]:
    return {"status": "ok"}


def create_app(url: str) -> FastAPI:
    api = FastAPI(title="peer: plain FastAPI + eventsourcing")
    api.state.verifier = TokenVerifier(CasesSettings(database_url=url).common)
    api.state.cases = plain_application(url)
    api.get("/healthz")(healthz)
    api.post("/cases/{case_id}/dialogue-notes", status_code=201)(note_dialogue)
    return api


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.run(create_app(args.url), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
