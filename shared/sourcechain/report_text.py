"""The verify report for a terminal: a summary and one line per finding, or JSON."""

from __future__ import annotations

import json

from shared.sourcechain.verify import Report


def render(report: Report, as_json: bool) -> str:
    data = report.as_dict()
    if as_json:
        return json.dumps(data, indent=2, sort_keys=True)
    head = data["head"]
    lines = [
        f"{report.service}: {report.events} stored events, chain head "
        f"{head['notification_id']} {head['hash'][:16]}…, checkpoint "
        f"{report.checkpoint_status}"
        + (f" at {report.checkpoint['notification_id']}" if report.checkpoint else ""),
    ]
    for f in report.findings:
        where = f"{f.aggregate_id} v{f.version}" if f.aggregate_id is not None else "the store"
        lines.append(f"  {f.kind:<20} {where} (notification {f.notification_id}): {f.detail}")
    lines.append("OK: nothing found" if report.ok else f"FOUND: {data['counts']}")
    return "\n".join(lines)
