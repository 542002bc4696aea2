"""Settings of the read side (``PKRAFT_READSIDE_*``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.config import CommonSettings
from shared.contracts import cases as cases_wire
from shared.contracts import communication as communication_wire
from shared.contracts import councils as councils_wire


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
        [cases_wire.TOPIC, councils_wire.TOPIC, communication_wire.TOPIC],
        description="Topics consumed (every event is audited; known ones are projected).",
    )
    group_id: str = Field("pkraft-readside", description="Consumer group of the projections.")
    cases_api_url: str = Field(
        "http://127.0.0.1:8101",
        description="Base URL of the cases API: audit replay asks it for a case's past "
        "states, audit verify for its published events (role `auditor`).",
    )
    councils_api_url: str = Field(
        "http://127.0.0.1:8102",
        description="Base URL of the councils API, whose published events audit verify "
        "compares with the audit copy (empty: not compared).",
    )
    audit_api_token: str = Field(
        "",
        description="Bearer token (role `auditor`) for the cases and councils APIs when the "
        "command line asks them; empty: one is minted with the shared HS256 secret "
        "(PKRAFT_AUTH_SECRET). The read API forwards its caller's token instead.",
    )
    audit_api_timeout: float = Field(10.0, description="Seconds to wait for those APIs.")
    db_pool_size: int = Field(
        16, description="PostgreSQL connections (and query threads) of one read-side process."
    )
    min_version_wait_ms: int = Field(
        2000, description="How long a read with min_version waits for the projection."
    )
    rebuild_batch_size: int = Field(2000, description="Audit records per rebuild transaction.")
    fetch_max_wait_ms: int = Field(
        2,
        gt=0,
        description="Longest the read-side consumer's fetch waits for new messages "
        "(PKRAFT_KAFKA_FETCH_MAX_WAIT_MS for the other consumers). The embedded broker "
        "answers a fetch only when this runs out, so it is part of every event's way to "
        "the read API; an idle consumer polls more often (about 1% of a core more at 2 ms).",
    )
