"""Signing in with a real OpenID Connect provider (``oidc-provider`` on Node.js): the
authorization-code flow with PKCE in Chromium, the APIs accepting the provider's access
token (renewed with the refresh token when it expires), sign-out through its
end_session_endpoint (revoking the refresh token), and its refusals said in Danish."""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from services.console.tests.browser.oidc_system import OidcSystem, running_oidc_system
from services.console.tests.browser.pages import check

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def oidc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcSystem]:
    tmp: Path = tmp_path_factory.mktemp("console-oidc")
    with running_oidc_system(tmp) as system:
        yield system


def at_the_provider(page: Page, login: str) -> None:
    """The provider's own login and consent pages (any password will do)."""
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()


def test_a_caseworker_signs_in_at_the_provider_and_out_again(page: Page, oidc: OidcSystem) -> None:
    page.goto(oidc.console_url + "/")
    expect(page).to_have_url(re.compile("/log-ind$"))
    check(page, "log-ind-kommune")
    page.keyboard.press("Tab")  # the skip link first, then the header, then the button
    page.get_by_role("button", name="Log ind med kommunens login").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"^{re.escape(oidc.issuer)}/interaction/"))
    at_the_provider(page, "anna")

    # Back at the console: the read side and the cases API took the provider's token.
    expect(page.get_by_role("heading", name="Sager", level=1)).to_be_visible()
    expect(page.locator(".portal-user")).to_contain_text("anna · Sagsbehandler")
    expect(page.locator("#case-count")).to_have_text("0 sager")
    check(page)

    page.get_by_role("button", name="Log af").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page.get_by_role("heading", name="Du er logget af")).to_be_visible()
    expect(page).to_have_url(oidc.console_url + "/logget-ud")
    check(page)
    page.goto(oidc.console_url + "/sager")
    expect(page).to_have_url(re.compile("/log-ind$"))


def test_cancelling_at_the_provider_is_said_in_danish(page: Page, oidc: OidcSystem) -> None:
    page.goto(oidc.console_url + "/log-ind")
    page.get_by_role("button", name="Log ind med kommunens login").click()
    page.get_by_role("link", name="[ Cancel ]").click()
    expect(page.get_by_role("alert")).to_contain_text("Du afbrød log ind hos kommunens login")
    expect(page.get_by_role("alert")).to_contain_text("access_denied")
    check(page, "log-ind-afbrudt")


def test_a_user_without_roles_is_told_so_in_danish(page: Page, oidc: OidcSystem) -> None:
    page.goto(oidc.console_url + "/log-ind")
    page.get_by_role("button", name="Log ind med kommunens login").click()
    at_the_provider(page, "ulla")
    expect(page.get_by_role("alert")).to_contain_text("ingen roller i Pårørendekraft")
    check(page)


def _session(page: Page) -> dict[str, Any]:
    """The console's session as the browser holds it (signed, not encrypted)."""
    [cookie] = [c for c in page.context.cookies() if c["name"] == "pkraft_console"]
    found: dict[str, Any] = json.loads(base64.b64decode(cookie["value"].split(".")[0]))
    return found


def _refresh_at_the_provider(oidc: OidcSystem, refresh_token: str) -> httpx.Response:
    found = httpx.get(f"{oidc.issuer}/.well-known/openid-configuration").json()
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token,
            "client_id": oidc.client_id}  # fmt: skip
    return httpx.post(found["token_endpoint"], data=form)


def test_a_signed_in_user_outlives_the_access_token_and_sign_out_revokes_it(
    page: Page, oidc: OidcSystem
) -> None:
    page.goto(oidc.console_url + "/log-ind")
    page.get_by_role("button", name="Log ind med kommunens login").click()
    at_the_provider(page, "anna")
    expect(page.get_by_role("heading", name="Sager", level=1)).to_be_visible()
    first = _session(page)
    assert first["refresh_token"] and first["token_expires_at"] > time.time()

    # Outlive the access token (the passing of time is what is tested): the next page
    # renews it with the refresh token, and the APIs take the new one.
    page.wait_for_timeout((first["token_expires_at"] - time.time() + 2) * 1000)
    refused = httpx.get(f"{oidc.readside_url}/cases",
                        headers={"Authorization": f"Bearer {first['token']}"})  # fmt: skip
    assert refused.status_code == 401  # without renewal the user would be thrown out
    page.reload()
    expect(page.get_by_role("heading", name="Sager", level=1)).to_be_visible()
    expect(page.locator("#case-count")).to_have_text("0 sager")
    renewed = _session(page)
    assert renewed["token"] != first["token"] and renewed["token_expires_at"] > time.time()
    assert renewed["refresh_token"] != first["refresh_token"]  # rotated by the provider
    check(page)

    # Sign-out revokes the refresh token at the provider: it renews nothing afterwards.
    page.get_by_role("button", name="Log af").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page.get_by_role("heading", name="Du er logget af")).to_be_visible()
    answer = _refresh_at_the_provider(oidc, renewed["refresh_token"])
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"
