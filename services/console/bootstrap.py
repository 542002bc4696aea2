"""Builds the console from its settings; tests pass a fake transport for the APIs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx

from services.console.adapters.oidc import OidcClient
from services.console.adapters.service_apis import HttpApis
from services.console.adapters.tokens import dev_token_issuer
from services.console.application import Console
from services.console.config import ConsoleSettings, check

DEFAULT_ASSETS = Path(__file__).parent / "node_modules" / "dkfds" / "dist"


@dataclass
class Built:
    """The console's application and what must be closed with it."""

    console: Console
    apis: HttpApis
    assets: Path
    oidc: OidcClient | None = None


def build(
    settings: ConsoleSettings,
    transport: httpx.AsyncBaseTransport | None = None,
    issuer_transport: httpx.AsyncBaseTransport | None = None,
) -> Built:
    """Refuses settings that must not run (:func:`services.console.config.check`)."""
    check(settings)
    apis = HttpApis(settings, transport)
    assets = Path(settings.assets_dir) if settings.assets_dir else DEFAULT_ASSETS
    oidc = OidcClient(settings, issuer_transport) if settings.sign_in == "oidc" else None
    return Built(Console(apis, dev_token_issuer(settings)), apis, assets, oidc)
