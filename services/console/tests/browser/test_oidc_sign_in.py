"""Signing in with a real OpenID Connect provider (``oidc-provider`` on Node.js): the
authorization-code flow with PKCE in Chromium, the APIs accepting the provider's access
token, sign-out through its end_session_endpoint, and its refusals said in Danish."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

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
