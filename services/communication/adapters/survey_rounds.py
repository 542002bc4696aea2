"""The facts behind the survey rounds' list (``application/survey_rounds.py``): the rounds
started (``comm_records`` of kind ``survey``), their invitations (``comm_messages`` of
rule ``survey_invitation``, counted by status; index ``comm_messages_trigger`` of r0005)
and their answers (``comm_records`` of kind ``survey_answer``)."""

from __future__ import annotations

import json

import sqlalchemy as sa

from services.communication.adapters import tables as t
from services.communication.application.survey_rounds import RULE, Invitations
from shared.sqldb import Database


class SqlRoundFacts:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _records(self, kind: str, prefix: str) -> list[dict[str, object]]:
        c = t.records.c
        query = sa.select(c.data).where(c.kind == kind, c.key.startswith(prefix, autoescape=True))
        with self._db.read() as tx:
            return [json.loads(r[0]) for r in tx.all(query)]

    def rounds(self, tilbud_id: str | None) -> list[tuple[str, int]]:
        found = self._records("survey", "" if tilbud_id is None else f"{tilbud_id}:")
        return [
            (str(r["tilbud_id"]), int(str(r["year"])))
            for r in found
            if tilbud_id is None or r["tilbud_id"] == tilbud_id
        ]

    def invitations(self, triggers: list[str]) -> dict[str, Invitations]:
        if not triggers:
            return {}
        c = t.messages.c
        query = (
            sa.select(c.trigger_id, c.status, sa.func.count(), sa.func.min(c.created_at))
            .where(c.rule == RULE, c.trigger_id.in_(triggers))
            .group_by(c.trigger_id, c.status)
        )
        with self._db.read() as tx:
            rows = tx.all(query)
        counts: dict[str, dict[str, int]] = {}
        first: dict[str, str] = {}
        for trigger, status, n, at in rows:
            counts.setdefault(trigger, {})[status] = int(n)
            first[trigger] = min(first.get(trigger, at), at)
        return {trigger: Invitations(by, first[trigger]) for trigger, by in counts.items()}

    def answers(self, tilbud_id: str, year: int) -> list[tuple[str, str]]:
        found = self._records("survey_answer", f"{tilbud_id}:{year}:")
        return [(str(r["question"]), str(r["ref"])) for r in found]
