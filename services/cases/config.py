"""Settings of the cases service (``PKRAFT_CASES_*``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.config import CommonSettings
from shared.contracts import cases as cases_wire


class CasesSettings(BaseSettings):
    """Everything the cases service reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="PKRAFT_CASES_", extra="ignore")

    common: CommonSettings = Field(default_factory=CommonSettings, exclude=True)
    http_host: str = Field("127.0.0.1", description="Address the API listens on.")
    http_port: int = Field(8101, description="Port the API listens on.")
    http_workers: int = Field(
        1,
        description="API worker processes. Each has its own command writer; they share the "
        "store through optimistic concurrency (use >1 on PostgreSQL).",
    )
    database_url: str = Field(
        "sqlite:///var/cases.sqlite",
        description="Event store: sqlite:///path or postgresql://user:pw@host:port/db?schema=s.",
    )
    topic: str = Field(cases_wire.TOPIC, description="Topic the relay publishes to.")
    relay_batch_size: int = Field(500, description="Events the relay reads and sends at once.")
    relay_poll_interval_ms: int = Field(
        10, description="How often the relay polls an idle SQLite store (PostgreSQL is notified)."
    )
    command_batch_max: int = Field(
        64, description="Most commands committed together in one transaction (group commit)."
    )
    pseudonym_key: str = Field(
        "pkraft-dev-pseudonym-key",
        description="Secret for the keyed hash that turns a CPR number into citizen_ref.",
    )
    master_key_file: str = Field(
        "",
        description="File holding the base64 256-bit master key that wraps every data "
        "subject's key (default: cases-master.key in the var directory). Created on first "
        "start in dev mode only; outside dev mode the service refuses to start without it.",
    )
    snapshot_interval: int = Field(
        50, description="Take a case snapshot every this many events (fast replay)."
    )
    cache_size: int = Field(10_000, description="Cases kept in the in-memory aggregate cache.")
    retention_days: int = Field(
        1826,
        ge=1,
        le=36_500,
        description="Days after a case is closed before `pkraft privacy retention --apply` "
        "erases its subjects (unless the case is under a legal hold). The municipality's "
        "archive decides it (journal duty, arkivloven, Rigsarkivet's kassation rules; "
        "docs/privacy.md); default 5 years.",
    )
    clock_skew_seconds: int = Field(
        300,
        ge=0,
        le=86_400,
        description="How far in the future a time of something that happened (a complaint "
        "received, an incident, a conversation held, a first contact) may lie, for clients "
        "whose clocks run ahead; later times are refused with 422 time_in_future.",
    )
