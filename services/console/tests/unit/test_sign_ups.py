"""Who signed up for a theme evening: the seated and the waiting list by name, paged 50
at a time; a sign-up cancelled with a button and a confirmation step (no id typed); an
erased registrant shown without a name; the page linked from the list of evenings."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_communication_pages import (
    EVENING,
    CommunicationApis,
    sign_in_as,
)
from services.console.tests.unit.test_pages import csrf

BASE = "/kommunikation/temaaftener/ev1/tilmeldte"
AT = "2026-12-03T10:00:00+00:00"


def _sign_up(n: int, status: str, position: int, name: str | None) -> dict[str, object]:
    return {"registration_id": f"reg{n}", "status": status, "position": position,
            "registered_at": AT, "name": name, "email": name and f"p{n}@example.dk",
            "erased": name is None}  # fmt: skip


SIGN_UPS = [
    _sign_up(1, "registered", 1, "Bodil Hansen"),
    _sign_up(2, "registered", 2, None),
    _sign_up(3, "waitlisted", 1, "Karl Jensen"),
]


class SignUpApis(CommunicationApis):
    total = 3

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[dict[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/theme-evenings/ev1/sign-ups":
            self.asked.append(dict(request.url.params))
            return httpx.Response(200, json={"evening_id": "ev1", "version": 4,
                "items": SIGN_UPS, "total": self.total, "seated": 2, "waiting": 1,
                "limit": 50, "offset": 0})  # fmt: skip
        if path.startswith("/theme-evenings/ev1/sign-ups/"):
            found = [s for s in SIGN_UPS if s["registration_id"] == path.rsplit("/", 1)[1]]
            if found:
                return httpx.Response(200, json=found[0])
            return httpx.Response(404, json={"code": "registration_not_found", "message": "",
                                             "details": {}})  # fmt: skip
        if path.startswith("/theme-evenings/ev1/registrations/"):
            self.sent.append(request)
            return httpx.Response(204)
        if path == "/theme-evenings":
            return httpx.Response(200, json={"items": [EVENING], "total": 1})
        return super().__call__(request)


@pytest.fixture
def apis() -> SignUpApis:
    return SignUpApis()


@pytest.fixture
def client(apis: SignUpApis) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        sign_in_as(c, "communications")
        yield c


def test_the_sign_ups_are_listed_by_name_seated_then_waiting(
    client: TestClient, apis: SignUpApis
) -> None:
    listed = client.get("/kommunikation/temaaftener")
    assert f'href="{BASE}"' in listed.text  # from the list of evenings
    assert f'href="{BASE}"' in client.get("/kommunikation/temaaftener/ev1").text
    page = client.get(BASE)
    assert apis.asked == [{"limit": "50", "offset": "0"}]
    assert "<h1>Tilmeldte til Økonomi i hverdagen</h1>" in page.text
    seated, waiting = page.text.split('id="seated"')[1].split('id="waiting"')
    assert "Bodil Hansen" in seated and "p1@example.dk" in seated and "Slettet" in seated
    assert "Karl Jensen" in waiting and "Bodil" not in waiting
    assert "3. december 2026" in seated and "2 af 30 pladser" in page.text
    assert f'href="{BASE}/reg3/afmeld"' in waiting
    assert "None" not in page.text  # the erased one's name and e-mail are not shown


def test_a_sign_up_is_cancelled_after_a_confirmation(client: TestClient, apis: SignUpApis) -> None:
    ask = client.get(f"{BASE}/reg3/afmeld")
    assert "Vil du afmelde Karl Jensen (p3@example.dk) fra Økonomi i hverdagen" in ask.text
    assert "nr. 1 på ventelisten" in ask.text and apis.sent == []  # nothing cancelled yet
    assert "Karl Jensen får en bekræftelse på afmeldingen" in ask.text
    done = client.post(f"{BASE}/reg3/afmeld", data={"csrf_token": csrf(ask)})
    assert [(r.method, r.url.path) for r in apis.sent] == [
        ("DELETE", "/theme-evenings/ev1/registrations/reg3")
    ]
    assert (
        str(done.url).endswith(BASE)
        and "Tilmeldingen er afmeldt, og den pårørende får en bekræftelse." in done.text
    )
    expired = client.post(f"{BASE}/reg3/afmeld", data={"csrf_token": "old"})
    assert expired.status_code == 403 and len(apis.sent) == 1


def test_a_cancelled_sign_up_is_said_in_danish(client: TestClient) -> None:
    gone = client.get(f"{BASE}/reg9/afmeld")
    assert gone.status_code == 404 and "tilmelding" in gone.text.lower()


def test_past_the_last_page_and_other_roles(client: TestClient, apis: SignUpApis) -> None:
    apis.total = 60
    assert client.get(f"{BASE}?side=9", follow_redirects=False).headers["location"] == (
        f"{BASE}?side=2"
    )
    sign_in_as(client, "caseworker")
    assert client.get(BASE).status_code == 403
    assert client.get(f"{BASE}/reg1/afmeld").status_code == 403
