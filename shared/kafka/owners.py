"""The owner rule: on each topic, only what the topic's owner publishes is accepted.

Every topic has one owner (the service whose contract in ``shared/contracts`` names it:
its ``TOPIC``, ``SOURCE`` and ``registry``). A message from another ``source``, or of a
type the owner does not publish, is refused (``Rejected``) with reason
``foreign_source`` or ``unknown_type``; a topic no service owns with ``unknown_topic``.
The shared subscriber applies this before any handler (or its dedupe) runs, so a forged
event can neither trigger anything nor take the ``ce_id`` of a real one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shared.contracts import cases, communication, councils
from shared.contracts.base import Registry
from shared.kafka.errors import Delivery, Rejected
from shared.sourcechain import CHECKPOINT_TYPE


@dataclass(frozen=True)
class Owner:
    """Who publishes on a topic: its ``source`` and the event types of its contract."""

    source: str
    registry: Registry


OWNERS = {c.TOPIC: Owner(c.SOURCE, c.registry) for c in (cases, communication, councils)}


def owner_of(topic: str) -> Owner | None:
    """The contract that owns ``topic``: by its name, or by the domain a renamed topic
    names (``cases-test``, ``prod.cases.v1``: the owner is the cases service)."""
    if topic in OWNERS:
        return OWNERS[topic]
    words = set(re.split(r"[.\-_]", topic))
    for name, owner in OWNERS.items():
        if name.split(".")[1] in words:
            return owner
    return None


def accept(topic: str, source: str, ce_type: str, *, delivery: Delivery | None = None) -> None:
    """Refuse (``Rejected``) what the owner of ``topic`` does not publish.

    The relays' signed checkpoints (``pkraft.checkpoint``) are accepted from the owner's
    source: they are no contract type, and callers skip them.
    """
    owner = owner_of(topic)
    if owner is None:
        raise Rejected(f"no service owns topic {topic}", reason="unknown_topic", delivery=delivery)
    if source != owner.source:
        raise Rejected(f"source is not {owner.source}", reason="foreign_source", delivery=delivery)
    if ce_type != CHECKPOINT_TYPE and owner.registry.model_for(ce_type) is None:
        raise Rejected(
            f"{owner.source} publishes no type {ce_type}", reason="unknown_type", delivery=delivery
        )
