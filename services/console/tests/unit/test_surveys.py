"""Satisfaction surveys: the results per tilbud as the read side publishes them (named,
Danish decimals, the small groups left out), a round started for a tilbud chosen by
name, a round opened and its answers entered as CSV (a bad line named), refusals."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.config import ConsoleSettings
from services.console.entrypoints.api import create_app
from services.console.tests.unit.test_communication_pages import CommunicationApis, sign_in_as
from services.console.tests.unit.test_pages import csrf

ROOT = Path(__file__).resolve().parents[4]
ORGANISATION = {"departments": [{"department_id": "vjh", "label_da": "Voksne, Job og Handicap",
    "centres": [{"centre_id": "vest", "label_da": "Borgercenter Vest", "tilbud": [
        {"tilbud_id": "lyngen", "label_da": "Bofællesskabet Lyngen"},
        {"tilbud_id": "egely", "label_da": "Egely"}]}]}]}  # fmt: skip
SATISFACTION = {"min_group": 5, "scale": [1, 5], "suppressed": ["egely"],
    "per_tilbud": {"lyngen": {"year": 2026, "n": 7, "mean": 4.25, "previous_year": 2022,
                              "previous_mean": 3.5, "change": 0.75}},
    "rolled_up": {"current": {"years": [2026], "n": 7, "mean": 4.25},
                  "previous": {"years": [2022], "n": 6, "mean": 3.5}, "change": 0.75}}  # fmt: skip

NONE_SENT = {"waiting": 0, "sent": 0, "failed": 0, "suppressed": 0}
ROUNDS = [{"tilbud_id": "lyngen", "year": 2026, "status": "published", "invited": 12,
           "started_at": "2026-03-02T08:00:00.000000Z", "answered": 7, "response_rate": 0.5833,
           "invitations": {**NONE_SENT, "sent": 10, "failed": 1, "suppressed": 1}},
          {"tilbud_id": "egely", "year": 2024, "status": "collecting", "started_at": None,
           "invited": 0, "invitations": NONE_SENT, "answered": 0,
           "response_rate": None}]  # fmt: skip


def _rounds(path: str) -> httpx.Response:
    """The communication service's GET /survey-rounds and /survey-rounds/{tilbud}/{year}."""
    if path == "/survey-rounds":
        return httpx.Response(200, json={"items": ROUNDS, "total": 2, "limit": 500, "offset": 0})
    found = [r for r in ROUNDS if path == f"/survey-rounds/{r['tilbud_id']}/{r['year']}"]
    if found:
        return httpx.Response(200, json=found[0])
    return httpx.Response(404, json={"code": "survey_round_not_found", "message": ""})


class SurveyApis(CommunicationApis):
    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "GET" and path.startswith("/survey-rounds"):
            return _rounds(path)
        if request.url.port == 8104 and path == "/organisation":
            return httpx.Response(200, json=ORGANISATION)
        if request.url.port == 8104 and path == "/dashboards/municipality":
            return httpx.Response(200, json={"satisfaction": SATISFACTION})
        if path == "/survey-rounds":
            self.sent.append(request)
            if json.loads(request.content)["tilbud_id"] == "egely":
                return httpx.Response(422, json={"code": "survey_round_too_soon", "message": "",
                                                 "details": {"previous_year": 2024}})  # fmt: skip
            return httpx.Response(201, json={"id": "lyngen:2030", "recipients": 12})
        if path.endswith("/responses/import"):
            self.sent.append(request)
            if b"r9" in request.content:
                return httpx.Response(422, json={"code": "invalid_survey_score",
                    "message": "line 3: ...", "details": {"line": 3}})  # fmt: skip
            return httpx.Response(200, json={"tilbud_id": "lyngen", "year": 2026, "recorded": 2})
        return super().__call__(request)


@pytest.fixture
def apis() -> SurveyApis:
    return SurveyApis()


@pytest.fixture
def client(apis: SurveyApis) -> Iterator[TestClient]:
    app = create_app(ConsoleSettings(), transport=httpx.MockTransport(apis))
    with TestClient(app, base_url="https://testserver") as c:
        sign_in_as(c, "communications")
        yield c


def test_the_results_are_listed_by_tilbud_name(client: TestClient) -> None:
    assert 'href="/kommunikation/tilfredshed"' in client.get("/kommunikation").text
    page = client.get("/kommunikation/tilfredshed")
    row = page.text.split('id="survey-results"')[1].split("</table>")[0]
    assert "Bofællesskabet Lyngen" in row and "4,25" in row and "2022: 3,50" in row
    assert "+0,75" in row and 'href="/kommunikation/tilfredshed/lyngen/2026"' in row
    assert "Færre end 5 har svaret på: Egely" in page.text
    assert "Hele kommunen: gennemsnit 4,25 ud af 5 fra 7 besvarelser" in page.text


def test_the_rounds_sent_are_listed_with_their_response_rate(client: TestClient) -> None:
    table = client.get("/kommunikation/tilfredshed").text.split('id="survey-rounds"')[1]
    lyngen, egely = table.split("</table>")[0].split("<tbody>")[1].split("</tr>")[:2]
    cells = [c.split("<")[0] for c in lyngen.split("<td>")[1:]]
    assert "Bofællesskabet Lyngen" in lyngen and cells == [
        "2026",
        "Resultat vist",
        "12",
        "7",
        "58 %",
    ]
    assert [c.split("<")[0] for c in egely.split("<td>")[1:]] == [
        "2024", "Svar skrives ind", "0", "0", "–"
    ]  # fmt: skip
    page = client.get("/kommunikation/tilfredshed/lyngen/2026").text
    assert 'id="survey-invited">12 pårørende (sendt 10, kunne ikke sendes 1, ikke sendt' in page
    assert 'id="survey-answered">7<' in page and 'id="survey-rate">58 %<' in page
    unsent = client.get("/kommunikation/tilfredshed/lyngen/2030").text
    assert "Spørgeskemaet er ikke sendt ud til tilbuddet for 2030." in unsent


def test_a_round_is_started_for_a_tilbud(client: TestClient, apis: SurveyApis) -> None:
    page = client.get("/kommunikation/tilfredshed")
    form = {"csrf_token": csrf(page), "tilbud_id": "lyngen", "year": "2030"}
    done = client.post("/kommunikation/tilfredshed", data=form)
    assert json.loads(apis.sent[0].content) == {"tilbud_id": "lyngen", "year": 2030}
    assert str(done.url).endswith("/kommunikation/tilfredshed/lyngen/2030")
    assert "Spørgeskemaet for 2030 er sendt til 12 pårørende på Bofællesskabet Lyngen." in done.text
    assert "Der er intet resultat endnu" in done.text  # 2030 has none yet

    too_soon = client.post("/kommunikation/tilfredshed", data={**form, "tilbud_id": "egely"})
    assert too_soon.status_code == 422 and "Der er allerede sendt et spørgeskema" in too_soon.text
    bad = client.post("/kommunikation/tilfredshed", data={**form, "year": "30"})
    assert bad.status_code == 422 and "fire cifre" in bad.text and len(apis.sent) == 2


def test_a_round_is_opened_and_its_answers_entered(client: TestClient, apis: SurveyApis) -> None:
    opened = client.get("/kommunikation/tilfredshed/maaling?open_tilbud_id=lyngen&open_year=2026")
    assert str(opened.url).endswith("/kommunikation/tilfredshed/lyngen/2026")
    assert "Tilfredshedsmåling 2026 på Bofællesskabet Lyngen" in opened.text
    assert 'id="survey-n">7<' in opened.text and "4,25 ud af 5" in opened.text
    answers = "r1,overall,4\nr2,overall,5"
    done = client.post("/kommunikation/tilfredshed/lyngen/2026/svar",
                       data={"csrf_token": csrf(opened), "answers": answers})  # fmt: skip
    sent = apis.sent[0]
    assert sent.url.path == "/surveys/lyngen/2026/responses/import"
    assert sent.headers["content-type"].startswith("text/csv")
    assert sent.content.decode() == f"respondent_ref,question_id,score\n{answers}\n"
    assert "2 nye svar er registreret." in done.text
    bad = client.post("/kommunikation/tilfredshed/lyngen/2026/svar",
                      data={"csrf_token": csrf(opened), "answers": "r9,overall,9"})  # fmt: skip
    assert bad.status_code == 422 and "Linje 3: Et svar skal være et helt tal" in bad.text
    assert "r9,overall,9" in bad.text  # the pasted text is kept to be corrected


def test_the_question_ids_shown_are_the_surveys_own(client: TestClient) -> None:
    questions = json.loads(
        (ROOT / "services/communication/adapters/survey_questions.json").read_text("utf-8")
    )["questions"]
    page = client.get("/kommunikation/tilfredshed/lyngen/2026").text
    assert all(f"<code>{q['id']}</code>" in page for q in questions)


def test_only_communications_staff(client: TestClient) -> None:
    assert client.get("/kommunikation/tilfredshed/lyngen/1999").status_code == 404
    sign_in_as(client, "caseworker")
    assert client.get("/kommunikation/tilfredshed").status_code == 403
    assert client.get("/kommunikation/tilfredshed/lyngen/2026").status_code == 403
