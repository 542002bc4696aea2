"""A route's call of one named command: ``**on.by`` passes who runs it and the version
its ``If-Match`` names, checked by the type checker against the command's signature:

    done = await on.commands.grant_consent(on.case_id, relative_id, scope=s, **on.by)
"""

from __future__ import annotations

from typing import TypedDict


class By(TypedDict):
    """The keyword arguments every named command takes from its route."""

    actor: str
    expected_version: int | None


class Caller:
    """Mixed into a service's call dependency (``CaseCall``, ``CouncilCall``), which holds
    the caller's user id and the If-Match version."""

    actor: str
    version: int | None

    @property
    def by(self) -> By:
        return {"actor": self.actor, "expected_version": self.version}
