"""Issue 10, "Done when", as one scenario on the real processes (cases API + relay,
councils API + consumer, communication API + consumer + relay + mail catcher, read side
API + consumer; the embedded broker; SQLite stores; every process's log in a file).

Two cases with relatives with distinctive names, CPR numbers, e-mail addresses, phone
numbers and free text are worked (consents, move-in conversation, level with plan,
incident, complaint), a relative is nominated to a council under a name, newsletters go
out. Then: no personal data on any topic (checkpoints and dead letters included), in any
process's log, in the communication or read-side database (raw bytes with the WAL), and
none readable in the cases or councils database. One relative is erased: the case still
answers, commands work, history and replay as of every version work with her fields null
and marked while the citizen and the other relative stay readable, her next message is
suppressed (``recipient_erased``), and every chain verifies. The access log lists every
read the scenario made, by whom and through which endpoint."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import httpx
import pytest

from services.cases.tests.integration.privacy_flow import drive_case
from services.communication.adapters.contacts import SERVICE_SUBJECT
from shared.config import CommonSettings
from shared.kafka.clients import ensure_topics
from tests.ops.containers import tail
from tests.scenarios.privacy_steps import (
    AUDITOR,
    CANDIDATE,
    CONTACT,
    CW,
    DETAIL,
    LEADER,
    OFFICER,
    Reader,
    check_stores,
    every_record,
    form_council,
    found_in,
    messages,
    newsletter,
    nominate,
    ok,
    relative,
    verified,
    wait_for,
)
from tests.scenarios.system_processes import System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


def test_personal_data_stays_home_erasure_keeps_the_trail_and_every_read_is_logged(
    kafka_bootstrap: str, unique: str, tmp_path: Path
) -> None:
    common = CommonSettings(kafka_bootstrap_servers=kafka_bootstrap)
    system = System(tmp_path, kafka_bootstrap, unique)
    asyncio.run(ensure_topics(common, system.topics()))
    with (
        running_system(tmp_path, kafka_bootstrap, unique) as system,
        httpx.Client(base_url=system.url("cases-api"), timeout=30) as cases,
        httpx.Client(base_url=system.url("councils-api"), timeout=30) as councils,
        httpx.Client(base_url=system.url("communication-api"), timeout=30) as comm,
        httpx.Client(base_url=system.url("readside-api"), timeout=30) as readside,
    ):
        reads = Reader(cases)
        council_id = form_council(councils, "tilbud-privacy-1")
        first = drive_case(cases, tilbud="tilbud-privacy-1")  # type: ignore[arg-type]
        second = drive_case(cases, tilbud="tilbud-privacy-2")  # type: ignore[arg-type]
        case_id, karen, bodil = first.case_id, first.karen, first.bodil
        grant = {"scope": "send_messages", "form": "written"}
        ok(cases.post(f"/cases/{case_id}/relatives/{karen}/consents/grant", json=grant, headers=CW))
        nominate(councils, council_id, bodil)

        def sent_to_karen() -> set[str]:
            return {m["kind"] for m in messages(comm, case_id, karen) if m["status"] == "sent"}

        assert wait_for(lambda: "move_in_invitation" in sent_to_karen()), messages(
            comm, case_id, karen
        )
        # sent once the communication service has seen her consent (none before: nothing sent)
        queued = wait_for(lambda: newsletter(comm, "tilbud-privacy-1", "Nyhedsbrev juni"), 60)
        assert queued == 1, tail(system.logs, "communication-consumer")
        assert wait_for(lambda: "newsletter" in sent_to_karen()), messages(comm, case_id, karen)

        # Before the erasure: a caseworker and a leader read the case.
        before = reads.get(case_id, "", CW)
        assert relative(before, karen)["name"] == "Karen Kvistgaard-Hansen"
        reads.get(case_id, "/history", LEADER)
        reads.get(second.case_id, "", CW)

        # The privacy officer erases Karen.
        subject = f"relative:{case_id}:{karen}"
        erased = ok(
            cases.post(
                f"/privacy/subjects/{subject}/erase",
                json={"reason": "data_subject_request"},
                headers=OFFICER,
            )
        )
        assert erased["erased"] is True and erased["erased_by"] == "dpo-ditte"

        # The case answers; every command still works on it.
        for path, body in [
            ("/dialogue-notes", {"kind": "phone", "summary": "Efter-sletning"}),
            (f"/relatives/{karen}/consents/grant", {"scope": "share_information", "form": "oral"}),
            (f"/relatives/{bodil}/update", {"relation": "nabo-ny"}),
        ]:
            ok(cases.post(f"/cases/{case_id}{path}", json=body, headers=CW))
        now = reads.get(case_id, "", CW)
        assert relative(now, karen)["name"] is None
        assert relative(now, karen)["channels"] == {"email": None, "phone": None}
        assert relative(now, karen)["erasure"]["erased"] is True
        marked_at = datetime.fromisoformat(relative(now, karen)["erasure"]["erased_at"])
        assert abs(marked_at - datetime.fromisoformat(erased["erased_at"])) < timedelta(seconds=5)
        assert relative(now, bodil)["name"] == "Bodil Bjerregaard-Nissen-Ny"
        assert "erasure" not in relative(now, bodil)
        assert now["complaints"][0]["summary"] is None  # Karen's complaint text
        assert now["complaints"][0]["resolution"] == "Loest-mu-99"  # the citizen's
        assert "citizen_erasure" not in now
        other = reads.get(second.case_id, "", CW)
        assert relative(other, second.karen)["name"] == "Karen Kvistgaard-Hansen"

        # History and replay as of every version.
        history = reads.get(case_id, "/history", AUDITOR)
        latest = history[-1]["version"]
        assert latest == now["version"]
        added = [e for e in history if e["type"] == "RelativeAdded"]
        assert added[0]["data"]["name"] is None and subject in added[0]["data"]["erased_subjects"]
        assert added[1]["data"]["name"] == "Bodil Bjerregaard-Nissen"
        for version in range(1, latest + 1):
            state = reads.get(case_id, "", AUDITOR, as_of_version=version)
            assert state["version"] == version
            if any(r["relative_id"] == karen for r in state["relatives"]):
                assert relative(state, karen)["name"] is None
                assert relative(state, karen)["erasure"]["erased"] is True
            if any(r["relative_id"] == bodil for r in state["relatives"]):
                assert relative(state, bodil)["name"].startswith("Bodil Bjerregaard-Nissen")
        # the read side's replay asks the cases API with the auditor's token
        replay = readside.get(
            f"/audit/cases/{case_id}/replay", params={"as_of": "3"}, headers=AUDITOR
        )
        assert replay.status_code == 200, replay.text
        reads.made[case_id].append(("aud-asta", DETAIL))

        # Karen's next message is suppressed at sending: the cases API answers her as erased.
        newsletter(comm, "tilbud-privacy-1", "Nyhedsbrev juli")
        suppressed = wait_for(
            lambda: [
                m
                for m in messages(comm, case_id, karen)
                if m["kind"] == "newsletter" and m["status"] == "suppressed"
            ]
        )
        assert suppressed and suppressed[0]["error"] == "recipient_erased", messages(
            comm, case_id, karen
        )

        # Every chain verifies after the erasure.
        for name, client in (("cases", cases), ("councils", councils), ("readside", readside)):
            # the read side's audit copy catches up with the sources first
            assert wait_for(partial(verified, client), timeout=30), (name, verified(client, True))

        # The access log lists every read the scenario made, and the contact lookups.
        for case, made in reads.made.items():
            log = ok(cases.get(f"/cases/{case}/access-log", headers=AUDITOR, params={"limit": 500}))
            rows = log["entries"]
            assert len(rows) == log["total"]
            ours = [(r["actor"], r["endpoint"]) for r in rows if r["actor"] != SERVICE_SUBJECT]
            assert Counter(ours) == Counter(made), case
            lookups = [r for r in rows if r["actor"] == SERVICE_SUBJECT]
            assert all(r["endpoint"] == CONTACT for r in lookups)
            assert all(r["roles"] == ["communications"] for r in lookups)
            for rid in (first.karen, first.bodil, second.karen, second.bodil):
                # each mail sent to a relative was preceded by a logged lookup of her contact
                sent = [m for m in messages(comm, case, rid) if m["status"] == "sent"]
                whose = [r for r in lookups if r["subjects"] == [f"relative:{case}:{rid}"]]
                assert len(whose) >= len(sent), (case, rid, lookups)
            assert len(lookups) >= (3 if case == case_id else 1), lookups

        secrets = sorted({*first.all_secrets(), *second.all_secrets(), CANDIDATE})
        check_stores(system, secrets)

    # After the processes stopped: the stores again, every log file, every topic.
    check_stores(system, secrets)
    mails = b"".join(p.read_bytes() for p in (system.var / "mail").glob("*.eml"))
    assert found_in(first.secrets["karen"], mails)  # the mail carried them: the search finds
    logs = system.log_bytes()
    assert set(logs) == {f"{name}.log" for name in system.procs}  # every process wrote one
    for name, text in logs.items():
        assert found_in(secrets, text) == [], name
    blobs = asyncio.run(every_record(kafka_bootstrap, unique))
    assert set(system.topics()) <= set(blobs) | {t for t in system.topics() if "dlq" in t}
    assert len(blobs[system.topic("cases")]) > 2 * 15 and blobs[system.topic("councils")]
    for topic, records in blobs.items():
        for offset, blob in enumerate(records):
            assert found_in(secrets, blob) == [], (topic, offset)
