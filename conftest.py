"""Fixtures every test package shares: a real Kafka-protocol broker, real PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest

from pkraft.broker import free_port, start_tansu

# Tests run in development mode: dev keys are created on first use, the dev JWT secret
# is accepted (outside dev mode the services refuse both).
os.environ.setdefault("PKRAFT_DEV_MODE", "true")
# The default organisation plus the tilbud ids tests make up (tests/organisation_fixture.py).
if "PKRAFT_ORGANISATION_FILE" not in os.environ:
    from tests.organisation_fixture import write_test_organisation

    os.environ["PKRAFT_ORGANISATION_FILE"] = write_test_organisation()

PG_DSN = os.environ.get("PKRAFT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """KAFKA_BOOTSTRAP_SERVERS if set, else a testcontainers Kafka when a Docker engine
    answers, else Tansu (the embedded broker) on a free port."""
    given = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if given:
        yield given
        return
    if _docker_answers():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer() as kafka:
            yield kafka.get_bootstrap_server()
        return
    port = free_port()
    proc = start_tansu(port)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def unique() -> str:
    """A short unique suffix for topic, group and schema names."""
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def postgres_dsn() -> str:
    """The PostgreSQL server tests use; a test that needs it fails loudly without it."""
    try:
        with psycopg.connect(PG_DSN, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL is required at {PG_DSN}: {exc}")
    return PG_DSN


@pytest.fixture
def postgres_url(postgres_dsn: str, unique: str) -> Iterator[str]:
    """A fresh schema in the test database, dropped afterwards."""
    schema = f"t_{unique}"
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{postgres_dsn}?schema={schema}"
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: object) -> str:
    """Each service test runs on both stores: a SQLite file and a PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/store.sqlite"
    url: str = request.getfixturevalue("postgres_url")
    return url
