"""Who signed up for a theme evening, in a real browser against the real services: the
list of evenings links to the evening's sign-ups by name (seated, venteliste), and a
sign-up is cancelled with its button and a confirmation, so the first on the waiting
list gets the seat. axe-core on every page (0 serious or critical); screenshots go to
docs/console/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from services.console.tests.browser.pages import check, sign_in
from services.console.tests.browser.system import System
from services.console.tests.browser.test_staff_pages import _api, _evening

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


def test_the_sign_ups_are_listed_and_one_is_cancelled(page: Page, system: System) -> None:
    evening_id = _evening(system, "At blive voksen og flytte hjemmefra", 20, 1)
    comms = system.communication_url
    _api(comms, f"/theme-evenings/{evening_id}/announce", {}, "communications")
    for name, email in (("Bodil Hansen", "bodil@example.dk"), ("Karl Jensen", "karl@example.dk")):
        path = f"/theme-evenings/{evening_id}/registrations"
        _api(comms, path, {"name": name, "email": email}, "communications")
    sign_in(page, system.console_url, "kim", "Kommunikation", landing="Overblik for kommunen")
    page.get_by_role("link", name="Kommunikation", exact=True).click()
    page.get_by_role("link", name="Se temaaftener og tilmeldinger").click()
    # By keyboard: the seats of the evening lead to who took them.
    page.get_by_role("link", name="se hvem der er tilmeldt At blive voksen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tilmeldte til At blive voksen og flytte hjemmefra"
    )
    expect(page.locator("#seated tbody tr")).to_have_count(1)
    expect(page.locator("#seated tbody tr")).to_contain_text("Bodil Hansen")
    expect(page.locator("#seated tbody tr")).to_contain_text("bodil@example.dk")
    expect(page.locator("#waiting tbody tr")).to_contain_text("Karl Jensen")
    expect(page.locator("#sign-up-seated")).to_have_text("1 af 1 pladser")
    check(page, "temaaften-tilmeldte")

    page.get_by_role("link", name="Afmeld Bodil Hansen").click()
    expect(page.get_by_role("heading", name="Afmeld tilmeldingen", level=1)).to_be_visible()
    expect(page.locator("#cancel-question")).to_contain_text(
        "Vil du afmelde Bodil Hansen (bodil@example.dk) fra At blive voksen"
    )
    check(page, "temaaften-afmeld")
    page.get_by_role("link", name="Fortryd").click()  # changing one's mind cancels nothing
    expect(page.locator("#seated tbody tr")).to_contain_text("Bodil Hansen")

    page.get_by_role("link", name="Afmeld Bodil Hansen").click()
    page.get_by_role("button", name="Ja, afmeld").click()
    expect(page.locator("#flash")).to_contain_text(
        "Tilmeldingen er afmeldt, og den pårørende får en bekræftelse."
    )
    expect(page.locator("#seated tbody tr")).to_contain_text("Karl Jensen")  # moved up
    expect(page.locator("#waiting")).to_have_count(0)
    expect(page.get_by_text("Bodil Hansen")).to_have_count(0)
    check(page)
