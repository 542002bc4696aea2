"""Generates ``docker-compose.yml`` from ``pkraft/processes.py`` and the settings classes.

One compose service per process in ``PROCESSES`` (the same list ``make run`` starts),
configured only by environment, derived from the service's settings class
(``infra/compose_env.py``):

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

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from infra.compose_env import COMMON_ENV, databases, db_password_var, service_env  # noqa: E402
from pkraft.processes import PROCESSES, Process  # noqa: E402

IMAGE = "pkraft:${PKRAFT_IMAGE_TAG:-latest}"
KAFKA_IMAGE = "apache/kafka:4.1.0"
POSTGRES_IMAGE = "postgres:16"
OPS_PORT = 9100
HEALTHCHECK = ["CMD", "python", "/opt/pkraft/healthcheck.py", "/readyz"]


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


HEADER = """\
# Generated by `python infra/compose.py > docker-compose.yml` (`make compose`) from
# pkraft/processes.py and the services' settings classes. Do not edit by hand.
# `docker compose up --build` starts the same system as `make run`, on Apache Kafka
# (KRaft) and PostgreSQL. Secrets come from the environment or .env: POSTGRES_PASSWORD,
# POSTGRES_<SERVICE>_PASSWORD (each service's own database user), PKRAFT_AUTH_SECRET,
# PKRAFT_CASES_PSEUDONYM_KEY, ...
# See docs/operations.md.
"""


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with a list indented under its key and no aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def render() -> str:
    """The compose file: a blank line between top-level keys and between services."""
    text = yaml.dump(compose(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    out: list[str] = []
    for line in text.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        after_parent = bool(out) and not out[-1].startswith(" ")
        if out and (depth == 0 or (depth == 1 and not after_parent)):
            out.append("")
        out.append(line)
    return HEADER + "\n" + "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
