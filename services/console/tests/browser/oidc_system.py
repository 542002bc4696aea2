"""A real OpenID Connect provider (panva's ``oidc-provider`` on Node.js, from
``services/console/tests/oidc/provider.mjs``), the cases API and the read side's API that
accept its access tokens (RS256, its JWKS), and the console signing in against it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from pkraft.broker import free_port
from services.console.tests.browser.system import _wait_ready

PROVIDER = Path(__file__).resolve().parents[1] / "oidc" / "provider.mjs"
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules" / "oidc-provider"
CLIENT_ID = "pkraft-console"
ACCOUNTS = {"anna": ["caseworker"], "ulla": []}
ACCESS_TTL = 25  # seconds: short, so that a test outlives an access token
REFRESH_BEFORE = 10


@dataclass
class OidcSystem:
    console_url: str
    issuer: str
    readside_url: str
    client_id: str = CLIENT_ID


def _wait_for_issuer(issuer: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the OpenID provider exited: {proc.returncode}")
        try:
            if httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=1).is_success:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError("the OpenID provider did not answer")


def _serve(service: str, *args: str) -> list[str]:
    """``pkraft <service> api``, through the service's own command line only (a command
    line with one command takes no command name)."""
    code = f"from services.{service}.entrypoints.cli import cli; cli()"
    return [sys.executable, "-c", code, *args]


@contextmanager
def running_oidc_system(tmp: Path) -> Iterator[OidcSystem]:
    """Start the provider, two APIs and the console; stop them all afterwards."""
    if not NODE_MODULES.is_dir():
        raise RuntimeError(
            "oidc-provider is missing: run `make install` (npm ci in services/console)"
        )
    ports = {name: free_port() for name in ("issuer", "cases", "readside", "console")}
    issuer = f"http://127.0.0.1:{ports['issuer']}"
    console = f"http://127.0.0.1:{ports['console']}"
    env = {
        **os.environ,
        "PKRAFT_TEST_OIDC_ACCOUNTS": json.dumps(ACCOUNTS),
        "PKRAFT_TEST_OIDC_AUDIENCE": "pkraft",
        "PKRAFT_TEST_OIDC_ACCESS_TTL": str(ACCESS_TTL),
        "PKRAFT_CONSOLE_OIDC_REFRESH_BEFORE_SECONDS": str(REFRESH_BEFORE),
        "PKRAFT_AUTH_ALGORITHM": "RS256",
        "PKRAFT_AUTH_JWKS_URL": f"{issuer}/jwks",
        "PKRAFT_AUTH_ISSUER": issuer,
        "PKRAFT_AUTH_AUDIENCE": "pkraft",
        "PKRAFT_LOG_FORMAT": "json",
        "PKRAFT_VAR_DIR": str(tmp),
        "PKRAFT_OPS_PORT": "0",
        "PKRAFT_CASES_HTTP_PORT": str(ports["cases"]),
        "PKRAFT_CASES_DATABASE_URL": f"sqlite:///{tmp}/cases.sqlite",
        "PKRAFT_READSIDE_HTTP_PORT": str(ports["readside"]),
        "PKRAFT_READSIDE_DATABASE_URL": f"sqlite:///{tmp}/readside.sqlite",
        "PKRAFT_CONSOLE_HTTP_PORT": str(ports["console"]),
        "PKRAFT_CONSOLE_CASES_API_URL": f"http://127.0.0.1:{ports['cases']}",
        "PKRAFT_CONSOLE_READSIDE_API_URL": f"http://127.0.0.1:{ports['readside']}",
        "PKRAFT_CONSOLE_SIGN_IN": "oidc",
        "PKRAFT_CONSOLE_OIDC_ISSUER": issuer,
        "PKRAFT_CONSOLE_OIDC_CLIENT_ID": CLIENT_ID,
    }
    commands = {
        "issuer": [
            "node",
            str(PROVIDER),
            str(ports["issuer"]),
            CLIENT_ID,
            f"{console}/log-ind/retur",
            f"{console}/logget-ud",
        ],
        "cases-api": _serve("cases", "api"),
        "readside-api": _serve("readside", "api"),
        "console": _serve("console"),
    }
    procs: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for name, command in commands.items():
            log = (tmp / f"{name}.log").open("wb")
            procs[name] = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        _wait_for_issuer(issuer, procs["issuer"], timeout=30)
        for name in ("cases", "readside", "console"):
            _wait_ready(f"http://127.0.0.1:{ports[name]}", procs, timeout=180)
        yield OidcSystem(console, issuer, f"http://127.0.0.1:{ports['readside']}")
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
