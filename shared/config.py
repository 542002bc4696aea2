"""Settings every service shares, read from ``PKRAFT_*`` environment variables.

Each service has one settings class of its own (``PKRAFT_<SERVICE>_*``) that holds a
``common`` instance of :class:`CommonSettings`, so the broker, auth and logging are
configured once for the whole system.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_JWT_SECRET = "pkraft-dev-secret-change-me-in-production-0123456789"


class CommonSettings(BaseSettings):
    """Broker, authentication, logging and local state shared by all services."""

    model_config = SettingsConfigDict(env_prefix="PKRAFT_", extra="ignore")

    kafka_bootstrap_servers: str = Field(
        "127.0.0.1:9092", description="Kafka bootstrap servers, comma separated."
    )
    kafka_idempotence: bool = Field(
        False,
        description="Idempotent producing. On for Apache Kafka; off for the embedded "
        "Tansu broker, which rejects aiokafka's idempotent producer.",
    )
    kafka_session_timeout_ms: int = Field(
        10_000, description="Consumer group session timeout; a join takes about half of it."
    )
    kafka_heartbeat_interval_ms: int = Field(1_000, description="Consumer heartbeat interval.")
    kafka_fetch_max_wait_ms: int = Field(
        10,
        description="Longest a consumer's fetch waits for new messages. Low keeps consumers "
        "prompt (the Kafka default of 500 ms adds up to that much to every hop).",
    )
    kafka_topic_partitions: int = Field(
        4, description="Partitions per topic when the services create their topics."
    )
    kafka_replication_factor: int = Field(1, description="Replication factor for new topics.")
    auth_algorithm: Literal["HS256", "RS256"] = Field(
        "HS256", description="JWT algorithm: HS256 (shared secret, dev) or RS256 (production)."
    )
    auth_secret: str = Field(
        DEV_JWT_SECRET, description="HS256 shared secret. Change it outside development."
    )
    auth_public_key: str = Field(
        "", description="RS256 public key (PEM). Used when no JWKS URL is set."
    )
    auth_jwks_url: str = Field("", description="RS256 JWKS URL of the identity provider.")
    auth_issuer: str = Field("pkraft-dev", description="Required `iss` claim.")
    auth_audience: str = Field("pkraft", description="Required `aud` claim.")
    organisation_file: str = Field(
        "",
        description="JSON file with the organisation (departments, citizen centres, tilbud, "
        "heads, staff numbers); empty: the default shared/reference/organisation.json. "
        "Tilbud not in it are refused with 422 unknown_tilbud.",
    )
    log_level: str = Field("INFO", description="Log level (DEBUG, INFO, WARNING, ERROR).")
    log_format: Literal["auto", "json", "console"] = Field(
        "auto", description="json, console, or auto (console on a terminal, else JSON)."
    )
    var_dir: Path = Field(Path("var"), description="Directory for local state (SQLite, mail).")
    signing_key_file: str = Field(
        "",
        description="PEM Ed25519 private key with which an event-sourced service's relay "
        "signs its checkpoints (default: <service>-signing.key in the var directory). "
        "Created on first start in dev mode only; outside it the relay refuses to start "
        "without it.",
    )
    checkpoint_interval_seconds: float = Field(
        60.0,
        gt=0,
        description="How often a relay publishes a signed checkpoint of its store's chain "
        "head (while the head moves), besides one when it stops.",
    )
    dev_mode: bool = Field(
        False,
        description="Development mode (`make run`, tests): services create missing dev keys "
        "(the cases master key under the var directory) and accept the dev JWT secret. "
        "Outside it they refuse to start without their keys or with the dev secret.",
    )
