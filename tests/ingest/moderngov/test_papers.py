"""Each agenda item's papers kept with their text page by page, fetched as the sync fetches."""

from __future__ import annotations

from sqlalchemy import select

from storage.papers.tables import Paper
from tests.conftest import Database
from tests.ingest.moderngov.council import LATER
from tests.ingest.moderngov.fake_moderngov import FakeModernGov
from tests.ingest.moderngov.papers_site import publish_papers
from tests.ingest.moderngov.test_sync import follow, sync
from tests.ingest.pdfmaker import make_pdf


def papers(db: Database) -> dict[str, Paper]:
    with db.factory() as session:
        found = session.scalars(select(Paper).order_by(Paper.id)).all()
        _ = [p.pages for p in found]
        return {p.title: p for p in found}


def fetched(site: FakeModernGov) -> list[str]:
    return sorted(r.query.get("id", "") for r in site.asked("mgConvert2PDF.aspx"))


def test_papers_are_kept_page_by_page_and_a_restricted_one_is_never_fetched(
    db: Database, site: FakeModernGov
) -> None:
    publish_papers(site)
    follow(db, site)

    result = sync(db)

    assert result.ok and result.papers_fetched == 3 and result.papers_failed == []
    kept = papers(db)
    budget = kept["Budget report"]
    assert (budget.kind, budget.page_count, budget.item_number) == ("report", 2, "3")
    assert budget.url == f"{site.url}/mgConvert2PDF.aspx?ID=9102"
    assert budget.sha256 is not None and len(budget.sha256) == 64
    assert "2026/27, including the growth" in budget.pages[1].text
    assert kept["Appendix A - Placement costs"].kind == "appendix"
    restricted = kept["Contract award report"]
    assert restricted.restricted and restricted.pages == [] and restricted.fetched_at is None
    assert "9104" not in fetched(site)


def test_a_resync_fetches_only_a_changed_listing_and_a_failed_paper_is_tried_again(
    db: Database, site: FakeModernGov
) -> None:
    publish_papers(site)
    del site.files["pdf:9101"]  # the Ofsted report is not there yet
    follow(db, site)
    first = sync(db)
    assert first.ok and len(first.papers_failed) == 1 and "9101" in first.papers_failed[0]
    assert papers(db)["Budget report"].page_count == 2  # the others landed all the same
    assert papers(db)["Ofsted Inspection Outcome report"].error is not None
    site.files["pdf:9101"] = make_pdf(["Recommendation", "", "That the report be noted."])
    site.requests.clear()

    second = sync(db, LATER)

    assert second.papers_fetched == 1 and fetched(site) == ["9101"]
    assert papers(db)["Ofsted Inspection Outcome report"].page_count == 1
    site.requests.clear()
    june = site.meeting(4003)
    june.items[2].documents[0] = ("Budget report (revised)", "mgConvert2PDF.aspx?ID=9102")

    third = sync(db, LATER)

    assert third.papers_fetched == 1 and fetched(site) == ["9102"]
    assert "Budget report (revised)" in papers(db)


def test_a_paper_on_another_host_is_refused_and_nothing_else_changes(
    db: Database, site: FakeModernGov
) -> None:
    publish_papers(site)
    elsewhere = site.url.replace("127.0.0.1", "localhost")
    site.meeting(4003).items[1].documents = [("Ofsted report", f"{elsewhere}/x.pdf")]
    follow(db, site)

    result = sync(db)

    assert result.ok and result.papers_fetched == 2  # the budget report and its appendix
    [refused] = result.papers_failed
    assert "is on localhost, not the council's site" in refused
    assert all(not r.path.endswith("x.pdf") for r in site.requests)
    assert papers(db)["Ofsted report"].pages == []


def test_a_meetings_public_page_gives_its_papers_when_the_web_service_is_off(
    db: Database, site: FakeModernGov
) -> None:
    publish_papers(site)
    site.service_off = True
    follow(db, site)

    result = sync(db)

    assert result.via == "public pages"
    assert result.ok and result.papers_fetched == 3 and result.papers_failed == []
    kept = papers(db)
    budget = kept["Budget report"]
    assert (budget.kind, budget.page_count, budget.item_number) == ("report", 2, "3")
    assert budget.url == f"{site.url}/mgConvert2PDF.aspx?ID=9102"
    assert "2026/27, including the growth" in budget.pages[1].text
    assert kept["Appendix A - Placement costs"].kind == "appendix"
    # The restricted enclosure is neither a paper nor fetched.
    assert all("restricted" not in title.lower() for title in kept)
    assert "9104" not in fetched(site)
    site.requests.clear()

    again = sync(db, LATER)

    assert again.papers_fetched == 0 and fetched(site) == []


def test_a_link_on_a_public_page_to_another_host_is_refused(
    db: Database, site: FakeModernGov
) -> None:
    publish_papers(site)
    site.service_off = True
    elsewhere = site.url.replace("127.0.0.1", "localhost")
    site.meeting(4003).items[1].documents = [("Ofsted report", f"{elsewhere}/x.pdf")]
    follow(db, site)

    result = sync(db)

    [refused] = result.papers_failed
    assert "is on localhost, not the council's site" in refused
    assert all(not r.path.endswith("x.pdf") for r in site.requests)
