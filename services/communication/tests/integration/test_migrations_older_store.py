"""A store older than release 7728eb6 (names and addresses kept here, no ``context``
column) is taken over by the baseline revision as 7728eb6's start did: the column is
added, relatives' finished messages and the case views lose names and addresses, and a
waiting message keeps what it needs to be sent."""

from __future__ import annotations

import json

from services.communication.adapters.store import SqlStore
from shared.eventstore import StoreUrl
from shared.sqldb import Database

OLD_MESSAGES = (
    "CREATE TABLE comm_messages (message_id TEXT PRIMARY KEY, rule TEXT NOT NULL, "
    "trigger_id TEXT NOT NULL, template TEXT NOT NULL, case_id TEXT, tilbud_id TEXT, "
    "recipient_type TEXT NOT NULL, recipient_id TEXT NOT NULL, channel TEXT, address TEXT, "
    "consent_scope TEXT, subject TEXT NOT NULL, body_text TEXT NOT NULL, "
    "body_html TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, "
    "next_attempt_at TEXT NOT NULL, lease_until TEXT, last_error TEXT, "
    "created_at TEXT NOT NULL, sent_at TEXT)"
)
OLD_CASES = (
    "CREATE TABLE comm_cases (case_id TEXT PRIMARY KEY, tilbud_id TEXT NOT NULL, "
    "data TEXT NOT NULL)"
)
RELATIVE: dict[str, object] = {
    "relative_id": "a",
    "display_name": "Navn a",
    "channels": {"email": "secret-a@x.dk"},
    "preferred_channel": None,
    "removed": False,
    "consents": ["send_messages"],
    "preferences": {"preferred_channel": None, "opt_out_kinds": [], "interests": []},
}


def message(message_id: str, status: str) -> tuple[object, ...]:
    return (message_id, "welcome", "c1:1", "welcome", "c1", "lyngen", "relative", "a",
            "email", "secret-a@x.dk", "send_messages", "Velkommen", "Kære Navn a",
            "<p>Kære Navn a</p>", status, 1, "2031-03-01T09:00:00Z", None, None,
            "2031-03-01T09:00:00Z", None)  # fmt: skip


def test_an_older_store_is_scrubbed_by_the_baseline(store_url: str) -> None:
    db = Database(store_url)
    try:
        with db.transaction() as tx:
            tx.execute(OLD_MESSAGES)
            tx.execute(OLD_CASES)
            for row in (message("m-sent", "sent"), message("m-queued", "queued")):
                tx.run(f"INSERT INTO comm_messages VALUES ({', '.join('?' * 21)})", row)
            view = {"case_id": "c1", "tilbud_id": "lyngen", "relatives": {"a": RELATIVE}}
            tx.run("INSERT INTO comm_cases VALUES ('c1', 'lyngen', ?)", (json.dumps(view),))

        SqlStore(StoreUrl.parse(store_url)).close()  # dev mode: migrated at start

        with db.read() as tx:
            rows = tx.all(
                "SELECT message_id, address, body_text, context FROM comm_messages "
                "ORDER BY message_id"
            )
            data = tx.one("SELECT data FROM comm_cases")
        assert [tuple(r) for r in rows] == [
            ("m-queued", "secret-a@x.dk", "Kære Navn a", "{}"),
            ("m-sent", None, "", "{}"),
        ]
        assert data is not None
        relative = json.loads(data[0])["relatives"]["a"]
        assert "display_name" not in relative and "channels" not in relative
        assert relative["consents"] == ["send_messages"]
    finally:
        db.close()
