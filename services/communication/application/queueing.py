"""Turning what a rule wants into queued messages: rendered once, recorded once."""

from __future__ import annotations

from datetime import datetime

from services.communication.application.ports import Renderer, StoreTx
from services.communication.domain.message import FAILED, QUEUED, Message, stamp
from services.communication.domain.model import Outgoing
from shared.contracts import communication as wire


def to_message(o: Outgoing, renderer: Renderer) -> Message:
    subject, text, html = renderer.render(o.template, o.context)
    return Message(
        message_id=o.message_id,
        rule=o.rule,
        trigger_id=o.trigger_id,
        template=o.template,
        case_id=o.case_id,
        tilbud_id=o.tilbud_id,
        recipient_type=o.recipient.kind,
        recipient_id=o.recipient.id,
        channel=o.recipient.channel,
        address=o.recipient.address,
        consent_scope=o.consent_scope,
        subject=subject,
        body_text=text,
        body_html=html,
        status=QUEUED if o.recipient.channel else FAILED,
        last_error=None if o.recipient.channel else "no_channel",
    )


def fields_of(m: Message) -> dict[str, object]:
    return {
        "message_id": m.message_id,
        "kind": m.template,
        "case_id": m.case_id,
        "tilbud_id": m.tilbud_id,
        "recipient_type": m.recipient_type,
        "recipient_id": m.recipient_id,
        "channel": m.channel or "none",
    }


def queue_all(
    tx: StoreTx, outgoing: list[Outgoing], renderer: Renderer, now: datetime, actor: str = "system"
) -> int:
    """Queue each message unless its id exists; returns how many were new.

    A recipient without any usable channel is recorded as failed (``no_channel``) so
    staff see it in the message log instead of it vanishing.
    """
    new = 0
    for o in outgoing:
        message = to_message(o, renderer)
        if not tx.queue(message, stamp(now)):
            continue
        new += 1
        common = {**fields_of(message), "occurred_at": now, "actor": actor}
        tx.publish(
            f"{message.message_id}:queued",
            message.message_id,
            wire.MessageQueued(**common, rule=o.rule, trigger_id=o.trigger_id),
        )
        if message.status == FAILED:
            tx.publish(
                f"{message.message_id}:failed",
                message.message_id,
                wire.MessageFailed(**common, attempts=0, reason="no_channel"),
            )
    return new
