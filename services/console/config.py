"""Settings of the staff console (``PKRAFT_CONSOLE_*``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.config import CommonSettings

DEV_SESSION_SECRET = "pkraft-console-dev-session-secret-change-me-0123456789"


class ConsoleSettings(BaseSettings):
    """Everything the console reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="PKRAFT_CONSOLE_", extra="ignore")

    common: CommonSettings = Field(default_factory=CommonSettings, exclude=True)
    http_host: str = Field("127.0.0.1", description="Address the console listens on.")
    http_port: int = Field(8100, description="Port the console listens on.")
    cases_api_url: str = Field(
        "http://127.0.0.1:8101", description="Base URL of the cases service's API."
    )
    councils_api_url: str = Field(
        "http://127.0.0.1:8102", description="Base URL of the councils service's API."
    )
    communication_api_url: str = Field(
        "http://127.0.0.1:8103", description="Base URL of the communication service's API."
    )
    readside_api_url: str = Field(
        "http://127.0.0.1:8104", description="Base URL of the read side's API."
    )
    api_timeout_seconds: float = Field(
        10.0, description="Longest the console waits for another service's API."
    )
    sign_in: Literal["dev", "oidc"] = Field(
        "dev",
        description="dev: a sign-in page where you choose a name and roles (development "
        "only); oidc: the municipality's identity provider (not implemented yet).",
    )
    oidc_issuer: str = Field(
        "", description="OpenID Connect issuer URL (sign_in=oidc; not implemented yet)."
    )
    oidc_client_id: str = Field("", description="OpenID Connect client id (sign_in=oidc).")
    session_secret: str = Field(
        DEV_SESSION_SECRET,
        description="Key that signs the session cookie. Change it outside development.",
    )
    session_cookie_secure: bool = Field(
        True,
        description="Send the session cookie over HTTPS only (browsers accept it on "
        "http://127.0.0.1 and http://localhost too).",
    )
    session_max_age_seconds: int = Field(
        8 * 3600, description="How long a sign-in lasts (also the dev token's lifetime)."
    )
    assets_dir: str = Field(
        "",
        description="DKFDS's compiled files (css, js, fonts, img); empty: "
        "services/console/node_modules/dkfds/dist, installed by `make install`.",
    )
