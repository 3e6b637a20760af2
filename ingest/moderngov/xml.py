"""Reading the ModernGov web service's XML, quirks and all, into plain dataclasses.

Real sites pad counts with a space, send whitespace-only elements for "empty",
escape HTML twice (once as HTML, once as XML), and put attendees' data in
attributes. Anything missing is None rather than an error; a document that is
not XML at all, or has the wrong root, is a ``SiteError`` naming what was wrong.
Answers come from sites we do not control, so they are parsed by defusedxml:
a DTD, entity declaration or external reference is refused, never expanded.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ingest.parsers.dates import find_time
from ingest.parsers.items import split_paragraphs
from ingest.parsers.lines import normalise_line
from ingest.readers.html_text import html_lines, parse_html


class SiteError(ValueError):
    """An answer from the site that cannot be read; the message is one line."""


@dataclass(frozen=True)
class Committee:
    id: str
    title: str
    category: str | None = None
    expired: bool = False
    deleted: bool = False


@dataclass(frozen=True)
class MeetingSummary:
    """A meeting as ``GetMeetings`` lists it."""

    id: str
    date: dt.date
    time: dt.time | None
    status: str | None


@dataclass(frozen=True)
class LinkedDoc:
    title: str
    url: str


@dataclass(frozen=True)
class SiteItem:
    id: str | None
    number: str | None
    title: str
    agenda: tuple[str, ...]
    minutes: tuple[str, ...]
    restricted: bool
    documents: tuple[LinkedDoc, ...]
    # The executive decision, once the site has published it (``decisionnonemptyhtmlbody``).
    decision: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteAttendee:
    name: str
    role: str | None
    attendance: str | None
    member_id: str | None


@dataclass(frozen=True)
class SiteMeeting:
    """Everything ``GetMeeting`` says about one meeting."""

    id: str
    date: dt.date
    time: dt.time | None
    status: str | None
    location: str | None
    agenda_published: bool
    minutes_published: bool
    items: tuple[SiteItem, ...]
    attendees: tuple[SiteAttendee, ...]
    # The meeting's own documents (printed minutes, agenda pack), then the items'.
    documents: tuple[LinkedDoc, ...] = ()
    # Items the site keeps off its public pages (``isdisplayallowed`` False): ids only.
    hidden: tuple[str, ...] = ()


_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def _root(text: str, name: str) -> ET.Element:
    try:
        root = fromstring(text.lstrip("\ufeff \r\n\t"), forbid_dtd=True)
    except ET.ParseError as exc:
        raise SiteError(f"malformed XML ({exc})") from exc
    except DefusedXmlException as exc:
        raise SiteError(
            f"refused XML: {type(exc).__name__} (entities and DTDs are not read)"
        ) from exc
    if _local(root.tag) != name:
        raise SiteError(f"expected <{name}>, got <{_local(root.tag)}>")
    return root


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _children(element: ET.Element | None, name: str) -> list[ET.Element]:
    if element is None:
        return []
    return [child for child in element if _local(child.tag) == name]


def _value(element: ET.Element, name: str) -> str | None:
    """An element's text, trimmed; whitespace-only means absent."""
    child = _child(element, name)
    text = (child.text or "") if child is not None else ""
    return text.strip() or None


def _flag(element: ET.Element, name: str) -> bool:
    return (_value(element, name) or "").lower() in {"true", "1", "yes", "y"}


def _date(text: str | None) -> dt.date | None:
    """``13/01/2026`` (day first, as every ModernGov site sends it)."""
    match = _DATE.search(text or "")
    if match is None:
        return None
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def unescape(text: str | None) -> str:
    """Text escaped as HTML and then again as XML comes back as plain HTML."""
    value = text or ""
    for _ in range(3):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return value


def text_lines(text: str | None) -> tuple[str, ...]:
    """An element's (possibly HTML) text as paragraphs."""
    value = unescape(text).strip()
    if not value:
        return ()
    if _MARKUP.search(value):
        tree = parse_html(f"<body>{value}</body>")
        body = tree.body
        lines = html_lines(body)[0] if body is not None else []
    else:
        lines = []
        for line in value.splitlines():
            lines += [normalise_line(line), ""] if line.strip() else [""]
    return tuple(split_paragraphs(lines, wrapped=False))


def committees(text: str) -> list[Committee]:
    root = _root(text, "committees")
    found = []
    for element in _children(root, "committee"):
        committee_id, title = _value(element, "committeeid"), _value(element, "committeetitle")
        if committee_id is None or title is None:
            continue
        found.append(
            Committee(
                id=committee_id,
                title=normalise_line(unescape(title)),
                category=_value(element, "committeecategory"),
                expired=_flag(element, "committeeexpired"),
                deleted=_flag(element, "committeedeleted"),
            )
        )
    return found


def meetings(text: str) -> list[MeetingSummary]:
    """``GetMeetings``: ``<getmeetings><committee><committeemeetings><meeting>``."""
    root = _root(text, "getmeetings")
    found = []
    for committee in _children(root, "committee"):
        for element in _children(_child(committee, "committeemeetings"), "meeting"):
            meeting_id, date = _value(element, "meetingid"), _date(_value(element, "meetingdate"))
            if meeting_id is None or date is None:
                continue
            found.append(
                MeetingSummary(
                    id=meeting_id,
                    date=date,
                    time=find_time(_value(element, "meetingtime") or ""),
                    status=_value(element, "meetingstatus"),
                )
            )
    return found


def meeting(text: str, summary: MeetingSummary | None = None) -> SiteMeeting:
    """``GetMeeting``: a root ``<meeting>``; the listing fills in what it leaves out."""
    root = _root(text, "meeting")
    meeting_id = _value(root, "meetingid") or (summary.id if summary else None)
    date = _date(_value(root, "meetingdate")) or (summary.date if summary else None)
    if meeting_id is None or date is None:
        raise SiteError("the meeting has no id or date")
    time_text = _value(root, "meetingtime")
    time = find_time(time_text) if time_text else (summary.time if summary else None)
    elements = _children(_child(root, "agendaitems"), "agendaitem")
    shown = [element for element in elements if _displayed(element)]
    decided = _flag(root, "decisionpublished")
    items = [_item(element, decided) for element in shown]
    hidden = [_value(element, "agendaitemid") for element in elements if not _displayed(element)]
    location = _value(root, "meetinglocation")
    return SiteMeeting(
        id=meeting_id,
        date=date,
        time=time,
        status=_value(root, "meetingstatus") or (summary.status if summary else None),
        location=normalise_line(unescape(location)) if location else None,
        agenda_published=_flag(root, "agendapublished"),
        minutes_published=_flag(root, "minutepublished"),
        items=tuple(item for item in items if item is not None),
        attendees=tuple(_attendees(root)),
        documents=_documents(root) + tuple(d for item in items if item for d in item.documents),
        hidden=tuple(filter(None, hidden)),
    )


def _displayed(element: ET.Element) -> bool:
    """False only where the site says so: older sites send no ``isdisplayallowed`` at all."""
    return _value(element, "isdisplayallowed") is None or _flag(element, "isdisplayallowed")


def _item(element: ET.Element, decisions_published: bool = False) -> SiteItem | None:
    title = normalise_line(unescape(_value(element, "agendaitemtitle")))
    if not title:
        return None
    number = _value(element, "fulldisplaynumberformat") or _value(element, "agendaitemnumber")
    return SiteItem(
        id=_value(element, "agendaitemid"),
        number=number.rstrip(".") if number else None,
        title=title,
        agenda=text_lines(_value(element, "agendatext")),
        minutes=text_lines(_value(element, "minutesnonemptyhtmlbody")),
        restricted=_flag(element, "isrestricted"),
        documents=_documents(element),
        decision=_decision(element, decisions_published),
    )


def _decision(element: ET.Element, meeting_says: bool) -> tuple[str, ...]:
    """An executive decision's text, only once both the item and its publication say so.

    ``isdecisionpublished`` is the item's own word; older sites say it once for the
    meeting (``decisionpublished``).
    """
    if not _flag(element, "isdecision"):
        return ()
    published = _value(element, "isdecisionpublished")
    if not (_flag(element, "isdecisionpublished") if published is not None else meeting_says):
        return ()
    return text_lines(_value(element, "decisionnonemptyhtmlbody"))


def _documents(element: ET.Element) -> tuple[LinkedDoc, ...]:
    found = []
    for doc in _children(_child(element, "linkeddocuments"), "linkeddoc"):
        url = _value(doc, "url")
        if url:
            found.append(LinkedDoc(normalise_line(unescape(_value(doc, "title"))), unescape(url)))
    return tuple(found)


def _attendees(root: ET.Element) -> list[SiteAttendee]:
    found = []
    for element in _children(_child(root, "attendees"), "attendee"):
        name = normalise_line(unescape(element.get("name") or _value(element, "name")))
        if not name:
            continue
        found.append(
            SiteAttendee(
                name=name,
                role=(element.get("roledescription") or "").strip() or None,
                attendance=(element.get("attendance") or "").strip() or None,
                member_id=(element.get("memberid") or "").strip() or None,
            )
        )
    return found
