"""Scenario: cases with relatives with distinctive names, e-mail addresses, phone numbers,
CPR numbers and free text are worked through the cases API; its relay publishes to the
real broker; the communication service (consumer, sender, relay) and the read side
follow. Then every topic of the run, dead-letter topics included, is read from the
beginning: none of those strings is in any key, header or value, and none is in the
communication or read-side database; yet the relative's mail went out with her name
and address, which the communication service asked the cases API for when it sent."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer

from pkraft.broker import free_port
from services.cases.config import CasesSettings
from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import drive_case, raw_bytes
from services.communication.adapters.mailcatcher import MailCatcher, start_catcher
from services.communication.bootstrap import build, build_relay, build_sender
from services.communication.config import CommunicationSettings
from services.communication.entrypoints.consumer import build_consumer
from services.communication.tests.cases_api import cases_api, serve_app
from services.readside.config import ReadsideSettings
from services.readside.entrypoints.api import create_app as readside_app
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from tests.kafka_helpers import read_topic
from tests.running import running

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


async def wait_for(check: Callable[[], Any], timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        await asyncio.sleep(0.1)


async def topics_of_the_run(bootstrap: str, unique: str) -> list[str]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await consumer.start()
    try:
        return sorted(t for t in await consumer.topics() if unique in t)
    finally:
        await consumer.stop()


async def test_no_personal_data_on_any_topic_or_in_the_other_services_stores(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap, kafka_session_timeout_ms=6000)
    cases_topic, comm_topic = f"cases-{unique}", f"comm-{unique}"
    cases_settings = CasesSettings(
        database_url=f"sqlite:///{tmp_path}/cases.sqlite",
        topic=cases_topic,
        common=common,
    )
    readside = ReadsideSettings(
        database_url=f"sqlite:///{tmp_path}/readside.sqlite",
        topics=[cases_topic, comm_topic],
        group_id=f"readside-{unique}",
        min_version_wait_ms=20_000,
        common=common,
    )
    smtp_port = free_port()
    catcher = MailCatcher(directory=tmp_path / "mail")
    controller = start_catcher("127.0.0.1", smtp_port, catcher)
    await ensure_topics(common, [cases_topic, comm_topic])
    stop = asyncio.Event()
    try:
        with (
            running(cases_settings, readside),
            cases_api(cases_settings) as cases_base,
            serve_app(readside_app(readside)) as read,
        ):
            s = CommunicationSettings(
                database_url=f"sqlite:///{tmp_path}/comm.sqlite",
                common=common,
                cases_topic=cases_topic,
                councils_topic="",
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
                    first = drive_case(client, tilbud="tilbud-privacy-1")  # type: ignore[arg-type]
                    second = drive_case(client, tilbud="tilbud-privacy-2")  # type: ignore[arg-type]
                    version = client.get(f"/cases/{second.case_id}", headers=auth("leader")).json()[
                        "version"
                    ]
                karen_mail = "karen.kvistgaard@example.dk"
                assert await wait_for(lambda: len(catcher.to(karen_mail)) >= 2), catcher.mails
                invitation = catcher.to(karen_mail)[0]
                assert invitation.kind == "move_in_invitation"
                assert "Kære Karen Kvistgaard-Hansen" in invitation.text()
                async with httpx.AsyncClient(base_url=read, timeout=30) as reader:
                    r = await reader.get(
                        f"/cases/{second.case_id}",
                        params={"min_version": version},
                        headers=auth("leader"),
                    )
                    assert r.status_code == 200, r.text
                assert await wait_for(
                    lambda: all(
                        m.status != "queued" for m in service.staff.message_log(first.case_id)
                    )
                )
                log = service.staff.message_log(first.case_id)
                assert {m.recipient_id for m in log if m.recipient_type == "relative"} == {
                    first.karen
                }
            finally:
                stop.set()
                await asyncio.gather(*tasks)
                await broker.stop()
                service.close()
    finally:
        controller.stop()

    secrets = sorted({*first.all_secrets(), *second.all_secrets()})
    topics = await topics_of_the_run(kafka_bootstrap, unique)
    assert cases_topic in topics and comm_topic in topics
    seen = 0
    for topic in topics:
        for record in await read_topic(kafka_bootstrap, topic):
            seen += 1
            blob = b"\n".join(
                [record.key or b"", record.value or b""]
                + [k.encode() + b"=" + v for k, v in record.headers.items()]
            )
            found = [x for x in secrets if x.encode() in blob]
            assert not found, (topic, record.offset, found)
    assert seen >= 2 * version  # both cases' events, and the messages' events
    for name in ("comm.sqlite", "readside.sqlite"):
        stored = raw_bytes(f"sqlite:///{tmp_path}/{name}")
        found = [x for x in secrets if x.encode() in stored]
        assert not found, (name, found)
