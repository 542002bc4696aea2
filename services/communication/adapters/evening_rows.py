"""A theme evening's row (as r0002 sealed it; r0003 made events of it) and a
registrant's queued messages, with the registrant's
personal fields sealed (``registrant_keys.py``)."""

from __future__ import annotations

import json
from typing import Any

from services.communication.adapters.registrant_keys import RegistrantKeys

FIELDS = ("name", "email", "phone")
CANCELLED = "theme evening sign-up cancelled"


def sealed_evening(data: dict[str, Any], keys: RegistrantKeys) -> dict[str, Any]:
    """The evening's JSON as stored: live sign-ups sealed; a cancelled one's key destroyed
    and its fields dropped."""
    evening_id = data["evening_id"]
    for r in data.get("registrations", []):
        rid = r["registration_id"]
        cancelled = r["status"] == "cancelled"
        if cancelled:
            keys.destroy(evening_id, rid, CANCELLED)
        for field in FIELDS:
            if field in r:
                r[field] = None if cancelled else keys.seal(evening_id, rid, field, r[field])
    return data


def _registrant(
    recipient_type: str, trigger_id: str | None, recipient_id: str
) -> tuple[str, str] | None:
    if recipient_type != "registrant" or not (trigger_id or "").startswith("evening:"):
        return None
    return str(trigger_id).removeprefix("evening:"), recipient_id


def seal_message(values: dict[str, Any], keys: RegistrantKeys) -> dict[str, Any]:
    """A registrant's message as stored: its address and the name in its context sealed."""
    who = _registrant(values["recipient_type"], values["trigger_id"], values["recipient_id"])
    if who is None:
        return values
    context = json.loads(values["context"] or "{}")
    if "name" in context:
        context["name"] = keys.seal(*who, "name", context["name"])
    address = keys.seal(*who, "email", values["address"])
    return {**values, "address": address, "context": json.dumps(context, sort_keys=True)}


def open_message(values: dict[str, Any], keys: RegistrantKeys) -> dict[str, Any]:
    """The message as the sender needs it (a destroyed key: no address, no name)."""
    who = _registrant(values["recipient_type"], values["trigger_id"], values["recipient_id"])
    if who is None:
        return values
    context = json.loads(values["context"] or "{}")
    if "name" in context:
        context["name"] = keys.open(*who, "name", context["name"]) or ""
    address = keys.open(*who, "email", values["address"])
    return {**values, "address": address, "context": json.dumps(context, sort_keys=True)}
