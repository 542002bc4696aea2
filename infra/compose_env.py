"""The environment of each service's containers, derived from its settings class.

Rules in ``infra/compose.py``'s docstring; ``OVERRIDES`` holds the per-service values no
rule derives (where a process finds another one).
"""

from __future__ import annotations

from typing import Any

from pkraft.configdoc import service_settings, variables
from pkraft.processes import PROCESSES
from shared.config import DEV_JWT_SECRET

PG_HOST = "postgres:5432"
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
