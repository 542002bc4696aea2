"""Pages of a long list: ``?side=2`` as the APIs' ``offset`` and ``limit``, and what the
pager says ("Viser 51-100 af 123 sager", Forrige, Næste). Plain links: it works
without JavaScript."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlencode

T = TypeVar("T")

PARAM = "side"


def page_number(query: Mapping[str, str]) -> int:
    """The page asked for (``?side=3``); anything but a positive number is page 1."""
    return whole(query.get(PARAM, "")) or 1


def whole(raw: str, digits: int = 9) -> int | None:
    """A positive whole number of at most ``digits`` ASCII digits, else None (``int()``
    raises on a digit such as "²", which ``isdigit`` accepts, and on thousands of digits)."""
    ok = raw.isascii() and raw.isdigit() and len(raw) <= digits
    return int(raw) if ok and int(raw) > 0 else None


@dataclass(frozen=True)
class Paging:
    """One page of ``total`` items, ``size`` to a page; ``number`` counts from 1."""

    number: int
    size: int
    total: int
    query: tuple[tuple[str, str], ...] = ()  # the other parameters (filters) kept in links

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first_shown(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last_shown(self) -> int:
        return min(self.offset + self.size, self.total)

    @property
    def beyond_the_end(self) -> bool:
        return self.number > self.pages

    def link(self, number: int) -> str:
        params = [(k, v) for k, v in self.query if k != PARAM]
        if number > 1:
            params.append((PARAM, str(number)))
        return f"?{urlencode(params)}" if params else "?"

    @property
    def previous(self) -> str | None:
        return self.link(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.link(self.number + 1) if self.number < self.pages else None


def paging(query: Mapping[str, str], size: int, total: int) -> Paging:
    """The page the query asks for, keeping its other parameters for the links."""
    kept = tuple((k, v) for k, v in query.items() if k != PARAM and v)
    return Paging(page_number(query), size, total, kept)


def page_of(items: Sequence[T], query: Mapping[str, str], size: int) -> tuple[list[T], Paging]:
    """A page of a list an API answers whole (newsletters, a case's versions)."""
    found = paging(query, size, len(items))
    if found.beyond_the_end:
        found = Paging(found.pages, size, len(items), found.query)
    return list(items[found.offset : found.offset + size]), found
