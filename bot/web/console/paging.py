"""Pagination for the console's lists: which slice a page shows, and the links to the others."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

PER_PAGE = 25


@dataclass(frozen=True)
class Paging:
    """Page ``number`` of ``total`` rows; ``link(n)`` keeps the list's other query values."""

    number: int
    total: int
    path: str
    query: Mapping[str, str]
    per_page: int = PER_PAGE

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def link(self, number: int) -> str:
        values = {k: v for k, v in self.query.items() if k != "page" and v}
        if number > 1:
            values["page"] = str(number)
        return f"{self.path}?{urlencode(values)}" if values else self.path


def page_number(query: Mapping[str, str]) -> int:
    """The ``page`` asked for: 1 when missing or not a positive number."""
    text = query.get("page", "1")
    return int(text) if text.isdigit() and int(text) > 0 else 1
