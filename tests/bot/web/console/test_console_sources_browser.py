"""Sources, Review and Announcements in headless Chromium: following a committee, "Sync now", axe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from bot.web.app import build_web_app
from storage.db import transaction
from storage.unplaced import replace_passages
from tests.bot.web.console.browser import chromium, replaced, serving
from tests.bot.web.console.test_console_browser import Site
from tests.conftest import Database
from tests.handlers.builders import build
from tests.ingest.moderngov.council import fast_client
from tests.ingest.moderngov.fake_moderngov import FakeModernGov

pytestmark = pytest.mark.browser


def go(site: Site, by: str, value: str) -> str:
    """Click a link or button and wait for the page it leads to; that page's text."""
    old = site.driver.find_element(By.TAG_NAME, "html")
    site.driver.find_element(by, value).click()
    WebDriverWait(site.driver, 30).until(replaced(old))
    return site.text()


@pytest.fixture
def clerk_site(sqlite_db: Database, shots: Path) -> Iterator[Site]:
    world = build(sqlite_db.factory)
    with transaction(sqlite_db.factory) as session:
        replace_passages(session, world.upcoming_id, "agenda", ["Zebra crossing outside school"])
    app = build_web_app(sqlite_db.factory, make_client=fast_client)
    with serving(app) as url, chromium() as driver:
        yield Site(sqlite_db, url, driver, shots, world)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("console-sources-screenshots")


def test_a_clerk_follows_a_committee_and_syncs_it_now(
    clerk_site: Site, site: FakeModernGov
) -> None:
    clerk_site.sign_in(clerk_site.link("Jo Bell"))
    assert "Your boards follow no committee yet." in go(clerk_site, By.LINK_TEXT, "Sources")
    clerk_site.check("sources-empty")
    go(clerk_site, By.LINK_TEXT, "Follow a committee")
    clerk_site.driver.find_element(By.ID, "url").send_keys(f"{site.url}/mgListCommittees.aspx")
    go(clerk_site, By.XPATH, "//button[normalize-space()='Find its committees']")
    committee = Select(clerk_site.driver.find_element(By.ID, "committee"))
    committee.select_by_visible_text("Cabinet (Executive)")
    clerk_site.check("source-new")
    followed = go(clerk_site, By.XPATH, "//button[normalize-space()='Follow this committee']")
    assert "Committee followed" in followed and "Cabinet (210)" in followed

    page = go(clerk_site, By.XPATH, "//button[starts-with(normalize-space(), 'Sync now')]")

    assert "Sync finished" in page and "Cabinet:" in page and "0 failed" in page
    assert "never" not in page
    clerk_site.check("sources-synced")


def test_review_and_announcements_pass_axe_and_a_finding_is_marked_checked(
    clerk_site: Site,
) -> None:
    clerk_site.sign_in(clerk_site.link("Jo Bell"))
    assert "agenda: Zebra crossing outside school" in go(clerk_site, By.LINK_TEXT, "Review")
    clerk_site.check("review")
    checked = go(clerk_site, By.XPATH, "//table//button")
    assert "Marked as checked" in checked and "Zebra crossing" not in checked
    assert "No announcements." in go(clerk_site, By.LINK_TEXT, "Announcements")
    clerk_site.check("announcements")
    clerk_site.driver.set_window_size(375, 812)  # a phone
    clerk_site.open("/console/sources")
    clerk_site.check("sources-phone")
