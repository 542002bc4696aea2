"""Domain error types shared by every service.

Rules raise these with a stable, machine-readable ``code``; the HTTP layer maps
them to status codes in one place (``shared.http.errors``), never per route.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A broken business rule (HTTP 422)."""

    status = 422

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


class NotFoundError(DomainError):
    """An unknown aggregate or sub-entity (HTTP 404)."""

    status = 404


class ConflictError(DomainError):
    """A state conflict such as a stale version or a duplicate (HTTP 409)."""

    status = 409


class ForbiddenError(DomainError):
    """A rule about who may do something, decided by the domain (HTTP 403)."""

    status = 403
