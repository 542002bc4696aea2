"""Project-wide rules that keep the code and its documentation honest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from shared.contracts.schemas import render

ROOT = Path(__file__).resolve().parent.parent


def test_event_catalogue_matches_the_contracts() -> None:
    """docs/events/ is generated from shared/contracts; run `make schemas` after a change."""
    for rel, content in render().items():
        path = ROOT / "docs" / "events" / rel
        assert path.exists(), f"{rel} missing: run `make schemas`"
        assert path.read_text(encoding="utf-8") == content, f"{rel} stale: run `make schemas`"


def test_domains_import_nothing_outward() -> None:
    """The import-linter contracts in pyproject.toml (layers, framework-free domains)."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


# Field names that suggest personal data; a contract field matching one must be listed
# in ALLOWED_WIRE_FIELDS with the reason it is not personal.
PERSONAL_NAME_PARTS = (
    "name",
    "email",
    "mail",
    "phone",
    "address",
    "cpr",
    "citizen_ref",
    "text",
    "description",
    "note",
    "summary",
    "justification",
    "comment",
    "body",
    "birth",
    "contact",
    "relation",
)
ALLOWED_WIRE_FIELDS = {
    # "name" is a ClassVar (the event's name), never a field; these are ids or codes:
    "note_id": "an id of a dialogue note (its text stays in the cases service)",
    "channel_kinds": "codes (email, phone, ...), not addresses",
    "first_contact_deadline": "a time (the complaint's 24-hour deadline)",
    "contacted_at": "a time (when first contact was made)",
    "relation_id": "an id of a network relation",
}


def test_wire_contracts_carry_no_personal_data() -> None:
    """Kafka events carry ids and codes only: no field marked personal or named like one."""
    from shared.contracts.schemas import TOPICS, schema_of

    offending = []
    for _topic, _source, registry in TOPICS:
        for model in registry.models():
            schema = schema_of(model)
            for field, spec in _properties(schema):
                lowered = field.lower()
                if spec.get("x-personal-data"):
                    offending.append(f"{model.ce_type()}.{field} is marked personal")
                elif field not in ALLOWED_WIRE_FIELDS and any(
                    part in lowered for part in PERSONAL_NAME_PARTS
                ):
                    offending.append(f"{model.ce_type()}.{field} is named like personal data")
    assert not offending, offending


def _properties(schema: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    """Every property of the schema and of its nested definitions ($defs)."""
    found: list[tuple[str, dict[str, object]]] = []
    for part in [schema, *dict(schema.get("$defs", {}) or {}).values()]:  # type: ignore[call-overload]
        props = part.get("properties", {}) if isinstance(part, dict) else {}
        found.extend((name, spec) for name, spec in props.items())
    return found
