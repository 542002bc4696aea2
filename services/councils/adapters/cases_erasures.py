"""When the cases service erases a relative, the name they were nominated (or appointed)
under in the council of their tilbud is erased too.

``subject_erased`` on ``pkraft.cases.v1`` carries ids and a code only: the tilbud, the
relative id, the reason and who erased. The council of a tilbud has a fixed id, and a
person named in it under their relative id is the subject ``person:<council id>:<relative
id>``; when that subject has a key in the councils store it is erased like any councils
subject (``SubjectErased`` on the council, the key destroyed), with the same reason and
actor. A relative never named in the council has no key there: nothing to do.
"""

from __future__ import annotations

import asyncio

from services.councils.domain.council import Council
from services.councils.domain.council_privacy import person_subject
from shared.contracts import cases
from shared.kafka.cloudevents import InboundEvent
from shared.kafka.consumer import Delivery, Handler
from shared.logging import get_logger
from shared.privacy.erasure import SubjectEraser

log = get_logger(__name__)


def erasure_handler(eraser: SubjectEraser, otherwise: Handler) -> Handler:
    """``when_relative_erased_erase_their_council_name``; every other case event goes to
    ``otherwise`` (the electorate). One subscriber, one call per message."""

    async def when_relative_erased_erase_their_council_name(
        event: InboundEvent, delivery: Delivery
    ) -> None:
        if event.type != cases.SubjectErased.ce_type():
            await otherwise(event, delivery)
            return
        erased = cases.SubjectErased.model_validate(event.data)  # malformed: dead letter
        if erased.relative_id is None:
            return  # the citizen: the council holds nothing of theirs
        council_id = Council.create_id(erased.tilbud_id)
        subject = person_subject(council_id, erased.relative_id)
        if not await asyncio.to_thread(eraser.keys.exists, subject):
            return  # never named in the council
        await eraser.erase(subject, erased.reason, erased.actor)  # a repeat answers the first
        log.info("council_subject_erased", council_id=str(council_id), case_id=str(erased.case_id))

    return when_relative_erased_erase_their_council_name
