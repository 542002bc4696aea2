"""The staff forms against a fake councils API: a leader hiring with relatives (the
centre chosen from the organisation), a course session with its participants a line
each, an onboarding; each form's own id keeps a second send from recording twice."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_dashboard_scope import ORGANISATION
from services.console.tests.unit.test_pages import FakeApis, csrf, sign_in


class StaffApis(FakeApis):
    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.port == 8104 and request.url.path == "/organisation":
            return httpx.Response(200, json=ORGANISATION)
        if request.url.port == 8104 and request.url.path == "/councils":
            return httpx.Response(200, json=[])
        return super().__call__(request)


@pytest.fixture
def apis() -> StaffApis:
    return StaffApis()


@pytest.fixture
def client(apis: StaffApis) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        sign_in(c, "leader")
        yield c


def _id(page: httpx.Response, name: str) -> str:
    found = re.search(rf'name="{name}" value="([0-9a-f-]{{36}})"', page.text)
    assert found, page.text
    return found.group(1)


def test_a_hiring_is_recorded_for_the_chosen_centre(client: TestClient, apis: StaffApis) -> None:
    assert 'href="/raad/personale/ansaettelse"' in client.get("/raad").text
    page = client.get("/raad/personale/ansaettelse")
    assert "Område Nord" in page.text  # the centres of the organisation
    hiring_id = _id(page, "hiring_id")
    form = {"csrf_token": csrf(page), "hiring_id": hiring_id, "centre_id": "mso-nord",
            "position": "tilbud_leader", "hired_on": "2026-11-01", "decided_by": "ch1",
            "hiring_committee": "2"}  # fmt: skip
    done = client.post("/raad/personale/ansaettelse", data=form)
    assert "Ansættelsen er registreret." in done.text
    [sent] = apis.sent
    assert sent.url.path == "/leader-hirings/mso-nord"
    assert json.loads(sent.content) == {
        "hiring_id": hiring_id, "position": "tilbud_leader", "hired_on": "2026-11-01",
        "decided_by": "ch1", "relatives": {"focus_group": 0, "hiring_committee": 2, "other": 0},
    }  # fmt: skip


def test_a_course_lists_its_participants_a_line_each(client: TestClient, apis: StaffApis) -> None:
    page = client.get("/raad/personale/kursus")
    session_id = _id(page, "session_id")
    form = {"csrf_token": csrf(page), "session_id": session_id, "audience": "staff",
            "held_on": "2026-11-20", "participants": "kim lyngen\n\nulla egely"}  # fmt: skip
    client.post("/raad/personale/kursus", data=form)
    [sent] = apis.sent
    assert json.loads(sent.content)["participants"] == [
        {"staff_id": "kim", "tilbud_id": "lyngen"},
        {"staff_id": "ulla", "tilbud_id": "egely"},
    ]


def test_a_participant_line_without_its_tilbud_is_said_beside_the_field(
    client: TestClient, apis: StaffApis
) -> None:
    page = client.get("/raad/personale/kursus")
    form = {"csrf_token": csrf(page), "session_id": _id(page, "session_id"),
            "audience": "staff", "held_on": "2026-11-20", "participants": "kim"}  # fmt: skip
    answer = client.post("/raad/personale/kursus", data=form)
    assert answer.status_code == 422 and not apis.sent
    assert re.search(r'id="participants-error">.*bruger-id, et mellemrum', answer.text, re.S)
    assert f'value="{form["session_id"]}"' in answer.text  # the same id when sent again


def test_an_onboarding_says_whether_the_expectations_were_part(
    client: TestClient, apis: StaffApis
) -> None:
    page = client.get("/raad/personale/introduktion")
    form = {"csrf_token": csrf(page), "staff_id": "kim", "tilbud_id": "lyngen",
            "on": "2026-11-02", "expectations": "yes"}  # fmt: skip
    client.post("/raad/personale/introduktion", data=form)
    [sent] = apis.sent
    assert sent.url.path == "/training/onboardings"
    expected = {"staff_id": "kim", "tilbud_id": "lyngen", "on": "2026-11-02",
                "expectations_included": True}  # fmt: skip
    assert json.loads(sent.content) == expected


def test_a_caseworker_may_not(apis: StaffApis) -> None:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        sign_in(c, "caseworker")
        assert c.get("/raad/personale/kursus").status_code == 403
