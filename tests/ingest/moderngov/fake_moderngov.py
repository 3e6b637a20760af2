"""A fake council ModernGov site on 127.0.0.1: web service, public pages and PDFs.

It answers in the shapes real sites send, quirks included: counts padded with
a space, whitespace-only "empty" elements, text escaped as HTML and then again
as XML, one child where others send many, attendees' data in attributes, ISO
dates silently ignored, executive decisions published apart from minutes, items
hidden from the public, one year's meetings per public list page. Tests change its meetings between syncs, slow it down,
make meetings fail, or switch its web service off.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from html import escape as html_escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape

from tests.ingest.moderngov.pages_html import documents_page, error_page, meetings_page


def twice(text: str) -> str:
    """HTML-escaped, then XML-escaped again: what real sites put in titles and texts."""
    return xml_escape(html_escape(text))


@dataclass
class Item:
    number: str
    title: str
    agenda_html: str = ""
    minutes_html: str = ""
    restricted: bool = False
    documents: list[tuple[str, str]] = field(default_factory=list)
    item_id: int = 0
    # An executive decision: its notice, sent once ``decision_published``.
    decision_html: str = ""
    decision_published: bool = False
    display_allowed: bool = True


@dataclass
class Attendee:
    name: str
    role: str = "Committee Member"
    attendance: str = "Present"
    member_id: str = ""


@dataclass
class Meeting:
    id: int
    date: dt.date
    time_text: str = "10.00 am"
    status: str = "Confirmed"
    location: str = ""
    agenda_published: bool = False
    minutes_published: bool = False
    items: list[Item] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)
    documents: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Committee:
    id: int
    title: str
    category: str = ""
    expired: bool = False
    deleted: bool = False
    meetings: list[Meeting] = field(default_factory=list)


@dataclass
class Request:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    at: float


class FakeModernGov:
    """The site; ``url`` is its root. Mutate ``committees`` between syncs to publish things."""

    def __init__(self) -> None:
        self.committees: list[Committee] = []
        self.files: dict[str, bytes] = {}
        self.requests: list[Request] = []
        # Meeting id -> "html500" | "html200" | "malformed" | "missing": that GetMeeting fails.
        self.broken: dict[int, str] = {}
        # Path (e.g. "GetMeeting") -> how many more answers fail with HTTP 500 first.
        self.fail_next: dict[str, int] = {}
        self.delay = 0.0
        self.service_off = False
        # The year a meetings list page shows when asked for none (ModernGov: the current one).
        self.current_year = 2026
        self._server: ThreadingHTTPServer | None = None
        self._lock = threading.Lock()

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def committee(self, committee_id: int) -> Committee:
        return next(c for c in self.committees if c.id == committee_id)

    def meeting(self, meeting_id: int) -> Meeting:
        return next(m for c in self.committees for m in c.meetings if m.id == meeting_id)

    def asked(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path.endswith(path)]

    # --- answering ---------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        query = {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
        with self._lock:
            self.requests.append(
                Request(
                    parts.path,
                    query,
                    {k.lower(): v for k, v in request.headers.items()},
                    time.monotonic(),
                )
            )
            method = parts.path.rsplit("/", 1)[-1]
            failing = self.fail_next.get(method, 0)
            if failing:
                self.fail_next[method] = failing - 1
        if self.delay:
            time.sleep(self.delay)
        status, content_type, body = (
            (500, "text/html", error_page("Server Error in '/' Application."))
            if failing
            else self._answer(parts.path, query)
        )
        try:
            request.send_response(status)
            request.send_header("Content-Type", content_type)
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _answer(self, path: str, query: dict[str, str]) -> tuple[int, str, bytes]:
        if "/mgWebService.asmx/" in path:
            if self.service_off:
                return 200, "text/html", error_page("The web service is not enabled on this site.")
            return self._service(path.rsplit("/", 1)[-1], query)
        page = path.rsplit("/", 1)[-1].lower()
        if page == "mgconvert2pdf.aspx":
            data = self.files.get(f"pdf:{query.get('id')}")
            if data is None:
                return 404, "text/html", error_page("The resource cannot be found.")
            return 200, "application/pdf", data
        if page == "ielistmeetings.aspx":
            committee = self.committee(int(query.get("cid") or query.get("committeeid") or "0"))
            year = int(query.get("year") or self.current_year)
            return 200, "text/html; charset=utf-8", meetings_page(committee, year).encode()
        if page == "ielistdocuments.aspx":
            if self.broken.get(int(query.get("mid", "0"))) == "html500":
                return 500, "text/html", error_page("Runtime Error")
            meeting = self.meeting(int(query.get("mid", "0")))
            return 200, "text/html; charset=utf-8", documents_page(self, meeting).encode()
        return 404, "text/html", error_page("The resource cannot be found.")

    def _service(self, method: str, query: dict[str, str]) -> tuple[int, str, bytes]:
        xml = "text/xml; charset=utf-8"
        if method == "GetCommittees":
            return 200, xml, self._committees().encode()
        if method == "GetMeetings":
            committee = self.committee(int(query.get("lcommitteeid", "0")))
            return 200, xml, self._meetings(committee, query).encode()
        if method == "GetMeeting":
            meeting_id = int(query.get("lmeetingid", "0"))
            broken = self.broken.get(meeting_id)
            if broken == "html500":
                return 500, "text/html", error_page("Runtime Error")
            if broken == "html200":
                return 200, "text/html", error_page("An error has occurred.")
            if broken == "malformed":
                return 200, xml, b"<?xml version='1.0'?><meeting><meetingid>7</meetingid><agenda"
            return 200, xml, self._meeting(self.meeting(meeting_id)).encode()
        return 500, "text/html", error_page(f"Unknown web method {method}.")

    def _committees(self) -> str:
        rows = "".join(
            "<committee>"
            f"<committeeid>{c.id}</committeeid>"
            f"<committeetitle>{twice(c.title)}</committeetitle>"
            f"<committeecategory>{xml_escape(c.category) or '  '}</committeecategory>"
            f"<committeedeleted>{c.deleted}</committeedeleted>"
            f"<committeeexpired>{c.expired}</committeeexpired>"
            "</committee>"
            for c in self.committees
        )
        count = f"<committeecount> {len(self.committees)}</committeecount>"
        return f"<?xml version='1.0' encoding='utf-8'?>\n<committees>{count}{rows}</committees>"

    def _meetings(self, committee: Committee, query: dict[str, str]) -> str:
        chosen = committee.meetings
        start, end = _uk_date(query.get("sfromdate")), _uk_date(query.get("stodate"))
        if start is not None and end is not None:  # ISO dates: ignored, everything sent
            chosen = [m for m in chosen if start <= m.date <= end]
        rows = "".join(
            "<meeting>"
            f"<meetingid>{m.id}</meetingid>"
            f"<meetingdate>{m.date:%d/%m/%Y}</meetingdate>"
            f"<meetingtime>{xml_escape(m.time_text)}</meetingtime>"
            f"<meetingstatus>{xml_escape(m.status)}</meetingstatus>"
            "</meeting>"
            for m in chosen
        )
        return (
            "<?xml version='1.0' encoding='utf-8'?>\n<getmeetings><committee>"
            f"<committeeid>{committee.id}</committeeid>"
            f"<committeetitle>{twice(committee.title)}</committeetitle>"
            f"<committeemeetings><meetingcount> {len(chosen)}</meetingcount>{rows}"
            "</committeemeetings></committee></getmeetings>"
        )

    def _meeting(self, m: Meeting) -> str:
        items = "".join(_item(item, n) for n, item in enumerate(m.items, 1))
        attendees = "".join(
            f'<attendee name="{twice(a.name)}" roledescription="{xml_escape(a.role)}" '
            f'attendance="{xml_escape(a.attendance)}" memberid="{a.member_id}" />'
            for a in m.attendees
        )
        return (
            "<?xml version='1.0' encoding='utf-8'?>\n<meeting>"
            f"<meetingid>{m.id}</meetingid>"
            f"<meetingdate>{m.date:%d/%m/%Y}</meetingdate>"
            f"<meetingtime>{xml_escape(m.time_text)}</meetingtime>"
            f"<meetingstatus>{xml_escape(m.status)}</meetingstatus>"
            f"<meetinglocation>{twice(m.location) or chr(10) + '   '}</meetinglocation>"
            f"<agendapublished>{m.agenda_published}</agendapublished>"
            f"<minutepublished>{m.minutes_published}</minutepublished>"
            f"{_documents(m.documents)}"
            f"<agendaitems><agendaitemcount> {len(m.items)}</agendaitemcount>{items}</agendaitems>"
            f"<attendees><attendeecount> {len(m.attendees)}</attendeecount>{attendees}</attendees>"
            "</meeting>"
        )


def _item(item: Item, position: int) -> str:
    # Minutes escaped once (as most sites do), agenda text twice (as some do).
    minutes = xml_escape(item.minutes_html) if item.minutes_html else " \n "
    # A decision's notice is sent as the site has it, published or not; the flags say which.
    decision = xml_escape(item.decision_html) if item.decision_html else " "
    return (
        "<agendaitem>"
        f"<agendaitemid>{item.item_id or position}</agendaitemid>"
        f"<agendaitemnumber>{position}</agendaitemnumber>"
        f"<fulldisplaynumberformat>{xml_escape(item.number)}</fulldisplaynumberformat>"
        f"<agendaitemtitle>{twice(item.title)}</agendaitemtitle>"
        f"<agendatext>{twice(item.agenda_html) or '  '}</agendatext>"
        f"<minutesnonemptyhtmlbody>{minutes}</minutesnonemptyhtmlbody>"
        f"<isrestricted>{item.restricted}</isrestricted>"
        f"<isdisplayallowed>{item.display_allowed}</isdisplayallowed>"
        f"<isdecision>{bool(item.decision_html)}</isdecision>"
        f"<isdecisionpublished>{item.decision_published}</isdecisionpublished>"
        f"<decisionnonemptyhtmlbody>{decision}</decisionnonemptyhtmlbody>"
        f"{_documents(item.documents)}"
        "</agendaitem>"
    )


def _documents(documents: list[tuple[str, str]]) -> str:
    if not documents:
        return "<linkeddocuments> </linkeddocuments>"
    return (
        "<linkeddocuments>"
        + "".join(
            f"<linkeddoc><title>{twice(title)}</title><url>{xml_escape(url)}</url></linkeddoc>"
            for title, url in documents
        )
        + "</linkeddocuments>"
    )


def _uk_date(value: str | None) -> dt.date | None:
    try:
        day, month, year = (int(part) for part in (value or "").split("/"))
        return dt.date(year, month, day)
    except ValueError:
        return None
