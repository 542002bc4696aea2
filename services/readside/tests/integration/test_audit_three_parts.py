"""``audit verify`` compares three things per source that must agree: the owner's own
chain (its API), its signed checkpoints (as the read side received them) and the audit
copy, without opening the owner's database. Against the real cases API (in process)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.cases.application import CasesApplication
from services.readside.adapters import checkpoints
from services.readside.adapters.ingest import Ingestor
from services.readside.adapters.owner_api import OwnerApi, OwnerUnavailable, ServiceToken
from services.readside.adapters.verify_sources import gather, verify_all
from services.readside.tests.casefeed import busy_case, cases_api, feed, quiet_case
from services.readside.tests.conftest import auth
from shared.config import CommonSettings
from shared.sourcechain.recorder import chain_head
from shared.sourcechain.signing import load_signing_key, sign_checkpoint, signing_key_path
from shared.sqldb import Database
from tests.integration.chain_tamper import Tamper

AUDITOR = auth("auditor", sub="revisor")


def signed_head(cases: CasesApplication) -> tuple[str, str, dict[str, Any]]:
    """The cases store's chain head, signed with the cases service's key, as its relay
    puts it on the topic (what the read side's consumer then keeps)."""
    common = CommonSettings()
    path = signing_key_path(common.var_dir, common.signing_key_file, "cases")
    key = load_signing_key(path, dev_mode=True, service="cases")
    head = chain_head(cases.recorder, cases.recorder.max_notification_id() or 0)
    assert head is not None
    data = sign_checkpoint(key, "cases", head[0], head[1])
    return "pkraft.cases.v1", f"checkpoint:cases:{head[0]}", data


@pytest.fixture
def audited(tmp_path: Path, cases: CasesApplication) -> Database:
    db = Database(f"sqlite:///{tmp_path}/audit.sqlite")
    busy_case(cases)
    quiet_case(cases)
    feed(cases, Ingestor(db))
    checkpoints.record(db, [signed_head(cases)])
    return db


def _where(report: Any, part: str) -> list[tuple[str, str | None, int | None]]:
    return [(f.kind, f.aggregate_id, f.version) for f in report.findings if f.part == part]


def test_an_untouched_system_verifies_clean_on_all_three(
    audited: Database, cases_owner: OwnerApi
) -> None:
    report = verify_all(audited, {"cases": gather(cases_owner)})
    assert report.ok, report.findings
    parts = report.as_dict()["sources"]["cases"]
    assert parts["source_chain"]["ok"] is True and parts["source_chain"]["events"] == 15
    assert parts["checkpoint"]["status"] == "verified"
    assert parts["checkpoint"]["notification_id"] == 15
    assert parts["checkpoint"]["events_covered"] == 15
    assert parts["audit_copy"] == {"source_events": 15}


def test_a_byte_changed_in_a_stored_cases_event_is_named_by_the_source_chain(
    audited: Database, cases_owner: OwnerApi, cases_path: str
) -> None:
    with sqlite3.connect(cases_path) as conn:  # the busy case's relative: a name
        oid, version, state = conn.execute(  # that never leaves the cases service
            "SELECT originator_id, originator_version, state FROM stored_events "
            "ORDER BY rowid LIMIT 1 OFFSET 1"
        ).fetchone()
        changed = bytearray(state)
        changed[-1] ^= 0x01
        conn.execute(
            "UPDATE stored_events SET state = ? WHERE originator_id = ? AND originator_version = ?",
            (bytes(changed), oid, version),
        )
    report = verify_all(audited, {"cases": gather(cases_owner)})
    case_id = str(next(f.aggregate_id for f in report.findings if f.part == "source_chain"))
    assert case_id.replace("-", "") == str(oid).replace("-", "")
    assert _where(report, "source_chain") == [("altered", case_id, version)]
    assert {f.service for f in report.findings} == {"cases"}
    assert _where(report, "checkpoint") == []


def test_a_consistent_rewrite_of_the_cases_store_is_named_through_the_checkpoint(
    audited: Database, cases_owner: OwnerApi, cases: CasesApplication, cases_path: str
) -> None:
    """A case's first assessment rewritten in the cases store and every later link
    recomputed: the store's own chain agrees with itself; the checkpoint the read side
    holds, signed before, shows it (and the audit copy still holds what was published)."""
    with audited.write() as tx:  # put the checkpoint aside, as if none had come yet
        kept = [
            (t, c, json.loads(d))
            for t, c, d in tx.all("SELECT topic, ce_id, data FROM rs_checkpoints")
        ]
        tx.execute("DELETE FROM rs_checkpoints")
    t = Tamper(cases, f"sqlite:///{cases_path}")
    state = json.loads(next(r[4] for r in t.rows() if r[0] == 7))
    t.set_state(7, json.dumps({**state, "characteristics": ["dissatisfaction"]}).encode())
    t.rechain_from(7)
    blind = verify_all(audited, {"cases": gather(cases_owner)})
    assert _where(blind, "source_chain") == []  # the chain alone cannot tell
    assert [(k, v) for k, _, v in _where(blind, "audit_copy")] == [("altered", 7)]
    checkpoints.record(audited, kept)
    report = verify_all(audited, {"cases": gather(cases_owner)})
    assert [(f.kind, f.service) for f in report.findings if f.part == "source_chain"] == [
        ("checkpoint_mismatch", "cases")
    ]
    assert [(k, v) for k, _, v in _where(report, "checkpoint")] == [("altered", 7)]
    assert report.sources["cases"]["source_chain"]["checkpoint_status"] == "given"
    assert report.sources["cases"]["checkpoint"]["status"] == "verified"


def test_an_event_deleted_from_the_audit_copy_is_named(
    audited: Database, cases_owner: OwnerApi
) -> None:
    with audited.write() as tx:
        row = tx.one("SELECT ce_id, aggregate_id, aggregate_version FROM rs_audit WHERE seq = 5")
        assert row is not None
        tx.execute("DELETE FROM rs_audit WHERE seq = 5")
    ce_id, aggregate, version = row
    report = verify_all(audited, {"cases": gather(cases_owner)})
    assert _where(report, "audit_copy") == [("missing", aggregate, version)]
    assert _where(report, "checkpoint") == [("missing", aggregate, version)]
    assert [f.ce_id for f in report.findings if f.part == "checkpoint"] == [ce_id]
    assert [f.kind for f in report.findings if f.part == "audit_chain"] == ["chain_broken"] * 2
    assert _where(report, "source_chain") == []


def test_a_checkpoint_without_the_services_signature_is_named_forged(
    audited: Database, cases_owner: OwnerApi, cases: CasesApplication
) -> None:
    topic, ce_id, data = signed_head(cases)
    checkpoints.record(audited, [(topic, ce_id + "x", {**data, "notification_id": 99})])
    report = verify_all(audited, {"cases": gather(cases_owner)})
    assert [(f.kind, f.part) for f in report.findings] == [("checkpoint_forged", "checkpoint")]
    assert report.sources["cases"]["checkpoint"]["notification_id"] == 15  # the valid one


def test_an_owner_that_cannot_be_reached_is_an_error_never_a_partial_report(
    client: TestClient,
) -> None:
    gone = OwnerApi("cases", "http://127.0.0.1:9", ServiceToken(CommonSettings()), timeout=2)
    with pytest.raises(OwnerUnavailable):
        gather(gone)
    client.app.state.service.audit.owners = {"cases": gone}  # type: ignore[attr-defined]
    r = client.get("/audit/verify", headers=AUDITOR)
    assert (r.status_code, r.json()["code"]) == (503, "cases_api_unavailable")


class _OlderOwner(OwnerApi):
    """An owner's API from before ``through``: it ignores the parameter."""

    def get(self, path: str, params: dict[str, Any], token: str | None = None) -> Any:
        return super().get(path, {k: v for k, v in params.items() if k != "through"}, token)


def test_an_owner_that_does_not_check_through_the_checkpoint_is_named(
    audited: Database, cases_path: str
) -> None:
    with cases_api(cases_path) as api:
        older = _OlderOwner(
            "cases", "http://cases.test", ServiceToken(CommonSettings()), client=api
        )
        report = verify_all(audited, {"cases": gather(older)})
    assert [(f.kind, f.part, f.service) for f in report.findings] == [
        ("checkpoint_unverified", "source_chain", "cases")
    ]
