"""The insight export (GDPR art. 15) as a readable HTML page in Danish. A service names
its kinds of subject and what holds them (``Wording``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any


@dataclass(frozen=True)
class Wording:
    """A service's words: its kinds of subject (``relative`` -> ``pårørende``) and what
    holds their data (``samarbejdssag``)."""

    kinds: dict[str, str]
    held_in: str


_ROLES = {
    "caseworker": "sagsbehandler",
    "leader": "leder",
    "auditor": "revisor",
    "integration": "integration",
    "communications": "kommunikationstjenesten",
    "privacy_officer": "databeskyttelsesrådgiver",
}


def _value(value: Any) -> str:
    if value is None:
        return "<em>(tom eller slettet)</em>"
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, indent=1)
        return f"<pre>{escape(text)}</pre>"
    return escape(str(value))


def _table(head: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "<p>Ingen.</p>"
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _current(current: dict[str, Any]) -> str:
    rows = [[escape(k), _value(v)] for k, v in current.items()]
    return _table(["Felt", "Værdi"], rows)


def render(export: dict[str, Any], wording: Wording, aggregate_field: str) -> str:
    """The page: who it is about, what is stored, where it was sent, who read it."""
    erased = export.get("erased")
    erased_note = (
        f"<p class='erased'>Personens oplysninger er slettet ({escape(str(erased['erased_at']))})."
        " Felterne vises som tomme.</p>"
        if erased
        else ""
    )
    recorded = [
        [
            str(r["version"]),
            escape(r["type"]),
            escape(r["recorded_at"]),
            escape(r["actor"]),
            _value(r["values"]),
        ]
        for r in export["recorded"]
    ]
    sent = export["sent_to"]
    sent_rows = [
        [escape(t["event_type"]), str(t["count"]), escape(", ".join(t["fields"]))]
        for t in sent["event_types"]
    ]
    reads = [
        [
            escape(r["read_at"]),
            escape(r["actor"]),
            escape(", ".join(_ROLES.get(x, x) for x in r["roles"])),
            escape(r["endpoint"]),
            escape(r["correlation_id"] or ""),
        ]
        for r in export["read_by"]
    ]
    kind = wording.kinds.get(export["kind"], export["kind"])
    held_in = escape(wording.held_in)
    aggregate = escape(export[aggregate_field])
    return f"""<!doctype html>
<html lang="da"><head><meta charset="utf-8">
<title>Indsigt: oplysninger om {escape(kind)}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ccc;padding:.3em;
vertical-align:top;text-align:left}}pre{{margin:0;white-space:pre-wrap}}
.erased{{background:#fee;padding:.5em}}</style></head><body>
<h1>Indsigt i personoplysninger (databeskyttelsesforordningens artikel 15)</h1>
<p>Oplysninger om {escape(kind)} i {held_in} <code>{aggregate}</code>
(registreret person <code>{escape(export["subject_id"])}</code>), udtrukket
{escape(export["generated_at"])}.</p>
{erased_note}
<h2>Oplysninger vi har om dig nu</h2>
{_current(export["current"])}
<h2>Hvad der er registreret, og hvornår</h2>
{_table(["Version", "Hændelse", "Registreret", "Af", "Oplysninger"], recorded)}
<h2>Hvor oplysninger er sendt hen</h2>
<p>Hændelser på emnet <code>{escape(sent["topic"])}</code> læses af tjenesterne
{escape(", ".join(sent["subscribers"]))}. De bærer kun id'er og koder, aldrig navne,
CPR-numre, kontaktoplysninger eller fritekst.</p>
{_table(["Hændelsestype", "Antal", "Felter"], sent_rows)}
<h2>Hvem har læst oplysningerne</h2>
{_table(["Tidspunkt", "Hvem", "Rolle", "Hvor", "Korrelations-id"], reads)}
</body></html>
"""
