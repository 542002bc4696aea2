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
        description="dev: a sign-in page where you choose a name and roles (only with "
        "PKRAFT_DEV_MODE=true); oidc: the authorization-code flow with PKCE against "
        "PKRAFT_CONSOLE_OIDC_ISSUER.",
    )
    oidc_issuer: str = Field(
        "",
        description="OpenID Connect issuer URL (sign_in=oidc); its discovery document is "
        "<issuer>/.well-known/openid-configuration and must name the same issuer.",
    )
    oidc_client_id: str = Field(
        "", description="The console's client id at the issuer (sign_in=oidc)."
    )
    oidc_client_secret: str = Field(
        "",
        description="The console's client secret (client_secret_basic); empty: a public "
        "client that proves itself with PKCE alone.",
    )
    oidc_redirect_url: str = Field(
        "",
        description="The callback registered at the issuer; empty: <the console's own "
        "address>/log-ind/retur as the browser reached it.",
    )
    oidc_post_logout_redirect_url: str = Field(
        "",
        description="Where the issuer's end_session_endpoint sends the browser after "
        "sign-out (registered at the issuer); empty: <the console's address>/logget-ud.",
    )
    oidc_scopes: str = Field("openid profile", description="Scopes asked for at sign-in.")
    oidc_roles_claim: str = Field(
        "roles",
        description="The ID token's claim that holds the user's roles (a list or a "
        "space-separated string; a dotted path such as realm_access.roles reaches into "
        "an object). Only the console's known roles are kept.",
    )
    oidc_name_claim: str = Field(
        "name", description="The ID token's claim shown as the user's name (else sub)."
    )
    oidc_refresh_before_seconds: int = Field(
        60,
        ge=0,
        le=3600,
        description="Renew the issuer's access token with its refresh token (when it gives "
        "one) this many seconds before it expires, at the user's next page.",
    )
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


class ConsoleMisconfigured(Exception):
    """The console's settings do not let it start (see :func:`check`)."""


def check(settings: ConsoleSettings) -> None:
    """Refuse to start with the dev sign-in or the dev session key outside dev mode, or
    with an OpenID Connect sign-in that names no issuer or client."""
    dev = settings.common.dev_mode
    if settings.sign_in == "dev" and not dev:
        raise ConsoleMisconfigured(
            "the dev sign-in page is for development only: set PKRAFT_CONSOLE_SIGN_IN=oidc "
            "(with PKRAFT_CONSOLE_OIDC_ISSUER and _CLIENT_ID) or PKRAFT_DEV_MODE=true"
        )
    if settings.session_secret == DEV_SESSION_SECRET and not dev:
        raise ConsoleMisconfigured(
            "refusing the development session key outside dev mode: set "
            "PKRAFT_CONSOLE_SESSION_SECRET"
        )
    if settings.sign_in == "oidc" and not (settings.oidc_issuer and settings.oidc_client_id):
        raise ConsoleMisconfigured(
            "PKRAFT_CONSOLE_SIGN_IN=oidc needs PKRAFT_CONSOLE_OIDC_ISSUER and "
            "PKRAFT_CONSOLE_OIDC_CLIENT_ID"
        )
