"""OpenID Connect sign-in against a fake issuer in memory (the real provider is in
``tests/browser/test_oidc_sign_in.py``): PKCE, state, nonce, the ID token's signature,
issuer, audience and expiry, roles from a claim, the issuer's refusals in Danish, and
sign-out through the issuer's end_session_endpoint."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from services.console.config import ConsoleMisconfigured, ConsoleSettings
from services.console.domain.oidc import challenge, roles_from
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_pages import FakeApis, csrf
from shared.config import CommonSettings

ISSUER = "https://login.example.dk"
CLIENT = "pkraft-console"
REDIRECT = "https://testserver/log-ind/retur"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeIssuer:
    """Discovery, JWKS and a token endpoint that checks the PKCE verifier."""

    def __init__(self) -> None:
        self.key = _key()
        self.claims: dict[str, Any] = {}
        self.signing_key: Any = self.key
        self.header: dict[str, Any] = {"kid": "k1"}
        self.algorithm = "RS256"
        self.challenge = ""
        self.nonce = ""
        self.down = False
        self.token_requests: list[dict[str, list[str]]] = []

    def id_token(self) -> str:
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": CLIENT, "sub": "u-123", "name": "Anna Andersen",
                  "roles": ["caseworker"], "iat": now, "exp": now + 300,
                  "nonce": self.nonce, **self.claims}  # fmt: skip
        if self.algorithm == "none":  # unsigned: PyJWT will not make one with a key
            signed = jwt.encode(claims, self.key, "RS256", headers=self.header)
            head = base64.urlsafe_b64encode(b'{"alg":"none","kid":"k1"}').rstrip(b"=")
            return f"{head.decode()}.{signed.split('.')[1]}."
        return jwt.encode(claims, self.signing_key, self.algorithm, headers=self.header)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("down")
        path = request.url.path
        if path == "/.well-known/openid-configuration":
            return httpx.Response(200, json={
                "issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/auth",
                "token_endpoint": f"{ISSUER}/token", "jwks_uri": f"{ISSUER}/jwks",
                "end_session_endpoint": f"{ISSUER}/logout"})  # fmt: skip
        if path == "/jwks":
            jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
            return httpx.Response(200, json={"keys": [{**jwk, "kid": "k1", "use": "sig"}]})
        if path == "/token":
            form = parse_qs(request.content.decode())
            self.token_requests.append(form)
            if challenge(form["code_verifier"][0]) != self.challenge or form["code"] != ["c1"]:
                return httpx.Response(400, json={"error": "invalid_grant"})
            return httpx.Response(200, json={"access_token": "api-token", "token_type": "Bearer",
                                             "id_token": self.id_token()})  # fmt: skip
        return httpx.Response(404)


@pytest.fixture
def issuer() -> FakeIssuer:
    return FakeIssuer()


def oidc_settings(**extra: Any) -> ConsoleSettings:
    return ConsoleSettings(sign_in="oidc", oidc_issuer=ISSUER, oidc_client_id=CLIENT, **extra)


@pytest.fixture
def client(issuer: FakeIssuer) -> Iterator[TestClient]:
    app = create_app(oidc_settings(), httpx.MockTransport(FakeApis()), httpx.MockTransport(issuer))
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def start(client: TestClient, issuer: FakeIssuer) -> dict[str, str]:
    """Press the sign-in button; the issuer is told state, nonce and the S256 challenge."""
    page = client.get("/log-ind")
    assert "Log ind med kommunens login" in page.text and "Dit brugernavn" not in page.text
    sent = client.post("/log-ind/oidc", data={"csrf_token": csrf(page)}, follow_redirects=False)
    assert sent.status_code == 303
    url = urlsplit(sent.headers["location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{ISSUER}/auth"
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    issuer.challenge, issuer.nonce = query["code_challenge"], query["nonce"]
    return query


def back(client: TestClient, **query: str) -> httpx.Response:
    return client.get("/log-ind/retur", params=query, follow_redirects=False)


def test_sign_in_with_pkce_lands_on_the_cases_with_the_issuers_token(
    client: TestClient, issuer: FakeIssuer
) -> None:
    query = start(client, issuer)
    assert query["response_type"] == "code" and query["client_id"] == CLIENT
    assert query["code_challenge_method"] == "S256" and query["redirect_uri"] == REDIRECT
    assert query["scope"] == "openid profile" and len(query["state"]) >= 32
    answer = back(client, code="c1", state=query["state"], iss=ISSUER)
    assert answer.status_code == 303 and answer.headers["location"] == "/sager"
    [form] = issuer.token_requests
    assert form["grant_type"] == ["authorization_code"] and form["redirect_uri"] == [REDIRECT]
    page = client.get("/sager")
    assert "Anna Andersen" in page.text and "Sagsbehandler" in page.text


def test_the_api_token_is_the_issuers_access_token(issuer: FakeIssuer) -> None:
    apis = FakeApis()
    app = create_app(oidc_settings(), httpx.MockTransport(apis), httpx.MockTransport(issuer))
    with TestClient(app, base_url="https://testserver") as client:
        query = start(client, issuer)
        back(client, code="c1", state=query["state"])
        page = client.get("/sager/e750e2c2-c305-56e5-b95d-2cbf7898410f/leder")
        form = {"csrf_token": csrf(page), "version": "3"}
        client.post("/sager/e750e2c2-c305-56e5-b95d-2cbf7898410f/leder", data=form)
    [sent] = apis.sent
    assert sent.headers["Authorization"] == "Bearer api-token"


def test_a_wrong_state_is_refused_and_the_state_is_used_once(
    client: TestClient, issuer: FakeIssuer
) -> None:
    query = start(client, issuer)
    answer = back(client, code="c1", state="someone-elses")
    assert answer.status_code == 400 and "startet i et andet vindue" in answer.text
    again = back(client, code="c1", state=query["state"])  # the pending sign-in is gone
    assert again.status_code == 400 and not issuer.token_requests


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"claims": {"aud": "another-client"}}, "audience"),
        ({"claims": {"iss": "https://evil.example"}}, "issuer"),
        ({"claims": {"exp": int(time.time()) - 3600}}, "expired"),
        ({"claims": {"nonce": "replayed"}}, "nonce"),
        ({"signing_key": _key()}, "signature"),
        ({"algorithm": "none"}, "alg none"),
        ({"algorithm": "HS256", "signing_key": CLIENT * 3}, "HS256 with the client id"),
    ],
)
def test_an_id_token_that_fails_a_check_signs_no_one_in(
    client: TestClient, issuer: FakeIssuer, change: dict[str, Any], why: str
) -> None:
    query = start(client, issuer)
    for name, value in change.items():
        setattr(issuer, name, value)
    answer = back(client, code="c1", state=query["state"])
    assert answer.status_code == 400, why
    assert "kunne ikke godkendes" in answer.text, why
    assert client.get("/sager", follow_redirects=False).headers["location"] == "/log-ind"


def test_a_wrong_code_verifier_is_refused_by_the_issuer(
    client: TestClient, issuer: FakeIssuer
) -> None:
    query = start(client, issuer)
    issuer.challenge = challenge("not-the-verifier")
    answer = back(client, code="c1", state=query["state"])
    assert answer.status_code == 400 and "Kommunens login afviste log ind" in answer.text


def test_the_issuers_refusal_is_said_in_danish(client: TestClient, issuer: FakeIssuer) -> None:
    query = start(client, issuer)
    answer = back(client, error="access_denied", error_description="End-User aborted",
                  state=query["state"])  # fmt: skip
    assert answer.status_code == 400
    assert "Du afbrød log ind hos kommunens login" in answer.text
    assert "access_denied" in answer.text and "End-User aborted" not in answer.text


def test_a_user_without_a_console_role_is_told_so(client: TestClient, issuer: FakeIssuer) -> None:
    query = start(client, issuer)
    issuer.claims = {"roles": ["integration", "admin"]}
    answer = back(client, code="c1", state=query["state"])
    assert answer.status_code == 400 and "ingen roller i Pårørendekraft" in answer.text


def test_an_issuer_that_does_not_answer_is_said_in_danish(
    client: TestClient, issuer: FakeIssuer
) -> None:
    issuer.down = True
    page = client.get("/log-ind")
    answer = client.post("/log-ind/oidc", data={"csrf_token": csrf(page)})
    assert answer.status_code == 503 and "Kommunens login svarer ikke" in answer.text


def test_starting_a_sign_in_needs_the_csrf_token(client: TestClient) -> None:
    client.get("/log-ind")
    answer = client.post("/log-ind/oidc", data={}, follow_redirects=False)
    assert answer.status_code == 403


def test_sign_out_ends_the_session_at_the_issuer(client: TestClient, issuer: FakeIssuer) -> None:
    query = start(client, issuer)
    back(client, code="c1", state=query["state"])
    page = client.get("/sager")
    answer = client.post("/log-ud", data={"csrf_token": csrf(page)}, follow_redirects=False)
    url = urlsplit(answer.headers["location"])
    assert answer.status_code == 303 and url.path == "/logout"
    sent = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert sent["post_logout_redirect_uri"] == "https://testserver/logget-ud"
    assert jwt.decode(sent["id_token_hint"], options={"verify_signature": False})["sub"] == "u-123"
    assert client.get("/sager", follow_redirects=False).headers["location"] == "/log-ind"
    assert "Du er logget af" in client.get("/logget-ud").text


def test_the_dev_sign_in_is_refused_in_oidc_mode(client: TestClient) -> None:
    page = client.get("/log-ind")
    client.post("/log-ind", data={"csrf_token": csrf(page), "name": "x", "roles": "auditor"})
    assert client.get("/sager", follow_redirects=False).headers["location"] == "/log-ind"


def test_the_console_refuses_to_start_with_the_dev_sign_in_outside_dev_mode() -> None:
    production = CommonSettings(dev_mode=False)
    with pytest.raises(ConsoleMisconfigured, match="dev sign-in"):
        create_app(ConsoleSettings(common=production, session_secret="s" * 40))
    with pytest.raises(ConsoleMisconfigured, match="session key"):
        create_app(oidc_settings(common=production))
    with pytest.raises(ConsoleMisconfigured, match="OIDC_ISSUER"):
        create_app(ConsoleSettings(sign_in="oidc"))
    create_app(oidc_settings(common=production, session_secret="s" * 40))


def test_roles_come_from_a_configured_claim_as_a_list_or_a_string() -> None:
    known = ["caseworker", "leader"]
    assert roles_from({"realm_access": {"roles": ["leader", "x"]}}, "realm_access.roles",
                      known) == ["leader"]  # fmt: skip
    assert roles_from({"groups": "caseworker leader"}, "groups", known) == known
    assert roles_from({"roles": {"a": 1}}, "roles", known) == []
