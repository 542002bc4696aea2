"""Settings of the councils service (``PKRAFT_COUNCILS_*``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.config import CommonSettings
from shared.contracts import cases as cases_wire
from shared.contracts import councils as councils_wire


class CouncilsSettings(BaseSettings):
    """Everything the councils service reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="PKRAFT_COUNCILS_", extra="ignore")

    common: CommonSettings = Field(default_factory=CommonSettings, exclude=True)
    http_host: str = Field("127.0.0.1", description="Address the API listens on.")
    http_port: int = Field(8102, description="Port the API listens on.")
    database_url: str = Field(
        "sqlite:///var/councils.sqlite",
        description="Event store: sqlite:///path or postgresql://user:pw@host:port/db?schema=s.",
    )
    topic: str = Field(councils_wire.TOPIC, description="Topic the relay publishes to.")
    cases_topic: str = Field(cases_wire.TOPIC, description="Topic the electorate is built from.")
    consumer_group: str = Field("pkraft-councils", description="Consumer group on the cases topic.")
    relay_batch_size: int = Field(500, description="Events the relay reads and sends at once.")
    relay_poll_interval_ms: int = Field(
        10, description="How often the relay polls an idle SQLite store (PostgreSQL is notified)."
    )
    command_batch_max: int = Field(
        64, description="Most commands committed together in one transaction (group commit)."
    )
    pool_default_kr: int | None = Field(
        None,
        description="Size of a new participant-budget pool when none is given "
        "(unset: the reference data, 100,000 kr).",
    )
    master_key_file: str = Field(
        "",
        description="File holding the base64 256-bit master key that wraps the data key of "
        "each person named in a council (default: councils-master.key in the var directory). "
        "Created on first start in dev mode only; outside dev mode the service refuses to "
        "start without it.",
    )
    snapshot_interval: int = Field(50, description="Snapshot every this many events.")
    cache_size: int = Field(1_000, description="Aggregates kept in the in-memory cache.")
