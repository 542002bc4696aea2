"""Browsers ask every page's /favicon.ico: the console answers with its icon, and every
page links it."""

from __future__ import annotations

from fastapi.testclient import TestClient

from services.console.tests.unit.test_pages import apis, client, sign_in

__all__ = ["apis", "client"]  # the fixtures, shared


def test_the_favicon_is_served_without_a_sign_in(client: TestClient) -> None:
    answer = client.get("/favicon.ico")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/x-icon"
    assert answer.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's header


def test_every_page_links_the_icon(client: TestClient) -> None:
    assert '<link rel="icon" href="/favicon.ico"' in client.get("/log-ind").text
    sign_in(client)
    assert '<link rel="icon" href="/favicon.ico"' in client.get("/sager").text
