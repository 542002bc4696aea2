"""Jinja2 message templates: one file per message kind with ``subject``, ``text`` and
``html`` blocks (Danish). The HTML block is rendered with autoescaping, the others not.
Dates go through the ``danish_date`` and ``danish_datetime`` filters."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from services.communication.adapters.danish_dates import danish_date, danish_datetime

_LOADER = PackageLoader("services.communication", "templates")


class JinjaRenderer:
    """Renders ``<kind>.j2`` to (subject, plain text, HTML)."""

    def __init__(self) -> None:
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
            env.filters.update(danish_date=danish_date, danish_datetime=danish_datetime)

    @staticmethod
    def _block(template: Template, name: str, context: dict[str, Any]) -> str:
        return "".join(template.blocks[name](template.new_context(context))).strip()

    def render(self, template: str, context: dict[str, Any]) -> tuple[str, str, str]:
        name = f"{template}.j2"
        text = self._text.get_template(name)
        html = self._html.get_template(name)
        subject = " ".join(self._block(text, "subject", context).split())
        return (
            subject,
            self._block(text, "text", context) + "\n",
            self._block(html, "html", context),
        )

    def kinds(self) -> list[str]:
        return sorted(
            n.removesuffix(".j2")
            for n in self._text.list_templates(extensions=["j2"])
            if not n.startswith("_")
        )
