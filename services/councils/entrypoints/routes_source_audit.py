"""``GET /audit/verify`` and ``GET /audit/public-key``: the councils store's own chain."""

from __future__ import annotations

from shared.http.source_audit import source_audit_router

router = source_audit_router("councils")
