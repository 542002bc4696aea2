"""Jinja2 message templates: one file per message kind with ``subject``, ``text`` and
``html`` blocks (Danish). The HTML block is rendered with autoescaping, the others not.
Dates go through the ``danish_date`` and ``danish_datetime`` filters.

Every mail to a relative of a case names the case's contact person (kontaktløsning): when
the context carries ``contact_person`` (the cases service's answer at sending time), a
closing line naming them is added to the text and HTML of every kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import escape

from services.communication.adapters.danish_dates import danish_date, danish_datetime

_LOADER = PackageLoader("services.communication", "templates")
CONTACT_PERSON_LINE = (
    "Jeres faste kontaktperson hos os er {name}. Kontakt os gerne, hvis I har spørgsmål."
)


class JinjaRenderer:
    """Renders ``<kind>.j2`` to (subject, plain text, HTML)."""

    def __init__(
        self,
        code_of_conduct_url: str = "https://pkraft.aarhus.dk/kodeks",
        tilbud_name: Callable[[str], str] | None = None,
    ) -> None:
        """``tilbud_name``: a tilbud's Danish name for the letters (the organisation's
        ``label``); without it the templates show the id."""
        self._text = Environment(
            loader=_LOADER,
            autoescape=False,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self._html = Environment(
            loader=_LOADER,
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        for env in (self._text, self._html):
            env.filters.update(
                danish_date=danish_date,
                danish_datetime=danish_datetime,
                tilbud_name=tilbud_name or str,
            )
            env.globals["code_of_conduct_url"] = code_of_conduct_url

    @staticmethod
    def _block(template: Template, name: str, context: dict[str, Any]) -> str:
        return "".join(template.blocks[name](template.new_context(context))).strip()

    def render(self, template: str, context: dict[str, Any]) -> tuple[str, str, str]:
        name = f"{template}.j2"
        text = self._text.get_template(name)
        html = self._html.get_template(name)
        subject = " ".join(self._block(text, "subject", context).split())
        body_text = self._block(text, "text", context)
        body_html = self._block(html, "html", context)
        contact_person = context.get("contact_person")
        if contact_person:
            body_text += "\n\n" + CONTACT_PERSON_LINE.format(name=contact_person)
            body_html += f"\n<p>{CONTACT_PERSON_LINE.format(name=escape(contact_person))}</p>"
        return subject, body_text + "\n", body_html

    def kinds(self) -> list[str]:
        return sorted(
            n.removesuffix(".j2")
            for n in self._text.list_templates(extensions=["j2"])
            if not n.startswith("_")
        )
