"""The insight page (GDPR art. 15) of a cases subject is plain Danish for the citizen or
relative who asked: labelled fields, Danish values and dates, Danish event names, the
system's own texts translated, a heading per kind of subject, and their rights."""

from __future__ import annotations

from fastapi.testclient import TestClient

from services.cases.tests.conftest import auth
from services.cases.tests.integration.privacy_flow import drive_case
from tests.insight_page import assert_plain_danish

OFFICER = auth("privacy_officer", sub="dpo-ditte")


def _page(client: TestClient, subject: str) -> tuple[str, dict[str, object]]:
    url = f"/privacy/subjects/{subject}/export"
    found = client.get(url, headers=OFFICER).json()
    page = client.get(url, params={"format": "html"}, headers=OFFICER)
    assert page.status_code == 200, page.text
    return page.text, found


def test_the_citizens_page_is_plain_danish_with_the_escalation_in_danish(
    client: TestClient,
) -> None:
    case = drive_case(client)
    page, found = _page(client, f"citizen:{case.case_id}")
    assert "Automatic escalation" in str(found)  # the JSON keeps the stored text
    text = assert_plain_danish(page, found)
    assert "Oplysninger om dig som borger i en samarbejdssag" in text
    assert "Automatisk optrapning til niveau 4: en hændelse med trussel er indberettet" in text
    assert "Automatic" not in text and "reported" not in text
    for words in ("CPR-nummer", "Niveau vurderet", "Hændelse indberettet", "sagssystemets"):
        assert words in text, words
    assert "overblikket og revisionssporet" in text and "kommunikationen" in text
    for secret in case.secrets["citizen"]:
        assert secret in text, secret


def test_a_relatives_page_is_plain_danish(client: TestClient) -> None:
    case = drive_case(client)
    page, found = _page(client, f"relative:{case.case_id}:{case.karen}")
    text = assert_plain_danish(page, found)
    assert "Oplysninger om dig som pårørende i en samarbejdssag" in text
    for words in ("Kontaktkanaler, e-mail", "Samtykke givet", "invitere til møder", "skriftligt"):
        assert words in text, words
    assert "databeskyttelsesrådgiver" in text and "lavede et udtræk til indsigt" in text


def test_an_erased_relatives_page_is_plain_danish_and_says_when(client: TestClient) -> None:
    case = drive_case(client)
    karen = f"relative:{case.case_id}:{case.karen}"
    erase = f"/privacy/subjects/{karen}/erase"
    erased = client.post(erase, json={"reason": "data_subject_request"}, headers=OFFICER)
    assert erased.status_code == 200, erased.text
    page, found = _page(client, karen)
    text = assert_plain_danish(page, found)
    assert "Personens oplysninger er slettet" in text and "Karen Kvistgaard-Hansen" not in text
    assert "Oplysninger slettet" in text  # the erasure event, by its Danish name
