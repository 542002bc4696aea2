"""Satisfaction surveys in a real browser against the real services, the communication
relay and the read side following its topic: a round started for a tilbud chosen by
name, its answers pasted as CSV (a bad line said in Danish with its number), the round's
invited, answered and response rate, the result on the round's page and in the list once
the read side has it. axe-core on every page
(0 serious or critical); screenshots go to docs/console/."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from services.console.domain.timefmt import COPENHAGEN
from services.console.tests.browser.pages import check, sign_in
from services.console.tests.browser.system import System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

# Six respondents (at least the five a result needs), two questions each.
ANSWERS = "\n".join(
    f"r{n},{question},{score}"
    for n, scores in enumerate([(5, 4), (4, 4), (4, 3), (5, 5), (3, 4), (4, 5)], start=1)
    for question, score in zip(("overall", "informed"), scores, strict=True)
)


@pytest.fixture(scope="module")
def system(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    tmp = tmp_path_factory.mktemp("console-surveys")
    topic = f"console-surveys-{uuid.uuid4().hex[:8]}"
    with running_system(kafka_bootstrap, tmp, topic, communication_events=True) as s:
        yield s


def test_a_round_is_started_answered_and_its_result_shown(page: Page, system: System) -> None:
    year = str(datetime.now(COPENHAGEN).year)
    sign_in(page, system.console_url, "kim", "Kommunikation", landing="Overblik for kommunen")
    page.get_by_role("link", name="Kommunikation", exact=True).click()
    page.get_by_role("link", name="Tilfredshedsmålinger: resultater og spørgeskemaer").click()
    expect(page.get_by_role("heading", name="Tilfredshedsmålinger", level=1)).to_be_visible()
    expect(page.get_by_text("Der er ingen resultater endnu.")).to_be_visible()
    check(page)

    start = page.locator("form", has=page.get_by_role("button", name="Send spørgeskemaet"))
    start.get_by_label("Tilbud", exact=True).select_option(label="Egely")
    start.get_by_label("År").fill(year)
    start.get_by_role("button", name="Send spørgeskemaet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Tilfredshedsmåling {year} på Egely")
    expect(page.locator("#flash")).to_contain_text(f"Spørgeskemaet for {year} er sendt til")
    expect(page.locator("#survey-result")).to_contain_text("Der er intet resultat endnu")
    invited = page.locator("#flash").inner_text().split("sendt til ")[1].split(" ")[0]
    expect(page.locator("#survey-invited")).to_have_text(re.compile(f"^{invited} pårørende"))
    expect(page.locator("#survey-answered")).to_have_text("0")

    page.get_by_label("Svar (CSV)").fill("r1,overall,4\nr2,overall,9")
    page.get_by_role("button", name="Gem svarene").click()
    expect(page.locator(".form-error")).to_contain_text("Et svar skal være et helt tal fra 1 til 5")
    expect(page.locator(".form-error")).to_contain_text("Linje 3")  # the header is line 1
    check(page, "tilfredshed-svar-fejl")
    page.get_by_label("Svar (CSV)").fill(ANSWERS)
    page.get_by_role("button", name="Gem svarene").click()
    expect(page.locator("#flash")).to_have_text("12 nye svar er registreret.")
    # Counted by the communication service at once: six respondents of those invited
    # (none when no relative of Egely has consented: then no rate, "–").
    expect(page.locator("#survey-answered")).to_have_text("6")
    rate = f"{int(600 / int(invited) + 0.5)} %" if int(invited) else "–"
    expect(page.locator("#survey-rate")).to_have_text(rate)

    # The results reach the read side as events (relay, broker, consumer).
    for _ in range(240):
        if page.locator("#survey-n").count():
            break
        page.wait_for_timeout(250)
        page.reload()
    expect(page.locator("#survey-n")).to_have_text("6")
    expect(page.locator("#survey-mean")).to_have_text("4,17 ud af 5")  # 50 / 12 answers
    check(page, "tilfredshed-maaling")

    page.get_by_role("link", name="Tilfredshedsmålinger").click()
    row = page.locator("#survey-results tbody tr", has_text="Egely")
    expect(row).to_contain_text(year)
    expect(row).to_contain_text("4,17")
    sent = page.locator("#survey-rounds tbody tr", has_text="Egely")
    expect(sent.locator("td")).to_have_text([year, "Resultat vist", invited, "6", rate])
    check(page, "tilfredshed")
