"""docker-compose.yml is valid Compose, current, and runs every process of make run."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from pkraft.processes import PROCESSES
from tests.ops.containers import COMPOSE_FILE, ROOT, compose_binary, resolved_compose

_spec = importlib.util.spec_from_file_location(
    "pkraft_infra_compose", ROOT / "infra" / "compose.py"
)
assert _spec and _spec.loader
generator = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generator)


def test_the_committed_compose_file_is_current() -> None:
    assert COMPOSE_FILE.read_text(encoding="utf-8") == generator.render(), (
        "docker-compose.yml is stale: run `make compose` (python infra/compose.py) and commit it"
    )


def test_the_compose_binary_accepts_the_file() -> None:
    done = subprocess.run(
        [compose_binary(), "-f", str(COMPOSE_FILE), "config", "-q"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_every_process_of_make_run_is_a_compose_service_with_its_command() -> None:
    services = resolved_compose()["services"]
    for process in PROCESSES:
        spec = services[process.name]
        assert spec["command"] == list(process.args)
        env = spec["environment"]
        assert env["PKRAFT_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
        assert env["PKRAFT_KAFKA_IDEMPOTENCE"] == "true"
        databases = [v for k, v in env.items() if k.endswith("DATABASE_URL")]
        assert all(v.startswith("postgresql://") for v in databases)
        assert databases or process.name == "console"  # it stores only sessions, in cookies
        assert "/readyz" in spec["healthcheck"]["test"]
        conditions = {k: v["condition"] for k, v in spec["depends_on"].items()}
        assert conditions == {
            "kafka": "service_healthy",
            "databases": "service_completed_successfully",
            "topics": "service_completed_successfully",
        }
        if process.port:
            assert env[next(k for k in env if k.endswith("_HTTP_HOST"))] == "0.0.0.0"
            assert any(p["target"] == process.port for p in spec["ports"])
        else:
            assert env["PKRAFT_OPS_PORT"] == env["PKRAFT_HEALTH_PORT"]


def test_infrastructure_is_kafka_in_kraft_mode_postgres_and_one_shot_jobs() -> None:
    compose = resolved_compose()
    services = compose["services"]
    assert services["kafka"]["image"].startswith("apache/kafka:")
    assert services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert services["postgres"]["image"] == "postgres:16"
    assert services["topics"]["command"] == ["topics"]
    for job in ("topics", "databases"):
        assert services[job]["restart"] == "no"
    assert {"kafka-data", "pg-data"} <= set(compose["volumes"])
    pairs = services["databases"]["environment"]["PKRAFT_DATABASES"].split()
    wanted = {pair.split(":")[0] for pair in pairs}  # database:owner
    used = {
        value.rsplit("/", 1)[1]
        for spec in services.values()
        for key, value in (spec.get("environment") or {}).items()
        if key.endswith("DATABASE_URL")
    }
    assert used <= wanted


@pytest.mark.postgres
def test_the_database_init_script_creates_each_database_once(
    postgres_dsn: str, unique: str
) -> None:
    names = [f"ops_{unique}_a", f"ops_{unique}_b"]
    env = {
        "PATH": "/usr/bin:/bin",
        "PGHOST": "127.0.0.1",
        "POSTGRES_USER": "postgres",
        "POSTGRES_DB": "test",
        "PKRAFT_DATABASES": " ".join(names),
    }
    script = ROOT / "infra" / "postgres" / "init-databases.sh"
    try:
        for _ in range(2):  # the second run finds them and changes nothing
            done = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
        assert "exists" in done.stdout
        with psycopg.connect(postgres_dsn) as conn:
            found = {r[0] for r in conn.execute("SELECT datname FROM pg_database").fetchall()}
        assert set(names) <= found
    finally:
        with psycopg.connect(postgres_dsn, autocommit=True) as conn:
            for name in names:
                conn.execute(f"DROP DATABASE IF EXISTS {name}")
    bad = subprocess.run(
        ["bash", str(script)], env={**env, "PKRAFT_DATABASES": "x;drop"}, capture_output=True
    )
    assert bad.returncode == 1


def test_the_init_script_is_mounted_where_postgres_runs_it() -> None:
    volumes = resolved_compose()["services"]["postgres"]["volumes"]
    targets = {v["target"]: Path(v["source"]).name for v in volumes if v["type"] == "bind"}
    assert targets["/docker-entrypoint-initdb.d/10-databases.sh"] == "init-databases.sh"


def test_each_service_reaches_only_its_own_database_as_its_own_user() -> None:
    services = resolved_compose()["services"]
    owners = dict(
        d.split(":") for d in services["databases"]["environment"]["PKRAFT_DATABASES"].split()
    )
    users: dict[str, str] = {}
    for process in PROCESSES:
        service = process.args[0]
        for key, value in services[process.name]["environment"].items():
            if value.startswith("postgresql://"):
                user = value.removeprefix("postgresql://").split(":")[0]
                database = value.rsplit("/", 1)[1].split("?")[0]
                assert user == f"pkraft_{service}" and owners[database] == user, (key, value)
                assert users.setdefault(database, service) == service  # no shared database
    assert "PKRAFT_READSIDE_CASES_DATABASE_URL" not in services["readside-api"]["environment"]


@pytest.mark.postgres
def test_the_init_script_gives_each_database_a_user_that_reaches_no_other(
    postgres_dsn: str, unique: str
) -> None:
    a, b = f"ops_{unique}_a", f"ops_{unique}_b"
    env = {
        "PATH": "/usr/bin:/bin",
        "PGHOST": "127.0.0.1",
        "POSTGRES_USER": "postgres",
        "POSTGRES_DB": "test",
        f"POSTGRES_{a.upper()}_PASSWORD": "pw-a",
        f"POSTGRES_{b.upper()}_PASSWORD": "pw-b",
    }
    script = ROOT / "infra" / "postgres" / "init-databases.sh"

    def run(databases: str) -> None:
        done = subprocess.run(
            ["bash", str(script)],
            env={**env, "PKRAFT_DATABASES": databases},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr

    def as_user(user: str, password: str, database: str) -> psycopg.Connection[Any]:
        return psycopg.connect(
            make_conninfo(postgres_dsn, user=user, password=password, dbname=database),
            autocommit=True,
        )

    try:
        run(f"{a} {b}")  # an earlier deployment: one shared user made the tables
        with psycopg.connect(make_conninfo(postgres_dsn, dbname=a), autocommit=True) as conn:
            conn.execute("CREATE TABLE old_rows (n int)")
        run(f"{a}:{a} {b}:{b}")
        run(f"{a}:{a} {b}:{b}")  # again: nothing changes, nothing fails
        with as_user(a, "pw-a", a) as conn:
            conn.execute("CREATE TABLE mine (n int)")
            conn.execute("INSERT INTO old_rows VALUES (1)")  # it owns what was left
        with pytest.raises(psycopg.OperationalError, match="permission denied"):
            as_user(a, "pw-a", b).close()
        with pytest.raises(psycopg.OperationalError, match="permission denied"):
            as_user(b, "pw-b", a).close()
        missing = subprocess.run(
            ["bash", str(script)],
            env={**env, "PKRAFT_DATABASES": f"{a}:ops_nopass"},
            capture_output=True,
            text=True,
        )
        assert missing.returncode == 1 and "POSTGRES_OPS_NOPASS_PASSWORD" in missing.stderr
    finally:
        with psycopg.connect(postgres_dsn, autocommit=True) as conn:
            for name in (a, b):
                conn.execute(f"DROP DATABASE IF EXISTS {name}")
                conn.execute(f"DROP ROLE IF EXISTS {name}")
