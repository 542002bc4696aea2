import json
from importlib.resources import files

from services.cases.domain.catalogue import load_catalogue
from services.cases.domain.enums import ChecklistItem
from services.cases.tests.unit.builders import expect_error

EXPECTED = {
    1: (
        ["good_dialogue", "presence_and_approachability", "curiosity_and_respect"],
        [
            "care_and_interest",
            "dialogue_about_needs",
            "competences_and_professionalism",
            "clear_agreements_and_roles",
        ],
    ),
    2: (
        [
            "unclear_dialogue_and_misunderstandings",
            "dissatisfaction",
            "large_or_increasing_contact_need",
        ],
        ["clear_division_of_roles", "clear_frames", "involving_external_parties"],
    ),
    3: (
        ["difficult_dialogue", "direct_or_indirect_criticism", "threats_of_press_or_politicians"],
        ["handling_plan", "conflict_management", "involving_other_professions"],
    ),
    4: (
        ["missing_dialogue", "agreements_not_kept", "threats_violence_harassment_against_staff"],
        ["fast_outreaching_reaction", "clear_plan", "documentation"],
    ),
}


def test_levels_characteristics_and_focus_areas() -> None:
    catalogue = load_catalogue()
    assert catalogue.level_numbers() == (1, 2, 3, 4)
    for level, (characteristics, focus_areas) in EXPECTED.items():
        assert list(catalogue.characteristic_codes(level)) == characteristics
        assert list(catalogue.focus_area_codes(level)) == focus_areas


def test_danish_labels() -> None:
    catalogue = load_catalogue()
    assert [lvl.label_da for lvl in catalogue.levels] == [
        "Godt samarbejde",
        "Samarbejde med mindre udfordringer",
        "Samarbejde med større udfordringer",
        "Kompliceret samarbejde",
    ]
    assert catalogue.level(4).characteristics[2].label_da == (
        "Trusler, vold og chikane mod personale"
    )
    for lvl in catalogue.levels:
        for entry in (*lvl.characteristics, *lvl.focus_areas):
            assert entry.label_da and entry.label_en


def test_checklist_matches_enum_and_danish_template() -> None:
    catalogue = load_catalogue()
    assert list(catalogue.checklist_codes()) == [item.value for item in ChecklistItem]
    assert [e.label_da for e in catalogue.move_in_checklist] == [
        "Økonomi",
        "Medicin",
        "Indkøb af tøj og personlig hygiejne",
        "Kontakt til læge/tandlæge",
        "Andet",
    ]


def test_codes_are_unique_across_the_catalogue() -> None:
    catalogue = load_catalogue()
    codes = [e.code for lvl in catalogue.levels for e in (*lvl.characteristics, *lvl.focus_areas)]
    assert len(codes) == len(set(codes))


def test_loaded_once() -> None:
    assert load_catalogue() is load_catalogue()


def test_as_dict_is_the_packaged_json_and_a_fresh_copy() -> None:
    raw = files("services.cases.domain").joinpath("staircase.json").read_text(encoding="utf-8")
    catalogue = load_catalogue()
    served = catalogue.as_dict()
    assert served == json.loads(raw)
    served["levels"].clear()
    assert len(catalogue.as_dict()["levels"]) == 4
    assert set(served) >= {"levels", "move_in_checklist"}


def test_unknown_level_is_rejected() -> None:
    catalogue = load_catalogue()
    for bad in (0, 5, True, "1"):
        expect_error("invalid_level", None, catalogue.level, bad)
