"""Pure guard functions for the collaboration case.

Each guard either returns the normalised value (plain ``str``/``list``/``dict`` that
the JSON transcoder can store) or raises ``shared.errors.DomainError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from services.cases.domain.catalogue import StaircaseCatalogue
from services.cases.domain.enums import AgreementStatus, Channel, ComplainantKind, LegalRole
from services.cases.domain.validation import (
    optional_iso_date,
    require_enum,
    require_new_id,
    require_text,
)
from shared.errors import DomainError

LOCAL_TZ = ZoneInfo("Europe/Copenhagen")
"""Calendar dates (e.g. the planned move-in) are Danish local dates."""

RELATIVE_FIELDS = frozenset({"name", "relation", "legal_role", "channels", "preferred_channel"})


def channels_and_preferred(
    channels: object, preferred_channel: object
) -> tuple[dict[str, str], str | None]:
    """Validated contact channels; the preferred one must be among them."""
    if not isinstance(channels, Mapping):
        raise DomainError("invalid_channel", "'channels' must be a mapping.", field="channels")
    result = {
        require_enum(Channel, key, "invalid_channel", "channels"): require_text(
            address, f"channels.{key}"
        )
        for key, address in channels.items()
    }
    if preferred_channel is None:
        return result, None
    preferred = require_enum(Channel, preferred_channel, "invalid_channel", "preferred_channel")
    if preferred not in result:
        raise DomainError(
            "preferred_channel_missing",
            "The preferred channel must be one of the relative's channels.",
            preferred_channel=preferred,
        )
    return result, preferred


def agreement(item: object, taken_ids: Iterable[str]) -> dict[str, str | None]:
    """An agreement ``{agreement_id, topic, responsible, due_date}``."""
    if not isinstance(item, Mapping):
        raise DomainError("blank_text", "Each agreement must be an object.", field="agreements")
    return {
        "agreement_id": require_new_id(
            item.get("agreement_id"), taken_ids, "agreement_exists", "agreement_id"
        ),
        "topic": require_text(item.get("topic"), "topic"),
        "responsible": require_text(item.get("responsible"), "responsible"),
        "due_date": optional_iso_date(item.get("due_date"), "due_date"),
    }


def relative_changes(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validated changes to a relative; the result must still be consistent."""
    unknown = sorted(set(changes) - RELATIVE_FIELDS)
    if unknown:
        raise DomainError("unknown_relative_field", f"Cannot change {unknown}.", fields=unknown)
    if not changes:
        raise DomainError("no_changes", "No changes were given.")
    clean: dict[str, Any] = {}
    for field in ("name", "relation"):
        if field in changes:
            clean[field] = require_text(changes[field], field)
    if "legal_role" in changes:
        clean["legal_role"] = require_enum(
            LegalRole, changes["legal_role"], "invalid_legal_role", "legal_role"
        )
    if "channels" in changes or "preferred_channel" in changes:
        channels, preferred = channels_and_preferred(
            changes.get("channels", current["channels"]),
            changes.get("preferred_channel", current["preferred_channel"]),
        )
        if "channels" in changes:
            clean["channels"] = channels
        if "preferred_channel" in changes:
            clean["preferred_channel"] = preferred
    return clean


def before_planned_move_in(conversation_at: datetime, planned_move_in: str | None) -> None:
    """The move-in conversation is held before the citizen moves in."""
    if planned_move_in is None:
        return
    local_day = conversation_at.astimezone(LOCAL_TZ).date()
    if local_day >= date.fromisoformat(planned_move_in):
        raise DomainError(
            "move_in_after_planned",
            "The move-in conversation must be before the planned move-in date.",
            planned_move_in=planned_move_in,
        )


def checklist_items(catalogue: StaircaseCatalogue, items: Iterable[str]) -> list[str]:
    """Items of the move-in checklist, duplicates dropped."""
    allowed = catalogue.checklist_codes()
    codes = list(dict.fromkeys(items))
    for code in codes:
        if code not in allowed:
            raise DomainError(
                "unknown_checklist_item", f"Unknown checklist item {code!r}.", item=code
            )
    return codes


def item_notes(catalogue: StaircaseCatalogue, notes: Mapping[str, object]) -> dict[str, str]:
    """Notes per checklist item."""
    checklist_items(catalogue, notes.keys())
    return {code: require_text(text, f"item_notes.{code}") for code, text in notes.items()}


def participants(invitees: Iterable[str], relative_ids: Iterable[str]) -> list[str]:
    """Relatives who took part; only invited relatives can take part."""
    invited = set(invitees)
    result = list(dict.fromkeys(relative_ids))
    for rid in result:
        if rid not in invited:
            raise DomainError(
                "participant_not_invited",
                f"Relative {rid!r} was not invited to the conversation.",
                relative_id=rid,
            )
    return result


def agreements(items: Iterable[object], taken_ids: Iterable[str]) -> list[dict[str, str | None]]:
    """Agreements with ids new to the case and to each other."""
    taken = set(taken_ids)
    result = []
    for item in items:
        made = agreement(item, taken)
        taken.add(str(made["agreement_id"]))
        result.append(made)
    return result


def new_relative(
    existing: Iterable[str],
    relative_id: object,
    name: object,
    relation: object,
    legal_role: object,
    channels: object,
    preferred_channel: object,
) -> dict[str, Any]:
    """Event arguments of ``RelativeAdded`` (without the actor)."""
    rid = require_new_id(relative_id, existing, "relative_exists", "relative_id")
    if rid in set(ComplainantKind):
        raise DomainError(
            "reserved_relative_id",
            f"'relative_id' must not be {rid!r}: it names a complainant who is not a relative.",
            field="relative_id",
        )
    name_ = require_text(name, "name")
    relation_ = require_text(relation, "relation")
    role = require_enum(LegalRole, legal_role, "invalid_legal_role", "legal_role")
    chans, preferred = channels_and_preferred(channels, preferred_channel)
    return {
        "relative_id": rid,
        "name": name_,
        "relation": relation_,
        "legal_role": role,
        "channels": chans,
        "preferred_channel": preferred,
    }


def open_agreement(agreements: Mapping[str, Mapping[str, Any]], agreement_id: str) -> None:
    """An agreement that exists and is neither kept nor broken yet."""
    if agreement_id not in agreements:
        raise DomainError(
            "unknown_agreement", f"Unknown agreement {agreement_id!r}.", agreement_id=agreement_id
        )
    if agreements[agreement_id]["status"] != AgreementStatus.OPEN:
        raise DomainError(
            "agreement_already_settled",
            "The agreement is already marked kept or broken.",
            agreement_id=agreement_id,
        )


def open_complaint(complaints: Mapping[str, Mapping[str, Any]], complaint_id: str) -> None:
    """A complaint that exists and is not resolved yet."""
    if complaint_id not in complaints:
        raise DomainError(
            "unknown_complaint", f"Unknown complaint {complaint_id!r}.", complaint_id=complaint_id
        )
    if complaints[complaint_id]["outcome"] is not None:  # (resolution text may be erased)
        raise DomainError(
            "complaint_already_resolved",
            "The complaint is already resolved.",
            complaint_id=complaint_id,
        )


def complainant(value: object, relatives: Mapping[str, Any]) -> str:
    """Who complains: a relative of the case (by id), ``citizen`` or ``other``."""
    who = require_text(value, "complainant")
    if who in set(ComplainantKind) or who in relatives:
        return who
    allowed = [k.value for k in ComplainantKind]
    raise DomainError(
        "unknown_complainant",
        f"'complainant' must be the id of a relative of the case or one of {allowed}.",
        field="complainant",
    )
