"""Verify an application's own store: read its rows, recompute, report."""

from __future__ import annotations

from typing import Any

from shared.sourcechain.verify import Finding, Report, verify_rows


def verify_application(service: str, app: Any, checkpoint: dict[str, Any] | None = None) -> Report:
    """The report for ``app``'s event store (its recorder must be a chained one)."""
    read_all = getattr(app.recorder, "read_all", None)
    if read_all is None:
        report = Report(service)
        report.findings.append(
            Finding("unchained", None, None, None, "the store's recorder keeps no chain")
        )
        return report
    events, links = read_all()
    return verify_rows(service, events, links, checkpoint)
