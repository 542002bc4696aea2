"""Turning what a rule wants into queued messages, recorded once.

A message is rendered when it is sent, not here: a relative's name and address are
fetched from the cases service at that moment, so the message log holds only ids, codes,
the subject line and the template's context (no name, no address, no body).
"""

from __future__ import annotations

import json
from datetime import datetime

from services.communication.application.ports import Renderer, StoreTx
from services.communication.domain.message import FAILED, QUEUED, Message, stamp
from services.communication.domain.model import Outgoing
from shared.contracts import communication as wire

# The subject line is rendered now (no template puts a name in it), for the message log.
NO_NAME = {"name": ""}


def to_message(o: Outgoing, renderer: Renderer) -> Message:
    context = {**o.context, **NO_NAME, "message_id": o.message_id}
    subject, _text, _html = renderer.render(o.template, context)
    resolved_later = o.recipient.kind == "relative"
    usable = resolved_later or bool(o.recipient.channel)
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
        body_text="",
        body_html="",
        status=QUEUED if usable else FAILED,
        last_error=None if usable else "no_channel",
        context=json.dumps(o.context, sort_keys=True, default=str),
    )


def fields_of(m: Message) -> dict[str, object]:
    return {
        "message_id": m.message_id,
        "kind": m.template,
        "case_id": m.case_id,
        "tilbud_id": m.tilbud_id,
        "recipient_type": m.recipient_type,
        "recipient_id": m.recipient_id,
        "channel": m.channel or ("pending" if m.recipient_type == "relative" else "none"),
    }


def queue_all(
    tx: StoreTx, outgoing: list[Outgoing], renderer: Renderer, now: datetime, actor: str = "system"
) -> int:
    """Queue each message unless its id exists; returns how many were new.

    A staff or citizen recipient without a usable channel is recorded as failed
    (``no_channel``) so staff see it in the message log instead of it vanishing; a
    relative's channel is chosen when the message is sent.
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
            wire.message_event(wire.MessageQueued, **common, rule=o.rule, trigger_id=o.trigger_id),
        )
        if message.status == FAILED:
            tx.publish(
                f"{message.message_id}:failed",
                message.message_id,
                wire.message_event(wire.MessageFailed, **common, attempts=0, reason="no_channel"),
            )
    return new
