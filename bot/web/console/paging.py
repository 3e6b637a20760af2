"""Pagination of the console's lists: which page was asked for, and the links to the others.

Links keep the list's filters, so page 3 of a board's overdue actions stays a
board's overdue actions. Rendered by ``_pagination.html`` as GOV.UK pagination.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from aiohttp import web

PER_PAGE = 25


def page_number(query: Mapping[str, str]) -> int:
    """``?page=N`` (1 when absent); a page that is not a positive number is a 404."""
    text = query.get("page", "1") or "1"
    if not text.isdigit() or int(text) < 1:
        raise web.HTTPNotFound(text="No such page.")
    return int(text)


@dataclass(frozen=True)
class Link:
    number: int | None  # None: an ellipsis
    href: str
    current: bool = False


@dataclass(frozen=True)
class Pager:
    """Page ``page`` of ``total`` rows, ``per_page`` a page, under ``path`` with ``params``."""

    path: str
    params: tuple[tuple[str, str], ...]
    page: int
    total: int
    per_page: int = PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first_row(self) -> int:
        return min(self.total, self.offset + 1)

    @property
    def last_row(self) -> int:
        return min(self.total, self.offset + self.per_page)

    def href(self, page: int) -> str:
        params = [(k, v) for k, v in self.params if k != "page" and v]
        if page > 1:
            params.append(("page", str(page)))
        return f"{self.path}?{urlencode(params)}" if params else self.path

    @property
    def previous(self) -> str | None:
        return self.href(self.page - 1) if self.page > 1 else None

    @property
    def next(self) -> str | None:
        return self.href(self.page + 1) if self.page < self.pages else None

    @property
    def links(self) -> list[Link]:
        """First, last, and the pages either side of this one; gaps as ellipses."""
        shown = sorted(
            {1, self.pages, *range(max(1, self.page - 1), min(self.pages, self.page + 1) + 1)}
        )
        found: list[Link] = []
        for number in shown:
            if found and found[-1].number is not None and number - found[-1].number > 1:
                found.append(Link(None, ""))
            found.append(Link(number, self.href(number), number == self.page))
        return found


def pager(path: str, query: Mapping[str, str], total: int, page: int) -> Pager:
    """The pager for ``path``; a page past the end is a 404 (page 1 always exists)."""
    params = tuple((k, str(v)) for k, v in query.items() if k not in {"id", "done", "n"})
    found = Pager(path, params, page, total)
    if page > found.pages:
        raise web.HTTPNotFound(text="No such page.")
    return found
