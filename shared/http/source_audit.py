"""``GET /audit/verify`` and ``GET /audit/public-key`` (role ``auditor``): a service's own
store checked against its chain and its latest signed checkpoint (``shared.sourcechain``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from shared.auth import Principal, Role
from shared.errors import NotFoundError
from shared.http.openapi import error_responses
from shared.http.security import require_roles
from shared.sourcechain.audit import service_public_key, verify_service
from shared.sourcechain.signing import SigningKeyError


class ChainFinding(BaseModel):
    """One thing wrong with the store, named by aggregate and version where known."""

    kind: str = Field(
        description="altered, missing, extra, reordered, unreadable, checkpoint_mismatch "
        "or checkpoint_forged (docs/audit.md)."
    )
    notification_id: int | None
    aggregate_id: str | None
    version: int | None
    detail: str


class ChainHead(BaseModel):
    notification_id: int
    hash: str


class SignedCheckpoint(BaseModel):
    """A relay's signed chain head (ids and hashes only)."""

    service: str
    notification_id: int
    hash: str
    signed_at: str
    signature: str = Field(description="Base64 Ed25519 signature (docs/audit.md).")


class ChainReport(BaseModel):
    """The store's chain recomputed from its rows."""

    service: str
    ok: bool
    events: int
    head: ChainHead
    checkpoint: SignedCheckpoint | None = Field(
        description="The newest validly signed checkpoint found on the service's topic "
        "(null when `through` was given: its findings say whether the chain passes)."
    )
    checkpoint_status: str = Field(
        description="verified, none_found, unavailable, skipped, or given (`through`)."
    )
    counts: dict[str, int]
    findings: list[ChainFinding]


class PublicKey(BaseModel):
    service: str
    algorithm: str = "Ed25519"
    public_key_pem: str


Auditor = Annotated[Principal, Depends(require_roles(Role.AUDITOR))]

# A signed checkpoint's place and hash: up to MAX_SAFE_INT (16 digits), SHA-256 in hex.
THROUGH = r"^[0-9]{1,16}:[0-9a-f]{64}$"


def source_audit_router(service_name: str) -> APIRouter:
    """The routes of the service in ``request.app.state.service`` (``app``, ``settings``
    with ``topic`` and ``common``)."""
    router = APIRouter(prefix="/audit", tags=["audit"])

    @router.get("/verify")
    async def verify(
        request: Request,
        user: Auditor,
        broker: Annotated[
            bool, Query(description="Check against the newest signed checkpoint on the topic.")
        ] = True,
        through: Annotated[
            str | None,
            Query(
                pattern=THROUGH,
                description="`<notification id>:<hash>` of a signed checkpoint the caller "
                "holds: check the chain passes through it instead of reading the topic "
                "(checkpoint_status `given`).",
            ),
        ] = None,
    ) -> ChainReport:
        """Recompute the store's chain; every altered, missing, extra or reordered event
        by aggregate and version, and whether the chain passes through the checkpoint."""
        service = request.app.state.service
        settings = service.settings
        nid, _, hash_ = (through or "").partition(":")
        report = await verify_service(
            service_name,
            service.app,
            settings.common,
            settings.topic,
            broker=broker,
            through=(int(nid), hash_) if through else None,
        )
        return ChainReport.model_validate(report.as_dict())

    @router.get("/public-key", responses=error_responses(404))
    async def public_key(request: Request, user: Auditor) -> PublicKey:
        """The public key that checks this service's signed checkpoints (404
        `signing_key_not_found` where this process has no signing key file)."""
        common = request.app.state.service.settings.common
        try:
            pem = service_public_key(common, service_name)
        except (SigningKeyError, OSError, ValueError) as exc:
            raise NotFoundError(
                "signing_key_not_found", "this service has no signing key file (docs/audit.md)"
            ) from exc
        return PublicKey(service=service_name, public_key_pem=pem)

    return router
