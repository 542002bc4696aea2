"""How the insight page (GDPR art. 15) writes a value for people, in Danish: Ja/Nej,
"ikke oplyst", dates as "3. december 2026 kl. 14.05" (Copenhagen time), field names by
their Danish labels, events, services and reads in words."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from shared.danish import day_words, moment_words
from shared.privacy.insight_events import event_name
from shared.privacy.insight_labels import LABELS

NOT_GIVEN = "ikke oplyst"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_INDEX = re.compile(r"\[(\d*)\]")

ROLES = {
    "caseworker": "sagsbehandler",
    "leader": "leder",
    "auditor": "revisor",
    "integration": "integration",
    "communications": "kommunikationen",
    "privacy_officer": "databeskyttelsesrådgiver",
    "operator": "driftsansvarlig",
    "council_admin": "rådsadministrator",
    "follow_group": "følgegruppe",
}
SERVICES = {
    "cases": "sagssystemet",
    "communication": "kommunikationen (breve, e-mails og sms'er)",
    "councils": "rådene (pårørenderåd og puljer)",
    "readside": "overblikket og revisionssporet",
}
TOPICS = {"pkraft.cases.v1": "sagssystemets hændelser", "pkraft.councils.v1": "rådenes hændelser"}
_READS = (
    ("/export", "lavede et udtræk til indsigt"),
    ("export", "lavede et udtræk til indsigt"),
    ("/contact", "hentede kontaktoplysninger for at sende besked"),
    ("/history", "så sagens historik"),
    ("/access-log", "så adgangsloggen"),
    ("GET /cases/", "så sagen"),
    ("/members", "så rådets medlemmer"),
    ("/elections/", "så et valg"),
    ("/by-tilbud/", "så tilbuddets råd"),
    ("GET /councils/", "så rådet"),
    ("GET /pools/", "så puljen"),
)


def danish_date(day: date) -> str:
    """``3. december 2026``."""
    return day_words(day)


def danish_moment(moment: datetime) -> str:
    """``3. december 2026 kl. 14.05`` in Copenhagen time (a naive time is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment_words(moment)


def scalar(value: object) -> str:
    """A single value as people read it (not yet HTML-escaped)."""
    if value is None:
        return NOT_GIVEN
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, datetime):
        return danish_moment(value)
    if isinstance(value, date):
        return danish_date(value)
    if isinstance(value, float):
        return f"{value:n}".replace(".", ",")
    text = str(value)
    if _MOMENT.fullmatch(text):
        return danish_moment(datetime.fromisoformat(text.replace("Z", "+00:00")))
    if _DATE.fullmatch(text):
        return danish_date(date.fromisoformat(text))
    return text


def label(key: str) -> str | None:
    """The Danish label of a field name (None: none known)."""
    return LABELS.get(key)


def path_label(path: str) -> str:
    """A stored field path (``channels.email``, ``actions[0].owner``) in words:
    ``kontaktkanaler, e-mail``, ``handlinger nr. 1, ansvarlig``."""
    words = []
    for part in path.split("."):
        if part == "*":
            continue
        bare = _INDEX.sub("", part)
        word = label(bare) or bare
        number = _INDEX.search(part)
        index = number.group(1) if number else ""
        words.append(f"{word} nr. {int(index) + 1}" if index else word)
    text = ", ".join(words)
    return text[:1].upper() + text[1:]


def unlabelled_path(path: str) -> list[str]:
    """The parts of a field path that have no label."""
    parts = (_INDEX.sub("", p) for p in path.split("."))
    return [p for p in parts if p != "*" and label(p) is None]


def event_words(name: str) -> str:
    """A stored or published event's Danish name."""
    return event_name(name) or "anden hændelse"


def read_words(endpoint: str) -> str:
    """What a read of the access log did, in words."""
    return next((words for part, words in _READS if part in endpoint), "så oplysningerne")


def event_name_missing(name: str) -> bool:
    """Whether a stored or published event has no Danish name (for the guard tests)."""
    return event_name(name) is None
