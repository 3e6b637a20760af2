"""The clerk's work in headless Chromium: move and cancel a meeting, mark attendance, re-send
reminders, edit an action that chat then shows, page through lists; axe on each new page,
a chair without the clerk's forms, and the pages at a phone's width (375 pixels).

Run alone with ``pytest -m browser``; screenshots go to a ``console-ops-screenshots``
directory under pytest's temporary directory (``--basetemp`` to keep them somewhere known).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait
from sqlalchemy import select

from bot.web import console
from storage.console_auth import issue_link
from storage.db import transaction
from storage.models import Action, Meeting, MeetingStatus, Member
from storage.sources.tables import Announcement
from tests.bot.web.console.browser import axe_violations, chromium, replaced, serving
from tests.conftest import Database
from tests.handlers.builders import Record, build, say

pytestmark = [pytest.mark.browser, pytest.mark.dates]
NOW = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
PHONE = (375, 812)


class Site:
    def __init__(self, db: Database, url: str, driver: WebDriver, shots: Path, world: Record):
        self.db, self.url, self.driver, self.shots, self.world = db, url, driver, shots, world

    def sign_in(self, name: str) -> None:
        with transaction(self.db.factory) as session:
            member = session.scalars(select(Member).where(Member.name == name)).one()
            token = issue_link(session, member, NOW)
        self.open(f"/console/sign-in/{token}")
        self.click("Sign in")

    def open(self, path: str) -> str:
        self.driver.get(self.url + path)
        return self.text()

    def text(self) -> str:
        return str(self.driver.find_element(By.TAG_NAME, "body").text)

    def click(self, label: str) -> str:
        """Press the button (or follow the link) with this visible text; the page after."""
        before = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(
            By.XPATH, f"//*[self::button or self::a][normalize-space()='{label}']"
        ).click()
        WebDriverWait(self.driver, 10).until(replaced(before))
        return self.text()

    def type(self, field_id: str, value: str) -> None:
        field = self.driver.find_element(By.ID, field_id)
        field.clear()
        field.send_keys(value)

    def check(self, name: str) -> None:
        """Screenshot the whole page as an artefact, and no axe violations on it."""
        width, height = self.driver.get_window_size().values()
        tall = self.driver.execute_script("return document.documentElement.scrollHeight;")
        self.driver.set_window_size(width, min(max(height, tall + 100), 8000))
        self.driver.save_screenshot(str(self.shots / f"{name}.png"))
        self.driver.set_window_size(width, height)
        assert axe_violations(self.driver) == [], name

    def on_phone(self, name: str) -> None:
        """The page at a phone's width: nothing wider than the screen; screenshot and axe."""
        self.driver.set_window_size(*PHONE)
        try:
            overflow = self.driver.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth;"
            )
            assert overflow <= 0, f"{name} is {overflow}px wider than a phone"
            self.check(f"{name}-phone")
        finally:
            self.driver.set_window_size(1200, 900)

    def meeting_on(self, date: dt.date) -> int:
        with self.db.factory() as session:
            return session.scalars(select(Meeting.id).where(Meeting.date == date)).one()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("console-ops-screenshots")


@pytest.fixture
def site(sqlite_db: Database, shots: Path) -> Iterator[Site]:
    world = build(sqlite_db.factory)
    app = web.Application()
    console.register(app, sqlite_db.factory, clock=lambda: NOW)
    with serving(app) as url, chromium() as driver:
        yield Site(sqlite_db, url, driver, shots, world)


def test_a_clerk_moves_then_cancels_a_meeting_and_the_board_is_told(site: Site) -> None:
    site.sign_in("Jo Bell")
    site.open(f"/console/meetings/{site.world.upcoming_id}")
    site.check("meeting-clerk")
    site.on_phone("meeting-clerk")
    site.type("date-day", "9")
    site.type("date-month", "12")
    site.type("date-year", "2026")
    site.type("time", "16:30")
    moved = site.click("Move meeting")
    assert "Meeting moved" in moved and "Wednesday 9 December 2026, 4:30pm" in moved
    site.check("meeting-moved")

    confirm = site.click("Cancel this meeting: Wednesday 9 December 2026, 4:30pm")
    assert "Cancel the meeting on Wednesday 9 December 2026, 4:30pm?" in confirm
    site.check("meeting-cancel-confirm")
    site.type("note", "To be rearranged")
    cancelled = site.click("Cancel meeting")
    assert "Meeting cancelled" in cancelled and "Cancelled To be rearranged" in cancelled
    with site.db.factory() as session:
        meeting = session.get_one(Meeting, site.world.upcoming_id)
        assert (meeting.status, meeting.date) == (MeetingStatus.CANCELLED, dt.date(2026, 12, 9))
        kinds = list(session.scalars(select(Announcement.kind).order_by(Announcement.id)))
    assert kinds == ["moved", "cancelled"]


def test_a_clerk_marks_attendance_after_the_meeting(site: Site) -> None:
    site.sign_in("Jo Bell")
    past = site.meeting_on(dt.date(2018, 11, 7))
    site.open(f"/console/meetings/{past}")
    with site.db.factory() as session:
        walker = session.scalars(select(Member.id).where(Member.name == "Councillor J Walker"))
        walker_id = walker.one()
    site.driver.find_element(By.ID, f"status-{walker_id}-absent").click()
    saved = site.click("Save attendance")
    assert "Attendance saved: 1 change." in saved
    assert "Councillor J Walker absent" in saved
    site.check("meeting-attendance")
    site.on_phone("meeting-attendance")


def test_a_clerk_re_sends_a_meetings_reminders(site: Site) -> None:
    site.sign_in("Jo Bell")
    site.open(f"/console/meetings/{site.world.upcoming_id}")
    said = site.click("Re-send reminders")
    assert "No reminder of this meeting has gone out yet" in said
    site.check("meeting-resent")


def test_a_chair_sees_no_forms_to_move_or_cancel(site: Site) -> None:
    site.sign_in("Councillor M Carr")
    page = site.open(f"/console/meetings/{site.world.upcoming_id}")
    assert "Record an apology" in page
    for clerks_only in ("Move this meeting", "Cancel this meeting", "Re-send reminders"):
        assert clerks_only not in page
    refused = site.open(f"/console/meetings/{site.world.upcoming_id}/cancel")
    assert "Only the board's clerk can change this meeting." in refused


def test_a_clerk_edits_an_action_and_chat_shows_it(site: Site) -> None:
    site.sign_in("Jo Bell")
    with site.db.factory() as session:
        action_id = session.scalars(
            select(Action.id).where(Action.text.like("%foster carer%"))
        ).one()
    site.open("/console/actions")
    site.check("actions-filters")
    site.on_phone("actions")
    site.click(f"#{action_id}: change owner, due date or status")
    site.check("action-edit")
    site.on_phone("action-edit")
    Select(site.driver.find_element(By.ID, "owner")).select_by_visible_text("Councillor J Walker")
    site.type("due-day", "15")
    site.type("due-month", "1")
    site.type("due-year", "2027")
    saved = site.click("Save changes")
    assert "Action updated." in saved
    row = site.driver.find_element(By.ID, f"action-{action_id}").text
    assert "Councillor J Walker" in row and "15 January 2027" in row

    chat = say(site.db.factory, "CPB", command="actions", now=NOW)
    assert any(
        "foster carer allowances (Councillor J Walker; due 15 January 2027)" in item
        for item in chat.items
    )


def test_lists_page_through_and_the_audit_log_too(site: Site) -> None:
    with transaction(site.db.factory) as session:
        for day in range(1, 31):
            session.add(Meeting(board_id=site.world.cpb_id, date=dt.date(2027, 1, day)))
    site.sign_in("Jo Bell")
    first = site.open("/console/")
    assert "Showing 1 to 25 of 31 meetings" in first
    site.check("home-paged")
    site.on_phone("home")
    second = site.click("Next page")
    assert "Showing 26 to 31 of 31 meetings" in second
    site.open(f"/console/meetings?board={site.world.cpb_id}&when=past")
    site.check("meetings-past")
    site.open(f"/console/meetings/{site.world.upcoming_id}")
    site.click("Re-send reminders")
    log = site.open("/console/audit")
    assert "reminders-resent" in log
    site.check("audit")
    site.on_phone("audit")
