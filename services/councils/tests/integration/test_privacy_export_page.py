"""The insight page (GDPR art. 15) of a councils subject is plain Danish: labelled fields,
Danish values and dates, Danish event names, one heading per kind of subject."""

from __future__ import annotations

from fastapi.testclient import TestClient

from services.councils.domain.council_privacy import person_subject, text_subject
from services.councils.tests.conftest import auth
from services.councils.tests.integration.privacy_flow import (
    MEMBER_NAME,
    NAMES,
    Former,
    Seeder,
    drive_council,
)
from tests.insight_page import assert_plain_danish

OFFICER = auth("privacy_officer", sub="dpo-ditte")


def _page(client: TestClient, subject: str) -> tuple[str, dict[str, object]]:
    url = f"/privacy/subjects/{subject}/export"
    found = client.get(url, headers=OFFICER).json()
    page = client.get(url, params={"format": "html"}, headers=OFFICER)
    assert page.status_code == 200, page.text
    return page.text, found


def test_a_members_and_a_candidates_pages_are_plain_danish(
    client: TestClient, form_council: Former, electorate: Seeder
) -> None:
    driven = drive_council(client, form_council, electorate)
    page, found = _page(client, person_subject(driven.council_id, "citizen-ref-1"))
    text = assert_plain_danish(page, found)
    heading = "Oplysninger om dig som medlem af eller kandidat til et pårørenderåd"
    assert heading in text and "i rådet i råd eller pulje" not in text
    assert MEMBER_NAME in text and "1. januar 2030" in text and "Medlem udpeget" in text
    assert "Aktiv Ja" in " ".join(text.split()) and "ikke oplyst" in text

    page, found = _page(client, person_subject(driven.council_id, "r-karen"))
    text = assert_plain_danish(page, found)
    assert NAMES["r-karen"] in text and "Kandidat opstillet" in text


def test_the_councils_texts_page_is_plain_danish(
    client: TestClient, form_council: Former, electorate: Seeder
) -> None:
    driven = drive_council(client, form_council, electorate)
    page, found = _page(client, text_subject(driven.council_id))
    text = assert_plain_danish(page, found)
    assert "Tekster fra et pårørenderåd" in text and "pårørendemøde" in text
    assert "1. april 2030 kl. 10.00" in text and "Referat skrevet" in text
