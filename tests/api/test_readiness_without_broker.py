"""An API whose requests do not need the broker stays ready while the broker is away:
the store is the outbox, so commands keep being accepted; relays and consumers are the
processes that report the broker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from pkraft.broker import free_port
from services.cases.entrypoints.api import create_app as cases_app
from services.communication.entrypoints.api import create_app as communication_app
from services.councils.entrypoints.api import create_app as councils_app
from services.readside.entrypoints.api import create_app as readside_app

APPS: dict[str, Callable[[], FastAPI]] = {
    "cases": cases_app,
    "councils": councils_app,
    "communication": communication_app,
    "readside": readside_app,
}


@pytest.fixture
def no_broker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PKRAFT_KAFKA_BOOTSTRAP_SERVERS", f"127.0.0.1:{free_port()}")
    for name in APPS:
        monkeypatch.setenv(f"PKRAFT_{name.upper()}_DATABASE_URL", f"sqlite:///{tmp_path}/{name}.db")
    monkeypatch.setenv("PKRAFT_COUNCILS_RUN_CONSUMER", "false")
    yield


@pytest.mark.parametrize("service", list(APPS))
def test_an_api_stays_ready_while_the_broker_is_away(no_broker: None, service: str) -> None:
    with TestClient(APPS[service]()) as client:
        r = client.get("/readyz")
    assert r.status_code == 200, r.json()
    assert "broker" not in r.json()["checks"]
