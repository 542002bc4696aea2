"""The organisation served by the read side, and the dashboards rolled up per centre
and department (reference data from shared/reference/organisation.json)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.cases.application import CasesApplication
from services.readside.config import ReadsideSettings
from services.readside.entrypoints.api import create_app
from services.readside.tests.casefeed import NOW, feed, open_case
from services.readside.tests.conftest import auth
from shared.organisation import DEFAULT_FILE, FileOrganisationDirectory, load_directory


def _ingestor(client: TestClient):  # type: ignore[no-untyped-def]
    return client.app.state.service.ingestor  # type: ignore[attr-defined]


def test_the_organisation_lists_departments_centres_and_tilbud(client: TestClient) -> None:
    tree = client.get("/organisation", headers=auth("leader")).json()
    departments = {d["department_id"]: d for d in tree["departments"]}
    assert {"sundhed-og-omsorg", "sociale-forhold-og-beskaeftigelse"} <= set(departments)
    vjh = departments["sociale-forhold-og-beskaeftigelse"]
    assert vjh["head"]["role_da"].startswith("Afdelingschef")
    centres = {c["centre_id"]: c for c in vjh["centres"]}
    assert centres["borgercenter-vest"]["head"]["role_da"] == "Centerchef"
    lyngen = next(t for t in centres["borgercenter-vest"]["tilbud"] if t["tilbud_id"] == "lyngen")
    assert lyngen["staff"] > 0 and lyngen["kind"] == "residential_offer"
    kinds = {t["kind"] for c in departments["sundhed-og-omsorg"]["centres"] for t in c["tilbud"]}
    assert kinds == {"nursing_home", "home_care"}
    assert client.get("/organisation", headers=auth("integration")).status_code == 403


def test_figures_roll_up_per_centre_and_department(
    client: TestClient, cases: CasesApplication
) -> None:
    moved = (NOW - timedelta(days=2)).date()
    for ref, tilbud in [
        ("a", "lyngen"),  # Borgercenter Vest (Sociale Forhold og Beskæftigelse)
        ("b", "bofaellesskabet-lyngen"),  # Borgercenter Vest
        ("c", "skoven"),  # område Syd (Sundhed og Omsorg)
        ("d", "plejehjem-egely"),  # område Nord (Sundhed og Omsorg)
        ("e", "plejehjem-egely"),
    ]:
        cases.save(open_case(cases, f"ref-{ref}", tilbud, moved))
    feed(cases, _ingestor(client))

    def moved_in(path: str) -> int:
        board = client.get(path, headers=auth("leader")).json()
        return int(board["move_in_conversations"]["moved_in"])

    vest = client.get("/dashboards/centres/borgercenter-vest", headers=auth("leader")).json()
    assert vest["scope"] == {
        "centre_id": "borgercenter-vest",
        "tilbud_ids": ["lyngen", "bofaellesskabet-lyngen"],
    }
    assert vest["move_in_conversations"]["moved_in"] == 2
    assert vest["staff"] == 28 + 24
    assert moved_in("/dashboards/centres/mso-omraade-syd") == 1
    assert moved_in("/dashboards/centres/mso-omraade-nord") == 2
    assert moved_in("/dashboards/centres/borgercenter-oest") == 0
    social = "/dashboards/departments/sociale-forhold-og-beskaeftigelse"
    assert moved_in(social) == 2
    assert moved_in("/dashboards/departments/sundhed-og-omsorg") == 3
    assert moved_in("/dashboards/municipality") == 5
    chart = client.get(f"{social}/charts/move_in_conversations.svg", headers=auth("leader"))
    assert chart.status_code == 200 and "<svg" in chart.text
    oest = client.get("/dashboards/centres/borgercenter-oest", headers=auth("leader")).json()
    assert oest["budget_pool"] == {"by_year": {}}


def test_an_unknown_centre_or_department_is_404(client: TestClient) -> None:
    centre = client.get("/dashboards/centres/nope", headers=auth("leader"))
    assert centre.status_code == 404 and centre.json()["code"] == "unknown_centre"
    dept = client.get("/dashboards/departments/nope/charts/complaints.svg", headers=auth("leader"))
    assert dept.status_code == 404 and dept.json()["code"] == "unknown_department"


def test_a_file_naming_a_tilbud_twice_is_refused() -> None:
    data = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    data["departments"][0]["centres"][0]["tilbud"].append({"tilbud_id": "lyngen", "staff": 1})
    with pytest.raises(ValueError, match="lyngen"):
        FileOrganisationDirectory(data)


def test_an_alternative_file_replaces_the_default(tmp_path: Path) -> None:
    path = tmp_path / "org.json"
    one = {"tilbud_id": "x", "staff": 3}
    centre = {"centre_id": "c", "tilbud": [one]}
    path.write_text(json.dumps({"departments": [{"department_id": "d", "centres": [centre]}]}))
    directory = load_directory(str(path))
    assert directory.knows("x") and not directory.knows("lyngen")
    assert directory.tilbud_of_department("d") == ["x"] and directory.staff("x") == 3


def test_the_dashboard_counts_staff_and_centres_from_the_read_sides_own_file(
    tmp_path: Path, readside_settings: ReadsideSettings
) -> None:
    path = tmp_path / "org.json"
    one = {"tilbud_id": "x", "staff": 3}
    centre = {"centre_id": "only-centre", "tilbud": [one]}
    path.write_text(json.dumps({"departments": [{"department_id": "d", "centres": [centre]}]}))
    settings = readside_settings.model_copy(
        update={
            "common": readside_settings.common.model_copy(update={"organisation_file": str(path)})
        }
    )
    with TestClient(create_app(settings)) as c:
        figures = c.get("/dashboards/municipality", headers=auth("leader")).json()
    assert list(figures["leader_hiring"]["per_centre"]) == ["only-centre"]
    assert figures["leader_hiring"]["per_centre"]["only-centre"]["target"] == 2
