"""Following committees: the site's root from what a clerk pastes, one source per committee."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ingest.moderngov.xml import Committee
from storage.db import transaction
from storage.models import Board
from storage.sources import registry
from tests.conftest import Database


@pytest.mark.parametrize(
    ("pasted", "root"),
    [
        ("https://democracy.example.gov.uk", "https://democracy.example.gov.uk"),
        ("https://democracy.example.gov.uk/", "https://democracy.example.gov.uk"),
        (
            " https://democracy.example.gov.uk/ieListMeetings.aspx?CommitteeId=133 ",
            "https://democracy.example.gov.uk",
        ),
        (
            "https://www.example.gov.uk/moderngov/mgListCommittees.aspx",
            "https://www.example.gov.uk/moderngov",
        ),
        ("http://democracy.example.gov.uk/mgWebService.asmx", "http://democracy.example.gov.uk"),
    ],
)
def test_the_sites_root_is_read_from_any_of_its_addresses(pasted: str, root: str) -> None:
    assert registry.site_root(pasted) == root


def test_an_address_without_a_scheme_is_refused() -> None:
    with pytest.raises(registry.SourceError, match="not a web address"):
        registry.site_root("democracy.example.gov.uk")


def test_a_committee_is_followed_once_into_an_existing_or_new_board(db: Database) -> None:
    cabinet = Committee("12", "Cabinet")
    with transaction(db.factory) as session:
        session.add(Board(name="Cabinet", aliases=[]))
    with transaction(db.factory) as session:
        first = registry.add_source(session, "moderngov", "https://d.example.gov.uk/", cabinet)
        other = registry.add_source(
            session, "moderngov", "https://d.example.gov.uk", Committee("13", "Planning")
        )
        assert (first.board.name, other.board.name) == ("Cabinet", "Planning")

    with transaction(db.factory) as session, pytest.raises(registry.SourceError, match="already"):
        registry.add_source(session, "moderngov", "https://d.example.gov.uk", cabinet)
    with db.factory() as session:
        assert sorted(session.scalars(select(Board.name))) == ["Cabinet", "Planning"]
