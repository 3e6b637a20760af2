"""The fake site's public pages, in the shapes ModernGov serves them."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.ingest.moderngov.fake_moderngov import Committee, FakeModernGov, Item, Meeting


def error_page(message: str) -> bytes:
    return (
        "<!DOCTYPE html><html><head><title>Error</title></head>"
        f"<body><h1>Sorry</h1><p>{escape(message)}</p></body></html>"
    ).encode()


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def meetings_page(committee: Committee, year: int) -> str:
    """The committee's meetings in one calendar year, as ``ieListMeetings.aspx?Year=`` lists them."""
    rows = "".join(
        f'<li><a href="ieListDocuments.aspx?CId={committee.id}&amp;MId={m.id}&amp;Ver=4">'
        f"{m.date.day} {m.date:%b %Y} {escape(m.time_text)}</a>"
        f"{' CANCELLED' if 'cancel' in m.status.lower() else ''}</li>"
        for m in committee.meetings
        if m.date.year == year
    )
    return (
        "<!DOCTYPE html><html><head><title>Browse meetings - "
        f"{escape(committee.title)}</title></head><body>"
        '<div id="header"><a href="/">Council</a></div><div id="mgContent">'
        f'<h1 class="mgMainTitleTxt">Browse meetings - {escape(committee.title)}</h1>'
        f'<ul class="mgCalendarList">{rows}</ul></div></body></html>'
    )


def _links(item: Item) -> str:
    """An item's documents as ModernGov lists them: a link each, or a restricted enclosure."""
    if not item.documents:
        return ""
    if item.restricted:
        rows = "".join(
            f'<li>Restricted enclosure <a href="mgIssueHistoryHome.aspx?IId={n}">'
            f"View the reasons why document {escape(title)} is restricted</a></li>"
            for n, (title, _url) in enumerate(item.documents, 1)
        )
    else:
        rows = "".join(
            f'<li><a href="{escape(url)}" title="Link to document \'{escape(title)}\' (PDF)">'
            f'{escape(title)} <span class="mgFileSize">PDF 25 KB</span></a></li>'
            for title, url in item.documents
        )
    return f'<ul class="mgActionList">{rows}</ul>'


def documents_page(site: FakeModernGov, meeting: Meeting) -> str:
    committee = next(c for c in site.committees if meeting in c.meetings)
    when = (
        f"{meeting.date:%A}, {_ordinal(meeting.date.day)} {meeting.date:%B, %Y} {meeting.time_text}"
    )
    rows = ""
    for item in meeting.items:
        if not item.display_allowed:
            continue
        minutes = (
            '<p class="mgSubItemTitleTxt">Minutes:</p>'
            f'<div class="mgWordPara">{item.minutes_html}</div>'
            if item.minutes_html
            else ""
        )
        rows += (
            f'<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">{escape(item.number)}</p></td>'
            f'<td><p class="mgAiTitleTxt">{escape(item.title)}</p>'
            f'<div class="mgWordPara">{item.agenda_html}</div>{_links(item)}{minutes}</td></tr>'
        )
    venue = (
        f'<p class="mgLineText"><span class="mgLabel">Venue: </span>{escape(meeting.location)}</p>'
        if meeting.location
        else ""
    )
    return (
        f"<!DOCTYPE html><html><head><title>Agenda for {escape(committee.title)} on {when}</title>"
        '</head><body><div id="header"><a href="/">Council</a></div><div id="mgContent">'
        '<h1 class="mgMainTitleTxt">Agenda and minutes</h1>'
        f'<h2 class="mgSubTitleTxt">{escape(committee.title)} - {when}</h2>{venue}'
        '<table class="mgItemTable"><tr><th class="mgItemNumberCell">No.</th><th>Item</th></tr>'
        f"{rows}</table></div></body></html>"
    )
