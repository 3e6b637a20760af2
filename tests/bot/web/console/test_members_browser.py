"""The Members pages in headless Chromium: a clerk sees figures, edits email and chat links,
records and withdraws an approved absence, resets calendar links and forgets a member after
a confirmation page; a member sees their own figures and not another's page; axe on each.

Run alone with ``pytest -m browser``; screenshots go to a temporary directory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from bot.web.app import build_web_app
from storage.attendance_history import approved_until
from storage.audit import AuditEntry
from storage.calendar import issue_token
from storage.db import transaction
from storage.models import CalendarToken, ChatIdentity, Member
from tests.bot.web.console.browser import chromium, replaced, serving
from tests.bot.web.console.members_world import build_with_attendance, member_id
from tests.bot.web.console.test_console_browser import NOW, Site
from tests.conftest import Database

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("members-screenshots")


@pytest.fixture
def site(sqlite_db: Database, shots: Path) -> Iterator[Site]:
    world = build_with_attendance(sqlite_db.factory)
    with serving(build_web_app(sqlite_db.factory)) as url, chromium() as driver:
        yield Site(sqlite_db, url, driver, shots, world)


def _audit(site: Site, action: str) -> list[AuditEntry]:
    with transaction(site.db.factory) as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def _click(site: Site, element: WebElement) -> None:
    """Click a link or submit button, and wait until the next page has replaced this one."""
    body = site.driver.find_element(By.TAG_NAME, "body")
    element.click()
    WebDriverWait(site.driver, 10).until(replaced(body))


def _sign_in(site: Site, name: str) -> str:
    """Sign in by link, waiting for the signed-in page (the cookie is set by then)."""
    site.open(site.link(name))
    _button(site, "Sign in")
    return site.text()


def _button(site: Site, label: str) -> None:
    _click(site, site.driver.find_element(By.XPATH, f"//button[normalize-space()='{label}']"))


def _link(site: Site, text: str) -> None:
    _click(site, site.driver.find_element(By.LINK_TEXT, text))


def test_a_clerk_sees_the_members_and_each_ones_attendance_figures(site: Site) -> None:
    _sign_in(site, "Jo Bell")
    listing = site.open("/console/members")
    assert "Corporate Parenting Board" in listing and "Councillor J Walker" in listing
    assert "Councillor K Patel" not in listing  # the panel is not Bell's board
    site.check("members")

    _link(site, "Councillor J Walker")
    figures = site.driver.find_element(By.ID, "attendance-figures").text
    # Board, expected, present, apologies, absent without apologies, as substitute.
    assert "Corporate Parenting Board 3 1 1 1 0" in figures
    six_month = site.driver.find_element(By.ID, "six-month").text
    assert "Last attendance 10 March 2026" in six_month
    assert "Six months on (six-month rule) 10 September 2026" in six_month
    assert "covers only the boards it follows" in site.text()
    site.check("member-admin")

    board = site.open(f"/console/boards/{site.world.cpb_id}/attendance")
    carr = site.driver.find_element(By.ID, f"member-{site.member_id('Councillor M Carr')}").text
    assert carr.startswith("Councillor M Carr 3 3 0 0 0")
    assert "Councillor J Walker" in board
    site.check("board-attendance")


def test_a_clerk_edits_the_email_and_chat_links_and_the_audit_has_before_and_after(
    site: Site,
) -> None:
    _sign_in(site, "Jo Bell")
    walker = site.member_id("Councillor J Walker")
    site.open(f"/console/members/{walker}")
    email = site.driver.find_element(By.ID, "email")
    email.clear()
    email.send_keys("jane.walker@council.example.gov.uk")
    site.driver.find_element(By.ID, "discord").send_keys("123456789012345678")
    _button(site, "Save chat links and email")

    assert "Chat links and email saved." in site.text()
    site.check("member-admin-saved")
    with transaction(site.db.factory) as session:
        member = session.get(Member, walker)
        assert member is not None and member.email == "jane.walker@council.example.gov.uk"
        assert [(i.platform, i.user_id) for i in member.identities] == [
            ("discord", "123456789012345678")
        ]
    [entry] = _audit(site, "member-contact")
    detail = json.loads(entry.detail or "{}")
    assert detail["before"]["email"] == "j.walker@example.org"
    assert detail["after"]["discord"] == "123456789012345678"
    assert entry.actor == "console:Jo Bell"


def test_forget_asks_first_then_erases_and_keeps_the_record(site: Site) -> None:
    _sign_in(site, "Jo Bell")
    walker = site.member_id("Councillor J Walker")
    with transaction(site.db.factory) as session:
        session.add(ChatIdentity(member_id=walker, platform="slack", user_id="U0WALKER"))
    site.open(f"/console/members/{walker}")
    _link(site, "Forget Councillor J Walker")
    assert "Forget Councillor J Walker?" in site.text() and "cannot be undone" in site.text()
    site.check("member-forget")
    _link(site, "No, go back")
    with transaction(site.db.factory) as session:
        member = session.get(Member, walker)
        assert member is not None and member.email is not None  # nothing erased yet

    _link(site, "Forget Councillor J Walker")
    _button(site, "Yes, forget Councillor J Walker")

    assert "Personal data erased." in site.text()
    assert "Last attendance 10 March 2026" in site.text()  # the published record stays
    with transaction(site.db.factory) as session:
        member = session.get(Member, walker)
        assert member is not None
        assert (member.email, member.identities) == (None, [])
    [entry] = _audit(site, "erasure")
    assert json.loads(entry.detail or "{}")["chat_links"] == 1


def test_an_approved_absence_is_recorded_then_withdrawn(site: Site) -> None:
    _sign_in(site, "Jo Bell")
    walker = site.member_id("Councillor J Walker")
    site.open(f"/console/members/{walker}")
    site.driver.find_element(By.ID, "until").send_keys("2099-03-31")
    site.driver.find_element(By.ID, "absence-reason").send_keys("surgery and recovery")
    _button(site, "Record approved absence")

    assert "Approved absence recorded" in site.text()
    row = site.driver.find_element(By.XPATH, "//table[@id='absences']//tbody/tr")
    assert "31 March 2099 surgery and recovery current" in row.text
    assert "Approved absence until 31 March 2099" in site.text()
    site.check("member-absence")
    with transaction(site.db.factory) as session:
        assert walker in approved_until(session, NOW.date())

    _click(site, row.find_element(By.TAG_NAME, "button"))

    assert "Approved absence withdrawn" in site.text()
    assert "withdrawn" in site.driver.find_element(By.ID, "absences").text
    with transaction(site.db.factory) as session:
        assert walker not in approved_until(session, NOW.date())
    assert [len(_audit(site, a)) for a in ("absence-approved", "absence-withdrawn")] == [1, 1]


def test_resetting_calendar_links_revokes_them(site: Site) -> None:
    walker = site.member_id("Councillor J Walker")
    with transaction(site.db.factory) as session:
        member = session.get(Member, walker)
        assert member is not None
        issue_token(session, member, NOW)
    _sign_in(site, "Jo Bell")
    site.open(f"/console/members/{walker}")
    _button(site, "Reset calendar links")

    assert "Calendar links reset" in site.text()
    with transaction(site.db.factory) as session:
        tokens = session.scalars(select(CalendarToken).where(CalendarToken.member_id == walker))
        assert [t.revoked_at is not None for t in tokens] == [True]
    [entry] = _audit(site, "calendar-reset")
    assert entry.detail == '{"revoked": 1}'


def test_a_member_sees_their_own_figures_and_not_another_members_page(site: Site) -> None:
    page = _sign_in(site, "Councillor J Walker")
    assert "Attendance" in page and "Last attendance 10 March 2026" in page
    assert "Members" not in site.driver.find_element(By.ID, "navigation").text
    site.check("member-own-figures")
    carr = member_id(site.db.factory, "Councillor M Carr")
    for path in (f"/console/members/{carr}", f"/console/members/{carr}/forget", "/console/members"):
        refused = site.open(path)
        assert "Councillor M Carr" not in refused
        assert "only your own page" in refused or "for a board's clerk" in refused
