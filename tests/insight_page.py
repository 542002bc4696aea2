"""Checks that an insight page (GDPR art. 15) is plain Danish for the person it is about:
no JSON key, no null/true/false, no English event name or ISO time; Danish dates; every
field of the export labelled. Shared by the cases and councils tests."""

from __future__ import annotations

import html
import re
from typing import Any

from shared.privacy.insight_html import unlabelled
from shared.privacy.insight_words import label

DANISH_MOMENT = re.compile(
    r"\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|"
    r"november|december) \d{4} kl\. \d{2}\.\d{2}"
)
_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_CAMEL = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")
_JSON_WORDS = re.compile(r"\b(null|true|false|None)\b")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def visible(page: str) -> str:
    """The page's text as a reader sees it (no tags, no style sheet)."""
    text = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, (list, tuple)):
        return {k for v in value for k in keys(v)}
    return set()


def assert_plain_danish(page: str, export: dict[str, Any]) -> str:
    """Fails naming what a reader would see that is not plain Danish; gives the text."""
    text = visible(page)
    assert unlabelled(export) == set()
    assert _SNAKE.findall(text) == []
    assert _CAMEL.findall(text) == []
    assert _JSON_WORDS.findall(text) == []
    assert _ISO.findall(text) == []
    assert DANISH_MOMENT.search(text), "no Danish date and time"
    shown = set(re.findall(r"<t[dh]>([^<]*)</t[dh]>", page))
    english = {k for k in keys(export) if k in shown and (label(k) or k).lower() != k}
    assert english == set()
    for words in ("Datatilsynet", "rettet", "slettet", "Hvorfor vi har oplysningerne"):
        assert words in text, words
    return text
