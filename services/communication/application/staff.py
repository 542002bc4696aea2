"""Staff actions: newsletters, survey rounds, preferences, and the message log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.communication.application.ports import Renderer, Store
from services.communication.application.queueing import queue_all
from services.communication.domain.audience import Broadcast, audience
from services.communication.domain.message import Message
from services.communication.domain.model import CaseView, Preferences, RelativeView
from shared.contracts import communication as wire
from shared.errors import ConflictError, DomainError, NotFoundError
from shared.organisation import OrganisationDirectory, require_tilbud

SURVEY_INTERVAL_YEARS = 4


class StaffActions:
    """Thin application methods behind the API (synchronous; the API runs them in threads)."""

    def __init__(
        self,
        store: Store,
        renderer: Renderer,
        clock: Callable[[], datetime],
        organisation: OrganisationDirectory | None = None,
    ) -> None:
        self._store = store
        self._renderer = renderer
        self._clock = clock
        self._organisation = organisation

    def _require_tilbud(self, tilbud_ids: list[str]) -> None:
        """Refuse a tilbud the organisation does not hold (422 ``unknown_tilbud``)."""
        if self._organisation is None:
            return
        for tilbud_id in tilbud_ids:
            require_tilbud(self._organisation, tilbud_id)

    def send_newsletter(
        self, newsletter_id: str, tilbud_ids: list[str], subject: str, body: str, actor: str
    ) -> int:
        """Queue a newsletter to the consenting relatives of the tilbud; answers how many."""
        self._require_tilbud(tilbud_ids)
        now = self._clock()
        b = Broadcast(
            "newsletter",
            f"newsletter:{newsletter_id}",
            "newsletter",
            {"subject": subject, "body": body},
        )
        with self._store.transaction() as tx:
            record = {
                "newsletter_id": newsletter_id,
                "tilbud_ids": tilbud_ids,
                "subject": subject,
                "actor": actor,
                "at": now.isoformat(),
            }
            if not tx.put_record("newsletter", newsletter_id, record):
                raise ConflictError("newsletter_exists", "a newsletter with that id was sent")
            queued = queue_all(tx, audience(tx.cases_of(tilbud_ids), b), self._renderer, now, actor)
            tx.publish(
                f"newsletter:{newsletter_id}",
                newsletter_id,
                wire.NewsletterQueued(
                    occurred_at=now,
                    actor=actor,
                    newsletter_id=newsletter_id,
                    tilbud_ids=tilbud_ids,
                    recipients=queued,
                ),
            )
        return queued

    def start_survey_round(self, tilbud_id: str, year: int, actor: str) -> int:
        """Satisfaction survey invitations; a tilbud is surveyed every fourth year."""
        self._require_tilbud([tilbud_id])
        now = self._clock()
        round_id = f"{tilbud_id}:{year}"
        with self._store.transaction() as tx:
            for earlier in tx.records("survey", f"{tilbud_id}:"):
                if abs(year - int(earlier["year"])) < SURVEY_INTERVAL_YEARS:
                    raise DomainError(
                        "survey_round_too_soon",
                        "a tilbud is surveyed every fourth year",
                        previous_year=earlier["year"],
                    )
            tx.put_record("survey", round_id, {"tilbud_id": tilbud_id, "year": year})
            b = Broadcast(
                "survey_invitation", f"survey:{round_id}", "survey_invitation", {"year": year}
            )
            queued = queue_all(
                tx, audience(tx.cases_of([tilbud_id]), b), self._renderer, now, actor
            )
            tx.publish(
                f"survey:{round_id}",
                round_id,
                wire.SurveyRoundStarted(
                    occurred_at=now,
                    actor=actor,
                    round_id=round_id,
                    tilbud_id=tilbud_id,
                    year=year,
                    recipients=queued,
                ),
            )
        return queued

    def set_preferences(self, case_id: str, relative_id: str, prefs: Preferences) -> Preferences:
        """A relative's channel, opt-outs and interests (checked again at sending time)."""
        with self._store.transaction() as tx:
            view, relative = _relative(tx.load_case(case_id), relative_id)
            if prefs.preferred_channel and prefs.preferred_channel not in relative.channel_kinds:
                raise DomainError(
                    "channel_not_known",
                    "the relative has no such channel",
                    channels=sorted(relative.channel_kinds),
                )
            relative.preferences = prefs
            tx.save_case(view)
        return prefs

    def preferences(self, case_id: str, relative_id: str) -> Preferences:
        with self._store.transaction() as tx:
            return _relative(tx.load_case(case_id), relative_id)[1].preferences

    def set_easy_read(self, case_id: str, easy_read: bool) -> None:
        """The citizen's functional level calls for easy-read letters."""
        with self._store.transaction() as tx:
            view = tx.load_case(case_id)
            if view is None:
                raise NotFoundError("case_not_found", "no case with that id is known here")
            view.easy_read = easy_read
            tx.save_case(view)

    def message_log(self, case_id: str, relative_id: str | None = None) -> list[Message]:
        with self._store.transaction() as tx:
            if tx.load_case(case_id) is None:
                raise NotFoundError("case_not_found", "no case with that id is known here")
            return tx.messages(case_id=case_id, relative_id=relative_id)

    def message(self, message_id: str) -> Message:
        with self._store.transaction() as tx:
            found = tx.load_message(message_id)
        if found is None:
            raise NotFoundError("message_not_found", "no message with that id")
        return found

    def database_answers(self) -> bool:
        """Readiness probe: the service's database answers a query."""
        with self._store.transaction() as tx:
            tx.load_message("")
        return True

    def newsletters(self) -> list[dict[str, Any]]:
        with self._store.transaction() as tx:
            return tx.records("newsletter", "")


def _relative(view: CaseView | None, relative_id: str) -> tuple[CaseView, RelativeView]:
    if view is None:
        raise NotFoundError("case_not_found", "no case with that id is known here")
    relative = view.relatives.get(relative_id)
    if relative is None or relative.removed:
        raise NotFoundError("relative_not_found", "no such relative on the case")
    return view, relative
