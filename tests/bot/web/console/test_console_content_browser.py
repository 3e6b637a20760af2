"""The console's content in headless Chromium: a coming meeting's agenda with papers and the
first recommendation quoted, a past one's minutes and decisions, an apology taken by letter,
the member's own settings (digest, email, a new calendar link) and the clerk's Email page;
axe on each page, and each at a phone's width (375 pixels).

Run alone with ``pytest -m browser``; screenshots go to a ``console-content-screenshots``
directory under pytest's temporary directory (``--basetemp`` to keep them somewhere known).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web
from selenium.webdriver.common.by import By
from sqlalchemy import select

from bot.web import calendar_routes, console
from storage.audit import AuditEntry
from storage.email import channels_of
from storage.papers.digest import digest_enabled
from tests.bot.web.console.browser import chromium, serving
from tests.bot.web.console.content_world import World, build_content
from tests.bot.web.console.test_console_ops_browser import NOW, Site
from tests.conftest import Database

pytestmark = [pytest.mark.browser, pytest.mark.dates]


class Content(Site):
    def choose(self, radio_id: str) -> None:
        self.driver.find_element(By.CSS_SELECTOR, f"label[for='{radio_id}']").click()

    def audited(self, action: str) -> int:
        with self.db.factory() as session:
            return len(list(session.scalars(select(AuditEntry).where(AuditEntry.action == action))))


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("console-content-screenshots")


@pytest.fixture
def world(sqlite_db: Database) -> World:
    return build_content(sqlite_db)


@pytest.fixture
def site(sqlite_db: Database, shots: Path, world: World) -> Iterator[Content]:
    app = web.Application()
    console.register(app, sqlite_db.factory, clock=lambda: NOW)
    calendar_routes.register(app, sqlite_db.factory, cache_seconds=0)
    with serving(app) as url, chromium() as driver:
        yield Content(sqlite_db, url, driver, shots, world.record)


def test_a_clerk_reads_a_meetings_agenda_papers_minutes_and_records_a_letter(
    site: Content, world: World
) -> None:
    site.sign_in("Jo Bell")
    coming = site.open(f"/console/meetings/{world.record.upcoming_id}")
    assert "Agenda and papers" in coming
    assert "“1.1 That the Board approves the fostering recruitment campaign for 2027.”" in coming
    assert "By email" in coming  # Carr's apology came by email
    site.check("meeting-agenda")
    site.on_phone("meeting-agenda")

    site.choose("received-letter")
    after = site.click("Record apology")
    assert "recorded by Jo Bell" in after
    assert site.audited("apology-on-behalf") == 1

    past = site.open(f"/console/meetings/{site.meeting_on(dt.date(2018, 9, 12))}")
    assert "Agenda, minutes and decisions" in past and "Decision, as printed:" in past
    site.driver.find_element(  # a details element: opens in place
        By.XPATH, "//summary[normalize-space()='Minutes of item 18/9']"
    ).click()
    assert "S Kaur presented the new practice model." in site.text()
    site.check("meeting-minutes")
    site.on_phone("meeting-minutes")


def test_a_clerk_reads_kept_replies_and_tries_a_failed_email_again(
    site: Content, world: World
) -> None:
    site.sign_in("Jo Bell")
    replies = site.open("/console/email")
    assert "Can we have the papers printed?" in replies and "Who chairs the panel?" not in replies
    site.check("email-replies")
    site.on_phone("email-replies")

    failed = site.open("/console/email?list=failed")
    assert "550 5.1.1 mailbox unavailable" in failed
    site.check("email-failed")
    site.on_phone("email-failed")
    done = site.click(f"Try again email {world.failed_id}")
    assert "Queued again" in done and "No failed email" in done
    site.check("email-retried")


def test_a_member_changes_their_digest_and_email_and_gets_a_new_calendar_link(
    site: Content, world: World
) -> None:
    site.sign_in("Councillor J Walker")
    own = site.open("/console/me")
    assert "Get a new calendar link" in own and "How you get messages" in own
    site.check("own-settings")
    site.on_phone("own-settings")

    site.choose("digest-off")
    assert "Papers digest off" in site.click("Save digest")
    site.choose("reminders-both")
    assert "How you get messages is saved." in site.click("Save how you get messages")
    with site.db.factory() as session:
        assert not digest_enabled(session, world.walker_id)
        assert channels_of(session, world.walker_id)["reminders"] == "both"

    shown = site.click("Get a new calendar link")
    assert "Your new calendar link" in shown and "shown only this once" in shown
    link = site.driver.find_element(By.ID, "calendar-link").text
    site.check("calendar-link")
    site.on_phone("calendar-link")
    assert link.startswith("/calendar/me/") and link.endswith(".ics")
    assert site.audited("calendar-link") == 1
