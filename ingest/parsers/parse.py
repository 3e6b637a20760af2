"""``parse_document``: one council document in, one ``ParsedDocument`` out.

The document's layout decides the reader: a ModernGov page (saved HTML or
copied text) or formal minutes/agenda (text or PDF). Both produce raw items,
which the same steps then read for decisions, presenters, exemptions and
follow-ups. Anything not understood stays in the item's text rather than
being dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from ingest.parsers.agenda_tables import label_lead_cells
from ingest.parsers.apologies import apologies_from_sentences, with_substitutes_from_apologies
from ingest.parsers.attendance import parse_sections
from ingest.parsers.attendees import dedupe, mayors_preside
from ingest.parsers.coverage import measure
from ingest.parsers.dates import find_dates, find_time
from ingest.parsers.decisions import find_decisions, kind_of
from ingest.parsers.exempt import exempt_reasons
from ingest.parsers.followup_dates import ItemContext
from ingest.parsers.followups import find_actions
from ingest.parsers.header import find_contact, read_header
from ingest.parsers.headings import find_headings
from ingest.parsers.items import RawItem, segment_formal, split_paragraphs, unwrap_lines
from ingest.parsers.lead_lines import leads
from ingest.parsers.membership import agenda_clerk, agenda_membership
from ingest.parsers.notices import without_closing_notices
from ingest.parsers.people import is_no_one
from ingest.parsers.presenters import presenters
from ingest.parsers.readings import with_readings
from ingest.parsers.run_in_headings import split_run_in_headings
from ingest.parsers.sentence_split import sentences
from ingest.readers.moderngov_page import (
    is_moderngov_text,
    item_table,
    page_bounds,
    page_kind,
    segment_html,
)
from ingest.readers.moderngov_page import segment_text as segment_moderngov_text
from ingest.readers.text import MAX_BYTES, DocumentText, read_document
from storage.parsed import (
    DocumentKind,
    ParsedAction,
    ParsedAttendee,
    ParsedDecision,
    ParsedDocument,
    ParsedItem,
    ParsedNextMeeting,
)
from storage.parsed_errors import DocumentError

__all__ = ["DocumentError", "parse_document", "parse_text"]

_BARE_APOLOGIES = re.compile(r"^apologies(?:\s+for\s+absence)?$", re.IGNORECASE)
_BARE_PRESENT = re.compile(r"^(?:(?:members|those)\s+)?present$", re.IGNORECASE)
_APOLOGY_ITEM = re.compile(r"apolog|attendance|substitut|membership|present", re.IGNORECASE)
_DECLARATIONS = re.compile(
    r"^(?:\d[\d./]*\s*)?(?:[^/]{3,60}/\s*)?(?:declarations?|disclosures?)\s+of\s+"
    r"(?:[\w\-]+\s+){0,4}?interests?",  # "Datganiadau o Fuddiant / Declarations of Interest"
    re.IGNORECASE,
)
_NO_DECLARATIONS = re.compile(
    r"\b(?:no|none|nil)\b.{0,60}\b(?:declar|disclos|interest)|^(?:none|nil|no\s+declarations?)"
    r"|\b(?:declar|disclos)\w*\b.{0,40}\b(?:none|nil)\b|^there\s+(?:were|was)\s+(?:none|nil)\b",
    re.IGNORECASE,
)
_DRAFT = re.compile(
    r"\b(?:draft|unconfirmed|unapproved)\s+minutes\b|^(?:draft|unconfirmed)$|\bsubject\s+to\s+"
    r"(?:approval|confirmation|ratification)\b|\bminutes\s+(?:\(\s*)?(?:draft|unconfirmed)\b",
    re.IGNORECASE | re.MULTILINE,
)
_CONFIRMED = re.compile(
    r"\b(?:confirmed|approved|signed)\s+minutes\b|^confirmed$|\bminutes\s+\(?confirmed\b",
    re.IGNORECASE | re.MULTILINE,
)
# What a "Decision:" block says when nothing was decided.
_NOT_A_DECISION = re.compile(
    r"^(?:there\s+(?:was|were|is|are)\s+no\b|no\s+(?:other\s+|urgent\s+)?(?:business|items?|"
    r"declarations?|apologies|questions)\b|none\b|nil\b|n/a\b|apologies\b|"
    r"(?:councillor|cllr|mr|mrs|ms|dr)\b.{0,60}\bdeclared\b)",
    re.IGNORECASE,
)
_NEXT_MEETING = re.compile(r"\bnext\s+(?:\w+\s+){0,3}?meeting\b", re.IGNORECASE)
_FUTURE_MEETINGS = re.compile(
    r"future\s+meeting\s+dates?|dates?\s+of\s+(?:future|forthcoming)\s+meetings?", re.I
)
# "Date of next meeting: Monday 22 May 2017 at 1pm" standing as a line of its own.
_NEXT_MEETING_LINE = re.compile(
    r"^\s*(?:(?:the\s+)?(?:date|time|date\s+and\s+time)\s+of\s+)?(?:the\s+)?next\s+meeting"
    r"\s*(?::|-|–|—|will\s+be|is)",
    re.IGNORECASE,
)
_AGENDA_HEADER = re.compile(
    r"\bagenda\b|notice\s+of\s+(?:the\s+)?meeting|\bsummons\b|you\s+are\s+(?:hereby\s+)?"
    r"(?:summoned|requested|invited)|will\s+be\s+held",
    re.IGNORECASE,
)
# A notice or summons lists the members called, not those who came.
_NOTICE = re.compile(
    r"notice\s+of\s+(?:the\s+)?meeting|\bsummons\b|you\s+are\s+(?:hereby\s+)?summoned", re.I
)
# The label ModernGov prints over an item's outcome ("Minutes:", "Decision:").
_OUTCOME_LABEL = re.compile(r"^(?:minutes|decisions?)\s*:$", re.IGNORECASE)
_MINUTES_HEADER = re.compile(
    r"\bminutes\b|\bwas\s+held\b|\bheld\s+on\b|\bpresent\s*:|\bpresent\b$", re.IGNORECASE
)


def parse_document(
    source: str | Path | bytes, *, name: str = "", max_bytes: int = MAX_BYTES
) -> ParsedDocument:
    """Parse a council document (path or bytes; text, HTML or PDF).

    Raises ``DocumentError`` (one-line reason) for anything that cannot be
    imported: too big, empty, binary, a PDF with no text, or no meeting date.
    """
    return parse_text(read_document(source, name=name, max_bytes=max_bytes))


def parse_text(source: DocumentText) -> ParsedDocument:
    lines = source.lines
    chrome: list[str] = []
    preamble: list[str]
    raws: list[RawItem]
    style: str
    # Whether a ModernGov page labels any item's outcome ("Minutes:", "Decision:").
    labelled = True
    if source.html is not None and item_table(source.html) is not None:
        lines, raws = segment_html(source.html)
        preamble, style = lines, "moderngov"
        labelled = any(raw.minutes or raw.decisions for raw in raws)
    elif is_moderngov_text(lines):
        start, end = page_bounds(lines)
        # Site chrome is not the record, but is measured too: prose in it is named, not lost.
        chrome, lines = lines[:start] + lines[end:], lines[start:end]
        segmented = segment_moderngov_text(lines)
        raws, preamble, style = segmented.items, lines[: segmented.preamble_end], "moderngov"
        labelled = any(_OUTCOME_LABEL.match(line) for line in lines)
    else:
        lines = label_lead_cells(split_run_in_headings(lines))
        wrapped = source.format == "pdf" or lines.count("") < len(lines) / 5
        if wrapped:
            lines = unwrap_lines(lines)
        numbered = find_headings(lines, unnumbered_from=len(lines))
        guess_end = numbered[0].line if numbered else min(len(lines), 80)
        first_look = read_header(lines, guess_end)
        start = first_look.date_line + 1 if first_look.date_line is not None else 0
        segmented = segment_formal(
            lines, header_end=start, wrapped=wrapped, hints=source.heading_lines
        )
        raws, preamble, style = segmented.items, lines[: segmented.preamble_end], "formal"
        if not raws:
            raws = _fallback_item(lines, start, wrapped)
    # "Chair", "Signed", "Date", "None" standing alone are a signature block, never an item.
    raws = [raw for raw in raws if raw.number or not is_no_one(raw.title)]
    header = read_header(preamble, len(preamble))
    if header.date is None:
        header = read_header(lines, len(lines))
    if header.date is None:
        raise DocumentError("no meeting date found in the document")
    meeting_date = header.date
    preamble_paragraphs = split_paragraphs(preamble, wrapped=False)
    attendance = _attendance(preamble, preamble_paragraphs, raws)
    kind = _kind(style, lines, preamble, raws, attendance, labelled)
    membership: list[ParsedAttendee] = []
    if kind == "agenda":
        # A membership list on an agenda says who is called, not who came: the board's members.
        membership = [p for p in attendance if p.status == "present"] or agenda_membership(preamble)
        membership += agenda_clerk(lines)
        attendance = []
    next_meeting = _next_meeting(raws, meeting_date)
    next_date = next_meeting.date if next_meeting else None
    items, actions = read_items(raws, kind, meeting_date, next_date)
    doc = ParsedDocument(
        kind=kind,
        format=source.format,
        date=meeting_date,
        time=header.time,
        board_name=header.board_name,
        title_as_printed=header.title_as_printed,
        venue=header.venue,
        contact=header.contact or find_contact(lines),  # or at the foot of an agenda
        items=tuple(items),
        attendance=tuple(attendance),
        membership=tuple(membership),
        actions=tuple(actions),
        next_meeting=next_meeting,
        declarations_of_interest=_declarations(preamble_paragraphs, raws),
        draft=_draft(preamble) if kind == "minutes" else None,
    )
    found = measure([*chrome, *lines], doc, len(chrome) + len(preamble))
    return with_readings(replace(doc, coverage=found.share, unplaced=found.unplaced))


def read_items(
    raws: list[RawItem], kind: DocumentKind, meeting_date: dt.date, next_date: dt.date | None
) -> tuple[list[ParsedItem], list[ParsedAction]]:
    """Items as found, read for decisions, presenters, exemptions and follow-ups.

    Shared by every reader (files, and a ModernGov site's web service), so the same
    minutes give the same decisions and actions wherever they came from.
    """
    items: list[ParsedItem] = []
    actions: list[ParsedAction] = []
    exempt = exempt_reasons(raws)
    for position, raw in enumerate(raws):
        if kind == "agenda":
            raw.agenda.extend(raw.minutes)
            raw.minutes = []
            raw.decisions = []
            if position == len(raws) - 1:
                raw.agenda = without_closing_notices(raw.title, raw.agenda)
        # ModernGov prints a short item's title again as its blurb: that says nothing more.
        raw.agenda = [para for para in raw.agenda if _folded(para) != _folded(raw.title)]
        # "Director of Public Health" on the line under an agenda title names its presenter
        lead = leads(raw.agenda) if kind == "agenda" else ()
        decisions = _decisions(raw)
        exempt_reason = exempt[position]
        item = ParsedItem(
            number=raw.number,
            title=raw.title,
            # The agenda blurb names the presenter; failing that, the minutes' opening.
            presenters=lead
            or presenters((raw.agenda or [""])[0])
            or _minutes_presenters(raw.minutes),
            agenda_text="\n\n".join(raw.agenda) or None,
            minutes_text="\n\n".join(raw.minutes) or None,
            decisions=tuple(decisions),
            truncated=raw.truncated,
            exempt=exempt_reason is not None,
            exempt_reason=exempt_reason,
            deferred_to=_deferred_to(decisions, meeting_date, next_date),
        )
        items.append(item)
        if kind == "minutes":
            context = ItemContext(position, item.ref, item.title, meeting_date, next_date)
            actions.extend(find_actions(context, raw.minutes, [d.text for d in decisions]))
    return items, _rehomed(actions, items)


def _rehomed(actions: list[ParsedAction], items: list[ParsedItem]) -> list[ParsedAction]:
    """An action-table row naming its minute ("3 | Prepare a briefing | ...") belongs to that
    item, wherever the table is printed; a reference to no item stays where it was found."""
    numbered = {item.number: position for position, item in enumerate(items) if item.number}
    out: list[ParsedAction] = []
    for action in actions:
        here = items[action.item_position]
        if action.item_ref != here.ref:
            target = numbered.get(action.item_ref)
            position = target if target is not None else action.item_position
            action = replace(action, item_position=position, item_ref=items[position].ref)
        out.append(action)
    return out


def _draft(preamble: list[str]) -> bool | None:
    """Whether the header marks the minutes draft ("subject to approval") or confirmed."""
    head = "\n".join(preamble[:30])
    if _DRAFT.search(head):
        return True
    if _CONFIRMED.search(head):
        return False
    return None


def _fallback_item(lines: list[str], start: int, wrapped: bool) -> list[RawItem]:
    """No recognisable items: keep the text under one item rather than drop it.

    Attendance lists are not business: a ModernGov "Attendance details" page has no items.
    """
    rest = lines[start:]
    _people, used = parse_sections(rest)
    body = split_paragraphs(
        [line for index, line in enumerate(rest) if index not in used], wrapped=wrapped
    )
    if used and all(len(text) < 150 and not text.endswith((".", ":")) for text in body):
        body = []  # headings and labels only: nothing was minuted
    return [RawItem(None, "Business of the meeting", minutes=body)] if body else []


def _attendance(
    preamble: list[str], paragraphs: list[str], raws: list[RawItem]
) -> list[ParsedAttendee]:
    people, _used = parse_sections(preamble)
    people += apologies_from_sentences(paragraphs)
    for raw in raws:
        if _APOLOGY_ITEM.search(raw.title):
            text = raw.minutes or raw.agenda
            if text and re.match(r"(?:were|was|had|have)\s+(?:been\s+)?[a-z]+\s", text[0]):
                text = [f"{raw.title} {text[0]}", *text[1:]]  # "Apologies:" / "were received ..."
            found, _ = parse_sections(text)
            if not found and text and _BARE_PRESENT.match(raw.title):
                # "1 Present" / "Councillors A (Chair), B & C (Clerk). Also: D" as an item
                found, _ = parse_sections([f"Present: {' '.join(text[:3])}"])
            if not found and text and _BARE_APOLOGIES.match(raw.title):
                # under an "APOLOGIES" heading, "Mr G Hurst - work commitments." is one
                found, _ = parse_sections(["Apologies:", *text])
            people += found
            people += apologies_from_sentences(text)
    return mayors_preside(dedupe(with_substitutes_from_apologies(people)))


def _kind(
    style: str,
    lines: list[str],
    preamble: list[str],
    raws: list[RawItem],
    attendance: list[ParsedAttendee],
    labelled: bool,
) -> DocumentKind:
    page = page_kind(lines) if style == "moderngov" else None
    if page == "agenda":
        return "agenda"
    has_minutes = any(raw.minutes for raw in raws) and style == "moderngov"
    decided = any(find_decisions(raw.minutes) for raw in raws)
    if style == "moderngov" and not labelled and not decided:
        return "agenda"  # "Agenda and decisions" over items that have no outcome yet
    attended = any(p.status in {"present", "apologies"} for p in attendance)
    head = "\n".join(line for line in preamble[:40] if line)
    if style == "moderngov":
        return "minutes" if page == "minutes" or has_minutes or decided else "agenda"
    if (
        _AGENDA_HEADER.search(head)
        and (not attended or (_NOTICE.search(head) and not decided))
        and not re.search(r"\bminutes\b|\bwas\s+held\b", head, re.IGNORECASE)
    ):
        return "agenda"
    if decided or attended or _MINUTES_HEADER.search(head):
        return "minutes"
    return "agenda"


def _decisions(raw: RawItem) -> list[ParsedDecision]:
    found = find_decisions(raw.decisions) if raw.decisions else []
    if raw.decisions and not found:
        text = " ".join(" ".join(raw.decisions).split())
        if not _NOT_A_DECISION.match(text):
            found = [ParsedDecision(text=text, kind=kind_of(text))]
    seen = {d.text for d in found}
    for decision in find_decisions(raw.minutes):
        if decision.text not in seen and not any(decision.text in s for s in seen):
            found.append(decision)
            seen.add(decision.text)
    return found


def _deferred_to(
    decisions: list[ParsedDecision], meeting_date: dt.date, next_date: dt.date | None
) -> dt.date | None:
    for decision in decisions:
        if decision.kind != "deferred":
            continue
        later = [d.date for d in find_dates(decision.text) if d.date > meeting_date]
        if later:
            return later[0]
        if _NEXT_MEETING.search(decision.text):
            return next_date
    return None


def _next_meeting(raws: list[RawItem], meeting_date: dt.date) -> ParsedNextMeeting | None:
    """The "date of next meeting" item, or a sentence saying when the next meeting is."""
    for raw in raws:
        if _NEXT_MEETING.search(raw.title) or _FUTURE_MEETINGS.search(raw.title):
            for text in (raw.title, *raw.minutes, *raw.agenda):
                found = _date_and_time(text, meeting_date)
                if found is not None:
                    return found
    for raw in raws:
        for paragraph in raw.minutes:
            for sentence in sentences(paragraph):
                if (
                    _NEXT_MEETING_LINE.match(sentence)
                    or (
                        _NEXT_MEETING.search(sentence)
                        and re.search(
                            r"\b(?:held|take\s+place|scheduled|arranged|will\s+be|is\s+on|be\s+on)\b",
                            sentence,
                            re.IGNORECASE,
                        )
                    )
                ) and not re.search(r"\bdefer", sentence, re.IGNORECASE):
                    found = _date_and_time(sentence, meeting_date)
                    if found is not None:
                        return found
    return None


def _date_and_time(text: str, meeting_date: dt.date) -> ParsedNextMeeting | None:
    for match in find_dates(text):
        if match.date > meeting_date:
            return ParsedNextMeeting(match.date, find_time(text[match.end : match.end + 40]))
    return None


def _declarations(paragraphs: list[str], raws: list[RawItem]) -> str | None:
    texts: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if _DECLARATIONS.match(paragraph):
            rest = paragraph[_DECLARATIONS.match(paragraph).end() :].strip(" :-–")  # type: ignore[union-attr]
            if rest:
                texts.append(rest)
            elif index + 1 < len(paragraphs):
                texts.append(paragraphs[index + 1])
    for raw in raws:
        # "DATGAN BUDDIANNAU / DECLARATIONS OF INTEREST": the English half of a bilingual title
        if _DECLARATIONS.match(raw.title.rpartition(" / ")[2]) and raw.minutes:
            # "Declarations of interest: Councillor A declared ..." repeats the heading as a label.
            texts.extend(
                re.sub(
                    r"^(?:declarations?|disclosures?)\s+of\s+(?:[\w\-]+\s+){0,4}?interests?\s*[:\-–]\s*",
                    "",
                    text,
                    flags=re.IGNORECASE,
                )
                or text
                for text in raw.minutes
            )
    if not texts:
        return None
    joined = " ".join(texts)
    if _NO_DECLARATIONS.search(joined) and not re.search(
        r"\bdeclared\s+an?\s+\w+\s+interest|\bdeclared\s+(?:that|his|her|their)\b", joined, re.I
    ):
        return "none"
    return joined


def _folded(text: str) -> str:
    return " ".join(text.split()).rstrip(".").casefold()


# "(a) Schools Block Funding Formula": a lettered sub-heading, not the item's opening sentence.
_SUB_HEADING = re.compile(r"^\(?[a-z]{1,3}[.)]\s+[^.]{2,100}$")


def _minutes_presenters(minutes: list[str]) -> tuple[str, ...]:
    """Presenters named in the minutes' opening sentence, or in the opening of each lettered
    part ("(a) Schools Block Funding Formula" / "Peter Farrant presented ...")."""
    headed = [_SUB_HEADING.match(para) is not None for para in minutes]
    openings = [
        para
        for index, para in enumerate(minutes)
        if not headed[index] and (index == 0 or headed[index - 1])
    ]
    names = [name for para in openings for name in presenters(para)]
    return tuple(dict.fromkeys(names))
