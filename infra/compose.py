"""Generates ``docker-compose.yml`` from ``pkraft/processes.py`` and the settings classes.

One compose service per process in ``PROCESSES`` (the same list ``make run`` starts),
configured only by environment, derived from the service's settings class:

- ``http_host`` → ``0.0.0.0``, ``http_port`` → the process's port;
- a ``*_url`` field whose default is an SQLite/PostgreSQL URL → a database of its own
  in the ``postgres`` service (``database_url`` → the database named after the service),
  reached as the service's own database user ``pkraft_<service>`` (password
  ``${POSTGRES_<SERVICE>_PASSWORD}``), which owns that database and may connect to no
  other (``infra/postgres/init-databases.sh``);
- a ``<other service>_<field>`` field (e.g. ``cases_topic`` of the councils) → the value
  the other service gets; never another service's database (a test checks);
- a secret (``*_key``, ``*_secret``, ``*password*``) → ``${VAR:-default}``, taken from the
  operator's environment or ``.env``;
- a process without a port serves health and metrics on ``PKRAFT_OPS_PORT`` (9100).

``python infra/compose.py > docker-compose.yml`` (``make compose``); a test fails when
the committed file differs, so a service that adds itself to ``PROCESSES`` only needs
the file regenerated.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pkraft.configdoc import service_settings, variables  # noqa: E402
from pkraft.processes import PROCESSES, Process  # noqa: E402
from shared.config import DEV_JWT_SECRET  # noqa: E402

IMAGE = "pkraft:${PKRAFT_IMAGE_TAG:-latest}"
KAFKA_IMAGE = "apache/kafka:4.1.0"
POSTGRES_IMAGE = "postgres:16"
OPS_PORT = 9100
PG_HOST = "postgres:5432"
HEALTHCHECK = ["CMD", "python", "/opt/pkraft/healthcheck.py", "/readyz"]
SECRET_HINTS = ("_key", "_secret", "password")

# Per-service values no rule derives (one line per need): where a process finds another.
OVERRIDES: dict[str, dict[str, str]] = {
    "communication": {
        "smtp_host": "communication-mailcatcher",
        "cases_api_url": "http://cases-api:8101",
    },
    "readside": {
        "cases_api_url": "http://cases-api:8101",
        "councils_api_url": "http://councils-api:8102",
    },
    "console": {
        "cases_api_url": "http://cases-api:8101",
        "councils_api_url": "http://councils-api:8102",
        "communication_api_url": "http://communication-api:8103",
        "readside_api_url": "http://readside-api:8104",
    },
}

COMMON_ENV: dict[str, str] = {
    "PKRAFT_KAFKA_BOOTSTRAP_SERVERS": "kafka:9092",
    "PKRAFT_KAFKA_IDEMPOTENCE": "true",
    "PKRAFT_KAFKA_TOPIC_PARTITIONS": "${PKRAFT_KAFKA_TOPIC_PARTITIONS:-4}",
    "PKRAFT_AUTH_ALGORITHM": "${PKRAFT_AUTH_ALGORITHM:-HS256}",
    "PKRAFT_AUTH_SECRET": "${PKRAFT_AUTH_SECRET:-" + DEV_JWT_SECRET + "}",
    "PKRAFT_AUTH_JWKS_URL": "${PKRAFT_AUTH_JWKS_URL:-}",
    "PKRAFT_LOG_FORMAT": "json",
    "PKRAFT_LOG_LEVEL": "${PKRAFT_LOG_LEVEL:-INFO}",
    "PKRAFT_VAR_DIR": "/var/lib/pkraft",
    # Like the dev JWT secret above: on for a try-out; set false (and give the keys) to
    # deploy, and the services refuse to start on dev keys or the dev secret.
    "PKRAFT_DEV_MODE": "${PKRAFT_DEV_MODE:-true}",
}


def _database_url(value: str) -> bool:
    return value.startswith(("sqlite:", "postgres:", "postgresql:"))


def db_user(service: str) -> str:
    """The database user of ``service``: it owns the service's databases, no others."""
    return f"pkraft_{service}"


def db_password_var(service: str) -> str:
    return f"POSTGRES_{service.upper()}_PASSWORD"


def _pg_url(service: str, database: str) -> str:
    password = "${" + db_password_var(service) + ":-pkraft-" + service + "}"
    return f"postgresql://{db_user(service)}:{password}@{PG_HOST}/{database}"


def service_env(service: str) -> dict[str, str]:
    """The ``PKRAFT_<SERVICE>_*`` values a container of ``service`` gets."""
    return _all_service_env()[service]


def _all_service_env() -> dict[str, dict[str, str]]:
    settings = service_settings()
    own: dict[str, dict[str, str]] = {}
    by_field: dict[str, dict[str, str]] = {}
    for service, cls in settings.items():
        env: dict[str, str] = {}
        fields: dict[str, str] = {}
        for var in variables(cls):
            value = _own_value(service, var.field, var.env, var.default)
            if value is not None:
                env[var.env] = value
                fields[var.field] = value
        own[service], by_field[service] = env, fields
    for service, cls in settings.items():
        for var in variables(cls):
            other, _, rest = var.field.partition("_")
            if other in settings and other != service and rest in by_field[other]:
                own[service][var.env] = by_field[other][rest]
    return own


def _own_value(service: str, field: str, env: str, default: Any) -> str | None:
    if field in OVERRIDES.get(service, {}):
        return OVERRIDES[service][field]
    if field == "http_host":
        return "0.0.0.0"
    if field == "http_port":
        port = next((p.port for p in PROCESSES if p.args[0] == service and p.port), None)
        return str(port or default)
    if field.endswith("_url") and isinstance(default, str) and _database_url(default):
        stem = field.removesuffix("_url").removesuffix("_database").removesuffix("database")
        name = service if not stem else f"{service}_{stem.strip('_')}"
        return _pg_url(service, name)
    if any(hint in field for hint in SECRET_HINTS):
        return "${" + env + ":-" + str(default) + "}"
    return None


def databases() -> list[str]:
    """Every database the services need as ``database:owner`` (one per service, more if a
    service asks), for ``init-databases.sh``."""
    names: list[str] = []
    for service, env in _all_service_env().items():
        prefix = _pg_url(service, "")
        for value in env.values():
            if value.startswith(prefix):
                names.append(f"{value.removeprefix(prefix).split('?')[0]}:{db_user(service)}")
    return list(dict.fromkeys(names))


def process_service(process: Process) -> dict[str, Any]:
    """The compose service of one process."""
    service = process.args[0]
    env = {**COMMON_ENV, **service_env(service)}
    health_port = process.port or OPS_PORT
    if process.port is None:
        env |= {"PKRAFT_OPS_HOST": "0.0.0.0", "PKRAFT_OPS_PORT": str(OPS_PORT)}
    env["PKRAFT_HEALTH_PORT"] = str(health_port)
    spec: dict[str, Any] = {
        "image": IMAGE,
        "build": {"context": ".", "dockerfile": "infra/Dockerfile"},
        "command": list(process.args),
        "environment": env,
    }
    if process.port:
        spec["ports"] = [f"127.0.0.1:{process.port}:{process.port}"]
    spec |= {
        "volumes": ["pkraft-var:/var/lib/pkraft"],
        "depends_on": {
            "kafka": {"condition": "service_healthy"},
            "databases": {"condition": "service_completed_successfully"},
            "topics": {"condition": "service_completed_successfully"},
        },
        "healthcheck": {
            "test": HEALTHCHECK,
            "interval": "10s",
            "timeout": "5s",
            "retries": 6,
            "start_period": "30s",
        },
        "init": True,
        "restart": "unless-stopped",
        "stop_grace_period": "30s",
    }
    return spec


def infrastructure() -> dict[str, Any]:
    """Kafka (KRaft, one node), PostgreSQL, and the one-shot jobs."""
    kafka = {
        "image": KAFKA_IMAGE,
        "environment": {
            "KAFKA_NODE_ID": "1",
            "KAFKA_PROCESS_ROLES": "broker,controller",
            "KAFKA_LISTENERS": "PLAINTEXT://:9092,CONTROLLER://:9093,EXTERNAL://:9094",
            "KAFKA_ADVERTISED_LISTENERS": "PLAINTEXT://kafka:9092,EXTERNAL://localhost:9094",
            "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP": (
                "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT"
            ),
            "KAFKA_CONTROLLER_LISTENER_NAMES": "CONTROLLER",
            "KAFKA_INTER_BROKER_LISTENER_NAME": "PLAINTEXT",
            "KAFKA_CONTROLLER_QUORUM_VOTERS": "1@kafka:9093",
            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR": "1",
            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR": "1",
            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR": "1",
            "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS": "0",
            "KAFKA_AUTO_CREATE_TOPICS_ENABLE": "false",
            "KAFKA_LOG_DIRS": "/var/lib/kafka/data",
        },
        "ports": ["127.0.0.1:9094:9094"],
        "volumes": ["kafka-data:/var/lib/kafka/data"],
        "healthcheck": {
            "test": [
                "CMD",
                "/opt/kafka/bin/kafka-broker-api-versions.sh",
                "--bootstrap-server",
                "localhost:9092",
            ],
            "interval": "10s",
            "timeout": "10s",
            "retries": 12,
            "start_period": "30s",
        },
        "restart": "unless-stopped",
    }
    pg_env = {
        "POSTGRES_USER": "pkraft",
        "POSTGRES_PASSWORD": "${POSTGRES_PASSWORD:-pkraft}",
        "POSTGRES_DB": "pkraft",
        "PKRAFT_DATABASES": " ".join(databases()),
        # each service's database user's password (init-databases.sh sets it)
        **{
            db_password_var(service): "${" + db_password_var(service) + ":-pkraft-" + service + "}"
            for service in dict.fromkeys(
                d.split(":")[1].removeprefix("pkraft_") for d in databases()
            )
        },
    }
    script = "./infra/postgres/init-databases.sh"
    postgres = {
        "image": POSTGRES_IMAGE,
        "environment": pg_env,
        "ports": ["127.0.0.1:5433:5432"],
        "volumes": [
            "pg-data:/var/lib/postgresql/data",
            f"{script}:/docker-entrypoint-initdb.d/10-databases.sh:ro",
        ],
        "healthcheck": {
            "test": ["CMD", "pg_isready", "-U", "pkraft", "-d", "pkraft"],
            "interval": "5s",
            "timeout": "5s",
            "retries": 12,
        },
        "restart": "unless-stopped",
    }
    databases_job = {
        "image": POSTGRES_IMAGE,
        "command": ["bash", "/init-databases.sh"],
        "environment": {**pg_env, "PGHOST": "postgres", "PGPASSWORD": pg_env["POSTGRES_PASSWORD"]},
        "volumes": [f"{script}:/init-databases.sh:ro"],
        "depends_on": {"postgres": {"condition": "service_healthy"}},
        "restart": "no",
    }
    topics = {
        "image": IMAGE,
        "build": {"context": ".", "dockerfile": "infra/Dockerfile"},
        "command": ["topics"],
        "environment": dict(COMMON_ENV),
        "depends_on": {"kafka": {"condition": "service_healthy"}},
        "restart": "no",
    }
    return {"kafka": kafka, "postgres": postgres, "databases": databases_job, "topics": topics}


def compose() -> dict[str, Any]:
    services = infrastructure()
    for process in PROCESSES:
        services[process.name] = process_service(process)
    return {
        "name": "pkraft",
        "services": services,
        "volumes": {"kafka-data": {}, "pg-data": {}, "pkraft-var": {}},
    }


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def to_yaml(value: Any, indent: int = 0) -> list[str]:
    """A minimal YAML emitter: mappings, lists of scalars, quoted strings."""
    pad = "  " * indent
    lines: list[str] = []
    for key, item in value.items():
        if isinstance(item, dict):
            lines.append(f"{pad}{key}:" + (" {}" if not item else ""))
            lines += to_yaml(item, indent + 1)
        elif isinstance(item, list):
            lines.append(f"{pad}{key}:")
            lines += [f"{pad}  - {_scalar(x)}" for x in item]
        else:
            lines.append(f"{pad}{key}: {_scalar(item)}")
    return lines


HEADER = """\
# Generated by `python infra/compose.py > docker-compose.yml` (`make compose`) from
# pkraft/processes.py and the services' settings classes. Do not edit by hand.
# `docker compose up --build` starts the same system as `make run`, on Apache Kafka
# (KRaft) and PostgreSQL. Secrets come from the environment or .env: POSTGRES_PASSWORD,
# POSTGRES_<SERVICE>_PASSWORD (each service's own database user), PKRAFT_AUTH_SECRET,
# PKRAFT_CASES_PSEUDONYM_KEY, ...
# See docs/operations.md.
"""


def render() -> str:
    """The compose file: a blank line between top-level keys and between services."""
    out: list[str] = []
    for line in to_yaml(compose()):
        depth = (len(line) - len(line.lstrip(" "))) // 2
        after_parent = bool(out) and not out[-1].startswith(" ")
        if out and (depth == 0 or (depth == 1 and not after_parent)):
            out.append("")
        out.append(line)
    return HEADER + "\n" + "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
