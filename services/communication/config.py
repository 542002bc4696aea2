"""Settings of the communication service (``PKRAFT_COMMUNICATION_*``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.config import CommonSettings


class CommunicationSettings(BaseSettings):
    """Everything the communication service reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="PKRAFT_COMMUNICATION_", extra="ignore")

    common: CommonSettings = Field(default_factory=CommonSettings, exclude=True)
    http_host: str = Field(
        "127.0.0.1", description="Address the API (and the dev mail catcher) listen on."
    )
    http_port: int = Field(8103, description="Port the API listens on.")
    database_url: str = Field(
        "sqlite:///var/communication.sqlite",
        description="The service's database: sqlite:///path or postgresql://...?schema=s.",
    )
    master_key_file: str = Field(
        "",
        description="File holding the base64 256-bit master key that wraps the data key of "
        "each theme-evening registrant (default: communication-master.key in the var "
        "directory). Created on first start in dev mode only; outside dev mode the service "
        "refuses to start without it.",
    )
    registrant_retention_days: int = Field(
        30,
        ge=0,
        le=36_500,
        description="Days after a theme evening that its registrants' name and e-mail are "
        "kept; then `pkraft communication retention --apply` destroys their keys.",
    )
    topic: str = Field("pkraft.communication.v1", description="Topic the relay publishes to.")
    cases_topic: str = Field("pkraft.cases.v1", description="Case events consumed.")
    councils_topic: str = Field(
        "pkraft.councils.v1", description="Council events consumed (empty: none)."
    )
    consumer_group: str = Field("pkraft-communication", description="Consumer group id.")
    relay_batch_size: int = Field(500, description="Outbox events the relay sends at once.")
    relay_poll_interval_ms: int = Field(200, description="How often the relay polls the outbox.")
    smtp_host: str = Field("127.0.0.1", description="SMTP server (dev: the mail catcher).")
    smtp_port: int = Field(8025, description="SMTP port (dev: the mail catcher).")
    smtp_from: str = Field("Pårørendekraft <noreply@pkraft.local>", description="From address.")
    smtp_use_tls: bool = Field(False, description="Implicit TLS (port 465 style).")
    smtp_start_tls: bool = Field(False, description="STARTTLS after connecting.")
    smtp_username: str = Field("", description="SMTP login, if the server wants one.")
    smtp_password: str = Field("", description="SMTP password.")
    message_id_domain: str = Field("pkraft.local", description="Right side of Message-IDs.")
    webhook_url: str = Field(
        "", description="Gateway for digital_post, phone and letter channels (JSON POST)."
    )
    webhook_token: str = Field("", description="Bearer token for the webhook gateway.")
    max_attempts: int = Field(5, description="Delivery attempts before a message fails.")
    backoff_seconds: float = Field(5.0, description="First retry delay; doubles per attempt.")
    lease_seconds: float = Field(
        60.0, description="A message being sent is retried after this long if no outcome."
    )
    sender_idle_ms: int = Field(500, description="How often an idle sender looks for work.")
    staff_address: str = Field(
        "{user}@staff.pkraft.local", description="A staff user's mailbox ({user} = user id)."
    )
    tilbud_address: str = Field(
        "tilbud-{tilbud_id}@staff.pkraft.local", description="A tilbud's shared staff mailbox."
    )
    cases_api_url: str = Field(
        "http://127.0.0.1:8101",
        description="Base URL of the cases API, asked for a relative's contact details and "
        "current consents when a message is sent (role `communications`).",
    )
    cases_api_token: str = Field(
        "",
        description="Bearer token for the cases API (role `communications`); empty: one is "
        "minted with the shared HS256 secret (PKRAFT_AUTH_SECRET).",
    )
    cases_api_timeout: float = Field(5.0, description="Seconds to wait for the cases API.")
    mailcatcher_port: int = Field(8025, description="Port of `pkraft communication mailcatcher`.")
    survey_min_group: int = Field(
        5,
        ge=1,
        description="Survey results are published per question only for a group of at least "
        "this many respondents (never per person).",
    )
    code_of_conduct_url: str = Field(
        "https://pkraft.aarhus.dk/kodeks",
        description="Where the code of conduct (kodeks) is read and acknowledged; its mail "
        "links here with ?version=N (and, for a relative, &ref=<message id>).",
    )
