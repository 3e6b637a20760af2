"""A local agenda pack imported: its agenda as the meeting's items, each item's pages its papers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from ingest.packs import import_pack
from storage.models import AgendaItem
from storage.papers.tables import Paper
from tests.conftest import Database
from tests.ingest.pack_pdf import FOSTERING_RECOMMENDATION, pack_pdf

NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)


def _papers(db: Database) -> list[Paper]:
    with db.factory() as session:
        found = list(session.scalars(select(Paper).order_by(Paper.position)))
        _ = [p.pages for p in found]
        return found


def test_a_pack_is_split_into_items_with_their_pages_kept(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "cpb-pack.pdf"
    path.write_bytes(pack_pdf(report_pages=3))

    result = import_pack(db.factory, path, NOW, url="https://example.gov.uk/pack.pdf")

    assert result.ok, result.summary.error
    assert result.split_by == "contents" and (result.papers, result.pages) == (3, 7)
    assert result.summary.board == "Corporate Parenting Board"
    assert result.summary.meeting_date == dt.date(2026, 12, 9)
    fostering, school, contract = _papers(db)
    assert (fostering.item_number, fostering.item_title) == ("4", "Fostering Allowances 2027/28")
    assert (fostering.first_page, fostering.page_count) == (3, 3)
    assert FOSTERING_RECOMMENDATION in fostering.pages[0].text
    assert (school.first_page, school.page_count, school.printed_page(2)) == (6, 3, 7)
    assert fostering.url == "https://example.gov.uk/pack.pdf" and fostering.kind == "report"
    # The exempt item's report is kept for its members, marked restricted.
    assert contract.restricted and "Acme Care" in contract.pages[0].text
    assert not fostering.restricted
    with db.factory() as session:
        titles = session.scalars(select(AgendaItem.title).order_by(AgendaItem.position)).all()
    assert "Fostering Allowances 2027/28" in titles
    assert not any("Pages" in title for title in titles)


def test_importing_the_same_pack_again_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "pack.pdf"
    path.write_bytes(pack_pdf())
    assert import_pack(db.factory, path, NOW).ok
    before = [(p.id, p.page_count) for p in _papers(db)]

    again = import_pack(db.factory, path, NOW)

    assert again.ok and again.summary.unchanged
    assert [(p.id, p.page_count) for p in _papers(db)] == before
    assert before[0] and _papers(db)[0].url == path.resolve().as_uri()


def test_a_file_that_is_no_pack_is_one_line_and_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")

    result = import_pack(db.factory, junk, NOW)

    assert not result.ok and result.summary.error is not None
    assert "\n" not in result.summary.error and "not a readable PDF" in result.summary.error
    assert _papers(db) == []
