"""The councils application's named commands answer the domain's own codes, in memory."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from uuid import uuid4

import pytest

from services.councils.application import CouncilCommands, CouncilsApplication
from shared.errors import ConflictError, DomainError, ForbiddenError, NotFoundError

FRAME = {"purpose": "Formål", "tasks": "Opgaver", "function": "Funktion"}
AGREED = {"centre_head": "ch-1", "department_head": "dh-1", "agreed_on": "2030-01-10"}


@pytest.fixture
async def commands() -> AsyncIterator[CouncilCommands]:
    app = CouncilsApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    commands = CouncilCommands(app)
    commands.committer.start()
    yield commands
    await asyncio.to_thread(commands.committer.stop)


async def test_each_aggregate_answers_its_own_not_found_and_exists(
    commands: CouncilCommands,
) -> None:
    with pytest.raises(NotFoundError) as missing:
        await commands.change_frame(uuid4(), FRAME, actor="admin")
    assert missing.value.code == "council_not_found"
    with pytest.raises(NotFoundError) as no_pool:
        await commands.report_spending(2031, "a1", spent=5, actor="admin")
    assert no_pool.value.code == "pool_not_found"
    await commands.open_pool(year=2031, actor="leader")
    with pytest.raises(ConflictError) as twice:
        await commands.open_pool(year=2031, actor="leader")
    assert twice.value.code == "pool_exists"
    assert twice.value.details["current_version"] == 1


async def test_the_follow_group_is_said_not_to_be_formed_yet(commands: CouncilCommands) -> None:
    with pytest.raises(NotFoundError) as missing:
        await commands.add_follow_group_member(
            person_ref="p1", role="relative", actor="leader", actor_is_leader=True
        )
    assert (missing.value.code, missing.value.message) == (
        "follow_group_not_found",
        "no follow group has been formed yet",
    )
    await commands.form_follow_group(name="Følgegruppen", actor="leader")
    with pytest.raises(ForbiddenError) as stranger:
        await commands.add_follow_group_member(person_ref="p1", role="relative", actor="x")
    assert stranger.value.code == "not_follow_group_member"
    added = await commands.add_follow_group_member(
        person_ref="p1", role="relative", actor="leader", actor_is_leader=True
    )
    assert isinstance(added.result, str) and added.version == 2


async def test_initiators_outside_the_electorate_are_refused(commands: CouncilCommands) -> None:
    await commands.apply_case_fact("t1", "case-1", 1, "opened", None)
    await commands.apply_case_fact("t1", "case-1", 2, "relative_added", "r1")
    formed = await commands.form_council(
        tilbud_id="t1",
        kind="relatives_council",
        frame=FRAME,
        seats={"relatives": 2, "citizens": 0, "staff": 1},
        agreement=AGREED,
        actor="admin",
    )
    await commands.open_pool(year=2031, actor="leader")
    with pytest.raises(DomainError) as refused:
        await commands.apply(
            2031,
            council_id=formed.aggregate_id,
            activity="Tur",
            amount=500,
            initiators=["r1", "r9"],
            actor="admin",
        )
    assert refused.value.code == "initiator_not_in_electorate"
    applied = await commands.apply(
        2031,
        council_id=formed.aggregate_id,
        activity="Tur",
        amount=500,
        initiators=["r1"],
        actor="admin",
    )
    assert applied.version == 2
