"""The rules of an OpenID Connect sign-in, without I/O: the one-time values a sign-in
starts with (state, nonce and the PKCE code verifier, RFC 7636 S256), the
authorization request, the roles in a claim, and the issuer's error codes as the
catalogue's."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

# The issuer's error codes (RFC 6749 4.1.2.1, OIDC Core 3.1.2.6) as catalogue codes.
_ISSUER_ERRORS = {
    "access_denied": "oidc_access_denied",
    "consent_required": "oidc_access_denied",
    "login_required": "oidc_login_required",
    "interaction_required": "oidc_login_required",
    "account_selection_required": "oidc_login_required",
    "server_error": "oidc_unavailable",
    "temporarily_unavailable": "oidc_unavailable",
}
_CODE = re.compile(r"[a-z_]{1,60}")


class SignInFailed(Exception):
    """A sign-in did not succeed; ``code`` is a catalogue code (``oidc_*``)."""

    def __init__(self, code: str, issuer_error: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.issuer_error = issuer_error


@dataclass(frozen=True)
class Pending:
    """What the console remembers (in the session) between sending the browser to the
    issuer and its return: each value is used once."""

    state: str
    nonce: str
    verifier: str

    def as_session(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_session(cls, raw: object) -> Pending | None:
        if not isinstance(raw, dict):
            return None
        values = [raw.get(k) for k in ("state", "nonce", "verifier")]
        if not all(isinstance(v, str) and v for v in values):
            return None
        return cls(str(values[0]), str(values[1]), str(values[2]))


def new_pending() -> Pending:
    """Fresh random state, nonce and code verifier (64 characters of 43-128 allowed)."""
    return Pending(secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48))


def challenge(verifier: str) -> str:
    """The S256 code challenge: BASE64URL(SHA256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorization_url(
    endpoint: str, client_id: str, redirect_uri: str, scopes: str, pending: Pending
) -> str:
    """The issuer's authorization endpoint with the code flow's parameters."""
    query = urlencode(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": scopes,
            "state": pending.state,
            "nonce": pending.nonce,
            "code_challenge": challenge(pending.verifier),
            "code_challenge_method": "S256",
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def state_matches(pending: Pending | None, returned: str) -> bool:
    """The state the issuer sent back is the one this browser's sign-in started with."""
    if pending is None or not returned:
        return False
    return secrets.compare_digest(pending.state.encode(), returned.encode())


def issuer_error(query: Mapping[str, str]) -> SignInFailed | None:
    """The issuer's refusal (``?error=access_denied``) as a catalogue code, if it sent one.
    Its own wording (``error_description``) is not shown: it is not Danish."""
    error = query.get("error")
    if error is None:
        return None
    named = error if _CODE.fullmatch(error) else None
    return SignInFailed(_ISSUER_ERRORS.get(error, "oidc_refused"), named)


def roles_from(claims: Mapping[str, Any], path: str, known: Collection[str]) -> list[str]:
    """The known roles in the claim at ``path`` (``roles``, ``realm_access.roles``): a
    list of strings or one space-separated string; anything else holds none."""
    value: Any = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, list):
        return []
    return [r for r in dict.fromkeys(str(v) for v in value) if r in known]
