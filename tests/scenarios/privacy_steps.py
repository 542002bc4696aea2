"""Steps and checks of the privacy scenario (tests/scenarios/test_privacy_done.py): the
API calls it makes as each role, and the searches of topics, stores and bytes."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer

from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import raw_bytes
from tests.kafka_helpers import read_topic
from tests.scenarios.system_processes import System

CW, LEADER = auth("caseworker", "cw-carl"), auth("leader", "lea")
AUDITOR, OFFICER = auth("auditor", "aud-asta"), auth("privacy_officer", "dpo-ditte")
ADMIN, COMMS = auth("council_admin", "ca-cille"), auth("communications", "kom-kim")
ACTORS = {id(CW): "cw-carl", id(LEADER): "lea", id(AUDITOR): "aud-asta"}
CANDIDATE = "Kandidat-Bodil-Xylofonvej"
DETAIL, HISTORY = "GET /cases/{case_id}", "GET /cases/{case_id}/history"
CONTACT = "GET /cases/{case_id}/relatives/{relative_id}/contact"


def wait_for(check: Callable[[], Any], timeout: float = 45) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def ok(r: httpx.Response) -> Any:
    assert r.status_code in (200, 201), (r.request.url, r.text)
    return r.json()


class Reader:
    """GETs of personal data from the cases API, each one remembered as (actor, endpoint)."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.made: dict[str, list[tuple[str, str]]] = {}

    def get(self, case_id: str, path: str, who: dict[str, str], **params: Any) -> Any:
        body = ok(self.client.get(f"/cases/{case_id}{path}", params=params, headers=who))
        endpoint = DETAIL if path == "" else HISTORY
        self.made.setdefault(case_id, []).append((ACTORS[id(who)], endpoint))
        return body


def verified(client: httpx.Client, report: bool = False) -> Any:
    """``GET /audit/verify`` as the auditor: clean or not (or the report)."""
    body = ok(client.get("/audit/verify", headers=AUDITOR))
    return json.dumps(body)[:3000] if report else body["ok"] is True


def relative(state: dict[str, Any], relative_id: str) -> dict[str, Any]:
    return next(r for r in state["relatives"] if r["relative_id"] == relative_id)


def messages(comm: httpx.Client, case_id: str, relative_id: str) -> list[dict[str, Any]]:
    url = f"/cases/{case_id}/relatives/{relative_id}/messages"
    return list(ok(comm.get(url, headers=COMMS)))


def newsletter(comm: httpx.Client, tilbud: str, subject: str) -> int:
    body = {"tilbud_ids": [tilbud], "subject": subject, "body": "Sommerfest i haven."}
    return int(ok(comm.post("/newsletters", json=body, headers=COMMS))["recipients"])


def form_council(councils: httpx.Client, tilbud: str) -> str:
    body = {
        "tilbud_id": tilbud,
        "kind": "relatives_council",
        "frame": {"purpose": "Inddragelse", "tasks": "Hoeringer", "function": "Raadgivende"},
        "seats": {"relatives": 2, "citizens": 0, "staff": 1},
        "agreement": {"centre_head": "ch", "department_head": "dh", "agreed_on": "2030-01-10"},
    }
    return str(ok(councils.post("/councils", json=body, headers=ADMIN))["id"])


def nominate(councils: httpx.Client, council_id: str, relative_id: str) -> None:
    electorate = f"/councils/{council_id}/electorate"
    assert wait_for(
        lambda: relative_id in ok(councils.get(electorate, headers=ADMIN))["relative_ids"]
    ), "the councils consumer did not build the electorate from the cases topic"
    base = f"/councils/{council_id}/elections"
    election = ok(councils.post(base, json={"held_on": "2031-03-01"}, headers=ADMIN))["result"]
    body = {"relative_id": relative_id, "name": CANDIDATE}
    ok(councils.post(f"{base}/{election}/candidates", json=body, headers=ADMIN))


async def every_record(bootstrap: str, unique: str) -> dict[str, list[bytes]]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await consumer.start()
    try:
        topics = sorted(t for t in await consumer.topics() if unique in t)
    finally:
        await consumer.stop()
    blobs: dict[str, list[bytes]] = {}
    for topic in topics:
        for record in await read_topic(bootstrap, topic, checkpoints=True):
            headers = [k.encode() + b"=" + v for k, v in record.headers.items()]
            blobs.setdefault(topic, []).append(
                b"\n".join([record.key or b"", record.value or b"", *headers])
            )
    return blobs


def found_in(secrets: list[str], blob: bytes) -> list[str]:
    return [s for s in secrets if s.encode() in blob]


def check_stores(system: System, secrets: list[str]) -> None:
    for service in ("communication", "readside", "cases", "councils"):
        stored = raw_bytes(system.db(service))
        assert stored, service
        assert found_in(secrets, stored) == [], service
