"""The issuer's access token renewed with its refresh token before it expires (against
the fake issuer of ``test_oidc.py``): a token near its expiry is exchanged at the next
page and the APIs get the new one; a rotated refresh token is used next; one refresh
token is exchanged once however many requests carry it; a refused renewal ends the
session; a silent issuer leaves the token; sign-out revokes the refresh token."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from urllib.parse import parse_qs

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.adapters.oidc import OidcClient
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_oidc import (
    ISSUER,
    FakeIssuer,
    back,
    oidc_settings,
    start,
)
from services.console.tests.unit.test_pages import CASE_ID, FakeApis, csrf


class RenewingIssuer(FakeIssuer):
    """Gives a refresh token and a short-lived access token; rotates refresh tokens."""

    def __init__(self, lifetime: int = 30) -> None:
        super().__init__()
        self.lifetime = lifetime
        self.issued = 0
        self.refused = False
        self.refreshes: list[str] = []
        self.revoked: list[dict[str, list[str]]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("down")
        path = request.url.path
        if path == "/.well-known/openid-configuration":
            found = super().__call__(request).json()
            return httpx.Response(200, json={**found, "revocation_endpoint": f"{ISSUER}/revoke"})
        form = parse_qs(request.content.decode())
        if path == "/revoke":
            self.revoked.append(form)
            return httpx.Response(200)
        if path == "/token" and form["grant_type"] == ["refresh_token"]:
            self.refreshes.append(form["refresh_token"][0])
            if self.refused:
                return httpx.Response(400, json={"error": "invalid_grant"})
            return self._tokens()
        answer = super().__call__(request)
        if answer.status_code != 200 or path != "/token":
            return answer
        return self._tokens(id_token=answer.json()["id_token"])

    def _tokens(self, **extra: str) -> httpx.Response:
        self.issued += 1
        tokens = {"access_token": f"api-token-{self.issued}", "token_type": "Bearer",
                  "expires_in": self.lifetime, "refresh_token": f"rt-{self.issued}"}  # fmt: skip
        return httpx.Response(200, json={**tokens, **extra})


@pytest.fixture
def issuer() -> RenewingIssuer:
    return RenewingIssuer()


@pytest.fixture
def apis() -> FakeApis:
    return FakeApis()


@pytest.fixture
def client(issuer: RenewingIssuer, apis: FakeApis) -> Iterator[TestClient]:
    app = create_app(oidc_settings(), httpx.MockTransport(apis), httpx.MockTransport(issuer))
    with TestClient(app, base_url="https://testserver") as c:
        query = start(c, issuer)
        assert back(c, code="c1", state=query["state"]).headers["location"] == "/sager"
        yield c


def _leader_command(client: TestClient) -> None:
    page = client.get(f"/sager/{CASE_ID}/leder")
    client.post(f"/sager/{CASE_ID}/leder", data={"csrf_token": csrf(page), "version": "3"})


def test_a_token_near_its_expiry_is_renewed_and_the_apis_get_the_new_one(
    client: TestClient, issuer: RenewingIssuer, apis: FakeApis
) -> None:
    _leader_command(client)  # 30 s left, renewed 60 s before: renewed at every page
    assert issuer.refreshes[:2] == ["rt-1", "rt-2"]  # the rotated one is used next
    assert apis.sent[-1].headers["Authorization"] == "Bearer api-token-3"  # the POST's page
    assert len(set(issuer.refreshes)) == len(issuer.refreshes)  # none used twice


def test_a_token_with_time_left_is_kept(apis: FakeApis) -> None:
    issuer = RenewingIssuer(lifetime=3600)
    app = create_app(oidc_settings(), httpx.MockTransport(apis), httpx.MockTransport(issuer))
    with TestClient(app, base_url="https://testserver") as c:
        query = start(c, issuer)
        back(c, code="c1", state=query["state"])
        _leader_command(c)
    assert issuer.refreshes == [] and apis.sent[-1].headers["Authorization"] == "Bearer api-token-1"


def test_a_refused_renewal_ends_the_session(client: TestClient, issuer: RenewingIssuer) -> None:
    issuer.refused = True
    answer = client.get("/sager", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/log-ind"
    assert client.get("/sager", follow_redirects=False).headers["location"] == "/log-ind"


def test_a_silent_issuer_leaves_the_token_until_it_answers(
    client: TestClient, issuer: RenewingIssuer
) -> None:
    issuer.down = True
    assert "<h1>Sager</h1>" in client.get("/sager").text
    issuer.down = False
    client.get("/sager")
    assert issuer.refreshes == ["rt-1"]


def test_one_refresh_token_is_exchanged_once() -> None:
    issuer = RenewingIssuer()
    oidc = OidcClient(oidc_settings(), httpx.MockTransport(issuer))

    async def twice() -> list[str]:
        found = await asyncio.gather(oidc.refresh("rt-0"), oidc.refresh("rt-0"))
        await oidc.close()
        return [r.access_token for r in found]

    assert asyncio.run(twice()) == ["api-token-1", "api-token-1"]
    assert issuer.refreshes == ["rt-0"]


def test_sign_out_revokes_the_refresh_token(client: TestClient, issuer: RenewingIssuer) -> None:
    issuer.lifetime = 3600
    page = client.get("/sager")  # renews once (30 s were left): rt-2 is the one to revoke
    client.post("/log-ud", data={"csrf_token": csrf(page)}, follow_redirects=False)
    [revoked] = issuer.revoked
    assert revoked["token"] == ["rt-2"] and revoked["token_type_hint"] == ["refresh_token"]
