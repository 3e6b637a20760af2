"""Which committees Board Clerk follows, and into which boards."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import InvalidInput
from storage.models import Board
from storage.queries import find_board
from storage.sources.tables import Source

KINDS = ("moderngov",)


class Committee(Protocol):
    """A site's committee as its web service lists it: only its id and title are kept."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...


class SourceError(InvalidInput):
    """Bad input about a source; the message is one line for the user."""


def site_root(url: str) -> str:
    """``https://democracy.example.gov.uk`` from what a clerk pastes (a page, a trailing /)."""
    cleaned = url.strip()
    if not cleaned.lower().startswith(("http://", "https://")):
        raise SourceError(f"{url!r} is not a web address: give the site's root, https://…")
    for page in ("/mgWebService.asmx", "/ie", "/mg"):
        at = cleaned.find(page, cleaned.find("//") + 2)
        if at > 0:
            cleaned = cleaned[:at]
    return cleaned.rstrip("/")


def add_source(
    session: Session, kind: str, url: str, committee: Committee, board: str | None = None
) -> Source:
    """Follow ``committee`` into ``board`` (default: one named after it), made if need be."""
    if kind not in KINDS:
        raise SourceError(f"unknown source kind {kind!r} (known: {', '.join(KINDS)})")
    root = site_root(url)
    existing = session.scalars(
        select(Source).where(
            Source.kind == kind, Source.url == root, Source.committee_id == committee.id
        )
    ).first()
    if existing is not None:
        raise SourceError(f"committee {committee.id} of {root} is already source {existing.id}")
    name = " ".join((board or committee.title).split())
    if not name:
        raise SourceError("the board needs a name")
    target = find_board(session, name) or Board(name=name, aliases=[])
    source = Source(kind=kind, url=root, committee_id=committee.id, committee_title=committee.title)
    source.board = target
    session.add(source)
    session.flush()
    return source


def sources(session: Session) -> list[Source]:
    return list(session.scalars(select(Source).order_by(Source.id)))


def source_by_id(session: Session, source_id: int) -> Source:
    source = session.get(Source, source_id)
    if source is None:
        raise SourceError(f"no source with id {source_id} (see `boardclerk source list`)")
    return source


def remove_source(session: Session, source_id: int) -> Source:
    """Stop following; the meetings already imported stay in the record."""
    source = source_by_id(session, source_id)
    session.delete(source)
    session.flush()
    return source
