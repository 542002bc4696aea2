"""The frame of the insight page (GDPR art. 15): a short explanation in plain Danish of
what the page is, why the data are kept, where they went, who read them, and the
person's rights; then the sections ``insight_html`` fills."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from shared.privacy import insight_words as words

if TYPE_CHECKING:
    from shared.privacy.insight_html import Wording

_STYLE = """body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em;
vertical-align:top;text-align:left}td table{margin:.2em 0}.item+.item{margin-top:.4em}
.erased{background:#fee;padding:.5em}.about{background:#f4f6f8;padding:.5em 1em}"""

_RIGHTS = """<h2>Dine rettigheder</h2>
<ul><li>Er en oplysning forkert, har du ret til at få den rettet (artikel 16).</li>
<li>Du kan bede om at få oplysninger slettet (artikel 17). Kommunen sletter dem, medmindre
loven kræver, at de gemmes.</li>
<li>Kontakt kommunen eller kommunens databeskyttelsesrådgiver, hvis du vil bruge dine
rettigheder eller har spørgsmål.</li>
<li>Du kan klage over kommunens behandling af dine oplysninger til Datatilsynet
(www.datatilsynet.dk).</li></ul>"""


def _and(items: list[str]) -> str:
    return items[0] if len(items) < 2 else f"{', '.join(items[:-1])} og {items[-1]}"


def page(
    export: dict[str, Any],
    wording: Wording,
    *,
    aggregate_field: str,
    aggregate_label: str,
    current: str,
    recorded: str,
    sent: str,
    reads: str,
) -> str:
    kind = export["kind"]
    who = wording.kinds.get(kind, "den registrerede")
    heading = wording.headings.get(kind, f"Oplysninger om {who}")
    erased = export.get("erased")
    erased_note = (
        "<p class='erased'>Personens oplysninger er slettet "
        f"{escape(words.scalar(erased['erased_at']))}. De slettede oplysninger vises som "
        "»ikke oplyst«; hvad der blev sendt videre før sletningen, står stadig på listen.</p>"
        if erased
        else ""
    )
    sent_to = export["sent_to"]
    topic = words.TOPICS.get(sent_to["topic"], "systemets hændelser")
    readers = _and([words.SERVICES.get(s, s) for s in sent_to["subscribers"]])
    return f"""<!doctype html>
<html lang="da"><head><meta charset="utf-8">
<title>Indsigt: oplysninger om {escape(who)}</title>
<style>{_STYLE}</style></head><body>
<h1>Indsigt i personoplysninger (databeskyttelsesforordningens artikel 15)</h1>
<h2>{escape(heading)}</h2>
<div class="about">
<p>Denne side viser de personoplysninger om {escape(who)}, som kommunen har registreret i
Pårørendekraft i {escape(wording.held_in)}: hvad der er registreret nu, hvad der er
registreret undervejs og hvornår, hvor oplysningerne er sendt hen, og hvem der har læst
dem. Siden er lavet {escape(words.scalar(export["generated_at"]))}.</p>
<p><strong>Hvorfor vi har oplysningerne:</strong> {escape(wording.purpose)}</p>
<p><strong>Hvor de er sendt hen:</strong> {escape(topic)} sendes videre til {escape(readers)}.
Det, der sendes, er kun numre og koder, aldrig navne, CPR-numre, kontaktoplysninger eller
fritekst.</p>
<p><strong>Hvem har læst dem:</strong> hver gang en medarbejder eller et system læser
oplysningerne, bliver det skrevet ned. Listen står nederst på siden.</p>
<p>{escape(aggregate_label)}: <code>{escape(str(export[aggregate_field]))}</code>.
Dit nummer i systemet: <code>{escape(export["subject_id"])}</code>.</p>
</div>
{erased_note}
<h2>Oplysninger vi har om dig nu</h2>
{current}
<h2>Hvad der er registreret, og hvornår</h2>
{recorded}
<h2>Hvor oplysninger er sendt hen</h2>
<p>Hver række er en slags hændelse fra {escape(topic)}, der nævnte dig (med dit nummer),
og som {escape(readers)} har modtaget.</p>
{sent}
<h2>Hvem har læst oplysningerne</h2>
{reads}
{_RIGHTS}
</body></html>
"""
