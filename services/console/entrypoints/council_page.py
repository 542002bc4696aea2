"""What a council's page shows besides the council: people by name (members and
candidates as the councils API names them) and, for a council administrator while an
election takes candidates or votes, the tilbud's relatives to choose from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.console.application import Console, User
from services.console.domain.people import council_people

IN_PROGRESS = ("nominating", "voting")


def namer(names: dict[str, str]) -> Callable[[str], str]:
    """A person's name where the APIs give one, else the reference the council keeps
    (a staff member's user id)."""

    def who(ref: str) -> str:
        return names.get(ref) or ref

    return who


async def council_context(console: Console, user: User, council: dict[str, Any]) -> dict[str, Any]:
    names = council_people(council)
    electorate: list[tuple[str, str]] = []
    running = any(e.get("status") in IN_PROGRESS for e in council.get("elections", []))
    if user.has("council_admin") and running:
        electorate = await console.electorate(user, council)
        names = {**dict(electorate), **names}
    return {"council": council, "who": namer(names), "electorate": electorate}
