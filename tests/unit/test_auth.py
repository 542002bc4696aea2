"""Tokens: roles, expiry, audience, and RS256 for production."""

from __future__ import annotations

import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.auth import AuthError, TokenVerifier, issue_token
from shared.config import CommonSettings


def test_hs256_token_round_trip_with_roles() -> None:
    settings = CommonSettings()
    principal = TokenVerifier(settings).verify(issue_token(settings, "anna", ["caseworker"]))
    assert principal.sub == "anna" and principal.has_any("caseworker", "leader")
    assert not principal.has_any("auditor")


def test_expired_wrong_audience_and_wrong_secret_are_rejected() -> None:
    settings = CommonSettings()
    verifier = TokenVerifier(settings)
    with pytest.raises(AuthError):
        verifier.verify(issue_token(settings, "anna", ["caseworker"], ttl_seconds=-10))
    other = settings.model_copy(update={"auth_audience": "someone-else"})
    with pytest.raises(AuthError):
        verifier.verify(issue_token(other, "anna", ["caseworker"]))
    forged = settings.model_copy(update={"auth_secret": "x" * 40})
    with pytest.raises(AuthError):
        verifier.verify(issue_token(forged, "anna", ["caseworker"]))


def test_rs256_with_a_public_key() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_pem = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    settings = CommonSettings(auth_algorithm="RS256", auth_public_key=public_pem)
    token = issue_token(settings, "lea", ["leader"], private_key=private_pem)
    assert TokenVerifier(settings).verify(token).roles == frozenset({"leader"})
    hs = jwt.encode(
        {"sub": "x", "exp": time.time() + 60, "aud": "pkraft", "iss": "pkraft-dev"},
        "secret-secret-secret-secret-secret!",
        algorithm="HS256",
    )
    with pytest.raises(AuthError):
        TokenVerifier(settings).verify(hs)
