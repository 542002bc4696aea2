"""Every message of a run through the cases, councils and communication services, read
from every topic on the real broker and checked as a foreign subscriber would: binary
CloudEvents headers, the catalogue's types per topic, the payload against the published
JSON Schema (tests/contract/subscriber_view.py reads only docs/events/)."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from pkraft.broker import free_port
from services.cases.config import CasesSettings
from services.cases.tests.integration.privacy_flow import drive_case
from services.communication.adapters.mailcatcher import MailCatcher, start_catcher
from services.communication.bootstrap import build, build_relay, build_sender
from services.communication.config import CommunicationSettings
from services.communication.entrypoints.consumer import build_consumer
from services.communication.tests.cases_api import cases_api
from services.councils.config import CouncilsSettings
from services.councils.entrypoints.api import create_app as create_councils_app
from shared.config import CommonSettings
from shared.errors import NotFoundError
from shared.kafka.clients import ensure_topics
from tests.contract.subscriber_view import Subscriber
from tests.kafka_helpers import read_topic
from tests.running import running
from tests.scenarios.test_councils_scenario import ADMIN, election
from tests.scenarios.test_privacy_wire import topics_of_the_run, wait_for

pytestmark = [pytest.mark.kafka, pytest.mark.slow]
TILBUD = "tilbud-contract"
NODE = Path(__file__).resolve().parent / "node"
EVENTS = Path(__file__).resolve().parents[2] / "docs" / "events"


def node_subscriber(bootstrap: str, topics: dict[str, str], count: int) -> dict[str, object]:
    """The same check in Node.js (kafkajs, cloudevents, ajv), as an integrator runs it;
    ``make install`` installs tests/contract/node from its package-lock.json."""
    node = shutil.which("node")
    assert node and (NODE / "node_modules").is_dir(), "run `make install` (tests/contract/node)"
    done = subprocess.run(
        [node, "check.mjs", bootstrap, json.dumps(topics), str(EVENTS), str(count)],
        cwd=NODE,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _council(councils: TestClient) -> None:
    """A council formed, its relatives' council elected (events on the councils topic)."""
    body = {
        "tilbud_id": TILBUD,
        "kind": "relatives_council",
        "frame": {"purpose": "Inddragelse", "tasks": "Høringer", "function": "Rådgivende"},
        "seats": {"relatives": 2, "citizens": 0, "staff": 1},
        "agreement": {"centre_head": "ch", "department_head": "dh", "agreed_on": "2030-01-10"},
    }
    r = councils.post("/councils", json=body, headers=ADMIN)
    assert r.status_code in (200, 201), r.text
    council_id = r.json()["id"]
    electorate = f"/councils/{council_id}/electorate"
    deadline = time.monotonic() + 60
    while councils.get(electorate, headers=ADMIN).json()["size"] < 1:
        assert time.monotonic() < deadline, "the councils service never saw the case"
        time.sleep(0.1)
    voters = councils.get(electorate, headers=ADMIN).json()["relative_ids"]
    election(councils, council_id, "2030-03-01", voters[:1], {voters[0]: voters[0]})


async def test_every_message_of_a_run_is_what_the_catalogue_and_schemas_say(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000)
    topics = {
        f"cases-{unique}": "pkraft.cases.v1",
        f"councils-{unique}": "pkraft.councils.v1",
        f"comm-{unique}": "pkraft.communication.v1",
    }
    cases_topic, councils_topic, comm_topic = list(topics)
    cases_settings = CasesSettings(
        database_url=f"sqlite:///{tmp_path}/cases.sqlite",
        topic=cases_topic,
        common=common,
    )
    councils_settings = CouncilsSettings(
        database_url=f"sqlite:///{tmp_path}/councils.sqlite",
        topic=councils_topic,
        cases_topic=cases_topic,
        consumer_group=f"councils-{unique}",
        common=common,
    )
    smtp_port = free_port()
    controller = start_catcher("127.0.0.1", smtp_port, MailCatcher(directory=tmp_path / "mail"))
    await ensure_topics(common, list(topics))
    stop = asyncio.Event()
    try:
        with (
            running(cases_settings, councils_settings),
            cases_api(cases_settings) as cases_base,
            TestClient(create_councils_app(councils_settings)) as councils,
        ):
            s = CommunicationSettings(
                database_url=f"sqlite:///{tmp_path}/comm.sqlite",
                common=common,
                cases_topic=cases_topic,
                councils_topic=councils_topic,
                topic=comm_topic,
                consumer_group=f"comm-{unique}",
                smtp_port=smtp_port,
                cases_api_url=cases_base,
            )
            service = build(s)
            broker = build_consumer(s, service.inbound)
            await broker.start()
            tasks = [
                asyncio.create_task(build_sender(s, service.store).run(stop, 0.05)),
                asyncio.create_task(build_relay(s, service.store).run(stop)),
            ]
            try:
                with httpx.Client(base_url=cases_base, timeout=30) as client:
                    case = drive_case(client, tilbud=TILBUD)  # type: ignore[arg-type]
                await asyncio.to_thread(_council, councils)
                service.staff.send_newsletter("nl-1", [TILBUD], "Nyt", "Tekst", "kommunikation")
                service.staff.start_survey_round(TILBUD, 2030, "kommunikation")
                evening = service.evenings.create(
                    "kommunikation",
                    evening_id="aften-1",
                    title="Aften",
                    topic="finances",
                    organiser="municipality",
                    organiser_name="Aarhus Kommune",
                    starts_at="2030-05-01T18:00:00+00:00",
                    location="Rådhuset",
                    capacity=1,
                )
                service.evenings.announce(evening.evening_id, None, "kommunikation")
                service.evenings.register(evening.evening_id, "A", "a@example.dk", "system")
                service.evenings.register(evening.evening_id, "B", "b@example.dk", "system")

                def settled() -> bool:
                    try:  # the case may not have reached the communication service yet
                        log = service.staff.message_log(case.case_id)
                    except NotFoundError:
                        return False
                    return all(m.status != "queued" for m in log)

                assert await wait_for(settled)
            finally:
                stop.set()
                await asyncio.gather(*tasks)
                await broker.stop()
                service.close()
    finally:
        controller.stop()

    subscriber = Subscriber()
    seen: dict[str, set[str]] = {}
    problems: list[tuple[str, int, str, list[str]]] = []
    total = 0
    for topic in await topics_of_the_run(kafka_bootstrap, unique):
        records = await read_topic(kafka_bootstrap, topic)
        if topic not in topics:
            assert records == [], f"{topic}: {len(records)} dead letters"
            continue
        total += len(records)
        for r in records:
            ce_type = r.headers.get("ce_type", b"").decode()
            seen.setdefault(topics[topic], set()).add(ce_type.split(".")[-2])
            found = subscriber.problems(topics[topic], r.key, r.value, r.headers)
            if found:
                problems.append((topic, r.offset, ce_type, found))
    assert problems == []
    in_node = await asyncio.to_thread(node_subscriber, kafka_bootstrap, topics, total)
    assert in_node["problems"] == []
    assert in_node["checked"] == total > 30
    assert {"case_opened", "move_in_conversation_held", "agreement_made"} <= seen["pkraft.cases.v1"]
    assert {"council_formed", "election_closed"} <= seen["pkraft.councils.v1"]
    assert {
        "message_queued",
        "message_sent",
        "newsletter_queued",
        "survey_round_started",
        "theme_evening_registered",
    } <= seen["pkraft.communication.v1"]
