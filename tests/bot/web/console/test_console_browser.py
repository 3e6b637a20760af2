"""The console in headless Chromium: sign-in by link, refusals, closing an action, privacy, axe.

Run alone with ``pytest -m browser``; screenshots of each page go to a temporary directory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait
from sqlalchemy import select

from bot.web.app import build_web_app
from storage.console_auth import issue_link
from storage.db import transaction
from storage.models import Action, Board, Member
from tests.bot.web.console.browser import axe_violations, chromium, replaced, serving
from tests.conftest import Database
from tests.handlers.builders import Record, build, say

pytestmark = pytest.mark.browser
NOW = dt.datetime.now(dt.UTC)


class Site:
    def __init__(self, db: Database, url: str, driver: WebDriver, shots: Path, world: Record):
        self.db, self.url, self.driver, self.shots, self.world = db, url, driver, shots, world

    def link(self, name: str, *, now: dt.datetime = NOW) -> str:
        with transaction(self.db.factory) as session:
            member = session.scalars(select(Member).where(Member.name == name)).one()
            return f"{self.url}/console/sign-in/{issue_link(session, member, now)}"

    def member_id(self, name: str) -> int:
        with transaction(self.db.factory) as session:
            return session.scalars(select(Member.id).where(Member.name == name)).one()

    def open(self, path_or_url: str) -> str:
        """Go to a page; its visible text."""
        self.driver.get(path_or_url if "://" in path_or_url else self.url + path_or_url)
        return self.text()

    def text(self) -> str:
        return str(self.driver.find_element(By.TAG_NAME, "body").text)

    def press(self, button: WebElement) -> str:
        """Press a button and wait for the page it leads to; that page's text."""
        before = self.driver.find_element(By.TAG_NAME, "html")
        button.click()
        WebDriverWait(self.driver, 10).until(replaced(before))
        return self.text()

    def sign_in(self, link: str) -> str:
        self.open(link)
        return self.press(
            self.driver.find_element(By.XPATH, "//button[normalize-space()='Sign in']")
        )

    def check(self, name: str) -> None:
        """Screenshot the page as an artefact, and no axe violations on it."""
        self.driver.save_screenshot(str(self.shots / f"{name}.png"))
        assert axe_violations(self.driver) == [], name


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("console-screenshots")


@pytest.fixture
def site(sqlite_db: Database, shots: Path) -> Iterator[Site]:
    world = build(sqlite_db.factory)
    with transaction(sqlite_db.factory) as session:
        session.scalars(select(Board).where(Board.short_name == "CPB")).one().quorum = 2
    with serving(build_web_app(sqlite_db.factory)) as url, chromium() as driver:
        yield Site(sqlite_db, url, driver, shots, world)


def test_a_clerk_signs_in_by_link_and_the_same_link_is_refused_after(site: Site) -> None:
    link = site.link("Jo Bell")
    site.open(link)
    site.check("sign-in")
    home = site.sign_in(link)

    assert "Boards and meetings" in home and "Corporate Parenting Board (clerk)" in home
    site.check("home")
    site.driver.delete_all_cookies()
    refused = site.sign_in(link)
    assert "This sign-in link cannot be used" in refused
    site.check("sign-in-refused")


def test_an_expired_link_is_refused(site: Site) -> None:
    refused = site.sign_in(site.link("Jo Bell", now=NOW - dt.timedelta(minutes=16)))
    assert "This sign-in link cannot be used" in refused
    assert "Boards and meetings" not in site.open("/console/")


def test_a_clerk_sees_apologies_and_quorum_then_closes_an_action_that_leaves_chat(
    site: Site,
) -> None:
    site.sign_in(site.link("Jo Bell"))
    meeting = site.open(f"/console/meetings/{site.world.upcoming_id}")
    assert "Councillor J Walker\napologies" in meeting.replace(" apologies", "\napologies")
    Select(site.driver.find_element(By.ID, "member")).select_by_visible_text("Councillor M Carr")
    site.driver.find_element(By.ID, "reason").send_keys("called in: family emergency")
    site.press(site.driver.find_element(By.XPATH, "//button[normalize-space()='Record apology']"))
    assert "Quorum at risk" in site.text() and "called in: family emergency" in site.text()
    site.check("meeting")

    with transaction(site.db.factory) as session:
        action_id = session.scalars(
            select(Action.id).where(Action.text.like("%foster carer%"))
        ).one()
    site.open("/console/actions")
    site.check("actions")
    row = site.driver.find_element(By.ID, f"action-{action_id}")
    site.press(row.find_element(By.TAG_NAME, "button"))

    assert site.driver.find_elements(By.ID, f"action-{action_id}") == []  # no longer open
    site.open("/console/actions?status=done")
    assert site.driver.find_element(By.ID, f"action-{action_id}").text.endswith("done")
    reply = say(site.db.factory, "CPB", command="actions")
    assert "foster carer allowances" not in " ".join([reply.text, *reply.items])


def test_a_post_without_its_csrf_token_is_refused(site: Site) -> None:
    site.sign_in(site.link("Jo Bell"))
    site.open("/console/actions")
    site.driver.execute_script(
        "document.querySelectorAll('input[name=csrf]').forEach(e => e.remove());"
    )
    site.press(site.driver.find_element(By.XPATH, "//table//button"))
    assert "did not come from the console" in site.text()
    reply = say(site.db.factory, "CPB", command="actions")
    assert "foster carer allowances" in " ".join([reply.text, *reply.items])


def test_a_member_sees_their_own_page_and_not_another_members(site: Site) -> None:
    page = site.sign_in(site.link("Councillor J Walker"))
    assert "Councillor J Walker" in page and "Apologies" in page
    site.check("member-own-page")
    other = site.open(f"/console/members/{site.member_id('Councillor K Patel')}")
    assert "You can see only your own page." in other
    assert "Councillor K Patel" not in other
