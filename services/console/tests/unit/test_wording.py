"""One Danish word for one thing across the console's pages and catalogues."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from services.console.tests.unit.test_pages import apis, client

__all__ = ["apis", "client"]  # the fixtures, shared


def test_the_dpo_is_called_databeskyttelsesraadgiver_everywhere(client: TestClient) -> None:
    assert "Databeskyttelsesrådgiver" in client.get("/log-ind").text
    console = Path(__file__).resolve().parents[2]
    texts = [*console.glob("templates/*.html"), *console.glob("domain/*.json")]
    said = [p.name for p in texts if "databeskyttelsesansvarlig" in p.read_text().lower()]
    assert not said, f"the DPO's Danish title is databeskyttelsesrådgiver: {said}"
