"""Settings of the read side (``PKRAFT_READSIDE_*``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.config import CommonSettings


class ReadsideSettings(BaseSettings):
    """Everything the read side reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="PKRAFT_READSIDE_", extra="ignore")

    common: CommonSettings = Field(default_factory=CommonSettings, exclude=True)
    http_host: str = Field("127.0.0.1", description="Address the read API listens on.")
    http_port: int = Field(8104, description="Port the read API listens on.")
    database_url: str = Field(
        "sqlite:///var/readside.sqlite",
        description="Read models and audit store: sqlite:///path or "
        "postgresql://user:pw@host:port/db?schema=s.",
    )
    topics: list[str] = Field(
        ["pkraft.cases.v1", "pkraft.councils.v1", "pkraft.communication.v1"],
        description="Topics consumed (every event is audited; known ones are projected).",
    )
    group_id: str = Field("pkraft-readside", description="Consumer group of the projections.")
    consumer_in_api: bool = Field(
        False, description="Run the consumer inside the API process instead of its own."
    )
    cases_database_url: str = Field(
        "sqlite:///var/cases.sqlite",
        description="The cases service's event store, read by audit replay and verify.",
    )
    cases_cipher_key: str = Field(
        "", description="The cases service's at-rest key, when its events are encrypted."
    )
    councils_database_url: str = Field(
        "sqlite:///var/councils.sqlite",
        description="The councils service's event store, compared event by event by audit "
        "verify (skipped when that SQLite file does not exist).",
    )
    councils_cipher_key: str = Field(
        "", description="The councils service's at-rest key, when its events are encrypted."
    )
    fetch_max_wait_ms: int = Field(
        10,
        description="Longest a broker fetch waits for new events: low keeps the read models "
        "fresh (the broker's default of 500 ms adds up to that much to every change).",
    )
    db_pool_size: int = Field(
        16, description="PostgreSQL connections (and query threads) of one read-side process."
    )
    min_version_wait_ms: int = Field(
        2000, description="How long a read with min_version waits for the projection."
    )
    rebuild_batch_size: int = Field(2000, description="Audit records per rebuild transaction.")
