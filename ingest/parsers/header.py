"""The top of a document: which board, when, where, and whom to contact."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.parsers.dates import find_dates, find_time, parse_date_fallback
from ingest.parsers.titles import board_from_title, clean_title, mentions_body, smart_title

_LABEL = re.compile(
    r"^(?P<label>venue|location|place|meeting\s+(?:place|venue|location)|where|"
    r"contact(?:\s+officer)?|contact\s+details|clerk|democratic\s+services\s+officer|"
    r"enquiries(?:\s+to)?|"
    r"date(?:\s+and\s+time)?|date\s+of\s+meeting|meeting\s+date|time|start\s+time|when)"
    r"\s*[:\-–]\s*\|?\s*(?P<value>.*)$",  # "Place: | Council Chamber": a label table's row
    re.IGNORECASE,
)
_EXCLUDED_DATE_LINE = re.compile(
    r"\b(?:published|publication|printed|issued|issue\s+date|dispatch|despatch|circulated|"
    r"updated|version|deadline|call[-\s]in|expiry|copyright|next\s+meeting|previous\s+meeting|"
    r"last\s+meeting|date\s+of\s+(?:this\s+)?(?:notice|agenda|publication))\b|©",
    re.IGNORECASE,
)
# "The minutes of the meeting held on 8 July were agreed": another meeting's date.
_OTHER_MEETING = re.compile(
    r"^the\s+minutes?\s+of\b|\bto\s+(?:confirm|approve|agree|receive|note|sign)\b.{0,30}\bminutes?\b|\b(?:were|was|be)\s+(?:\w+\s+)?(?:agreed|approved|confirmed|signed|"
    r"accepted|received)\b",
    re.IGNORECASE,
)
_HELD_ON = re.compile(r"\b(?:held|meeting|convened|took\s+place)\b", re.IGNORECASE)
_HELD = re.compile(
    r"(?:^|\s+)(?:which\s+)?(?:was\s+|to\s+be\s+|will\s+be\s+)?held\b", re.IGNORECASE
)
_ON_DAY = re.compile(r"^(?:on\s+)?(?:\w+day,?\s+)?(?:the\s+)?$", re.IGNORECASE)
_HELD_LINE = re.compile(r"^(?:which\s+was\s+)?held\s+(?:at|in|on)\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_HELD_AT = re.compile(
    r"\bheld\s+(?:(?:virtually|remotely|online)\s+|as\s+an?\s+(?:hybrid|virtual|remote|online)\s+"
    r"meeting\s+)?(?:at|in|via|by)\s+(?P<venue>[^.;]{3,100}?)\s*,?\s+on"
    r"(?:\s+(?:\w+day,?\s+)?(?:the\s+)?\d|\s*$)",
    re.IGNORECASE,
)
# "... held on Tuesday 5 March 2024 at 10.00 am in the Council Chamber, Westfold House"
_AT_AFTER_TIME = re.compile(
    r"\b\d{1,2}(?:[.:]\d\d)?\s?(?:[ap]\.?\s?m\b\.?|noon|midday)\s*"
    r"(?:,\s*(?:at\s+|in\s+)?|\s+(?:at|in|by|via)\s+)"
    r"(?P<venue>[A-Z'][^;]{2,100}?)\s*\.?$",
    re.IGNORECASE,
)
# An online venue leading the title line, before the council or board it names.
_ONLINE_FIRST = re.compile(
    r"^(?P<venue>[^,]{0,20}\b(?:(?:ms|microsoft)\s+teams|teams\s+(?:meeting|event|live)|zoom|"
    r"webex|skype|(?:virtual|remote|online)\s+"
    r"(?:meeting|event|session))\b[^,]{0,30}),\s+"
    r"[^,]*\b(?:council|board|committee|panel|forum|authority)\b",
    re.IGNORECASE,
)
# "... held in Open Session at 9.30 am on Thursday 5 February 2026 in the Boardroom"
_TIME_BEFORE_DATE = re.compile(
    r"\bat\s+\d{1,2}(?:[.:]\d\d)?\s?(?:[ap]\.?\s?m\b\.?|noon)\s+on\s+(?:\w+day,?\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "Tuesday 12 May 2026, 13:30–15:00, Room 4, Hartsfield Civic Offices"
_AFTER_24H = re.compile(
    r"\b\d{1,2}:\d\d(?:\s*[–-]\s*\d{1,2}:\d\d)?\s*,\s*(?P<venue>[A-Z][^;]{2,100}?)\s*\.?$"
)
_AFTER_DATE = re.compile(
    r"\b(?:19|20)\d\d\s*,?\s+(?:at|in)\s+(?P<venue>(?:the\s+)?[A-Z][^;]{2,100}?)\s*\.?$"
)
# "Meeting: Fostering and Adoption Panel" on a notice of meeting.
_MEETING_LABEL = re.compile(
    r"^(?:meeting|name\s+of\s+meeting|committee)\s*:\s*\|?\s*", re.IGNORECASE
)
_AT_TIME_LINE = re.compile(r"^(?:at|from|commencing\s+at)\s+\d", re.IGNORECASE)
_GENERIC_COUNCIL = re.compile(
    r"^(?:the\s+)?(?:(?:parish|town|community|city|county|district|borough)\s+)?council$"
    r"|^(?:the\s+)?(?:board|committee|panel|forum|(?:fire\s+(?:and\s+rescue\s+)?)?authority)$",
    re.I,
)
_MEETING_OF = re.compile(
    r"\b(?i:meeting|minutes?)\s+(?i:of)\s+(?i:the\s+|an?\s+)?(?P<board>(?!(?i:(?:ordinary|special|annual|extraordinary|monthly|full|statutory)\s+)?(?i:meeting)\b)[A-Z][\w'&,\- ]{2,80}?)\s+"
    r"(?:was\s+held|held|which\s+was\s+held|to\s+be\s+held|on\b|at\b)",
)
_PAGE_NOISE = re.compile(
    r"^(?:agenda(?:\s+and\s+(?:minutes|decisions))?|minutes|decisions|public\s+document\s+pack|"
    r"notice\s+of\s+(?:the\s+)?meeting|summons|draft|confirmed|unconfirmed|part\s+[a1]|public)"
    r"\.?$",
    re.IGNORECASE,
)
_CONTACT_CUT = re.compile(
    r"\s*(?:[,;(]|\s(?:tel|telephone|phone|email|e-mail|mob|mobile)\b\.?:?|\s[te]:|\s\+?\d|\S+@)",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\b(?:rooms?|chamber|hall|centre|center|offices|house|suite|library|civic|microsoft\s+teams|"
    r"boardroom|headquarters|"
    r"ms\s+teams|zoom|virtual\s+meeting|online|remote)\b",
    re.IGNORECASE,
)
_VENUE_CUT = re.compile(r"\s*(?:view\s+directions|directions|map)\s*\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class Header:
    date: dt.date | None
    time: dt.time | None
    date_line: int | None
    title_as_printed: str | None
    board_name: str | None
    venue: str | None
    contact: str | None


# The header last read from its own lines: a document's header is read twice (to find where
# the items start, then from the preamble so found), most often from the same lines.
_last_read: tuple[tuple[str, ...], Header | None] = ((), None)


def read_header(lines: list[str], end: int) -> Header:
    """Read the header from ``lines[:end]`` (the part before the first item)."""
    global _last_read
    region = lines[:end]
    key, last = tuple(region), _last_read  # one read: another thread may read meanwhile
    if last[1] is not None and key == last[0]:
        return last[1]
    found = _meeting_date(region)
    header = _header(lines, region, found)
    if found is not None:  # else the date came from the rest of ``lines``: not region's alone
        _last_read = (key, header)
    return header


def _header(
    lines: list[str], region: list[str], found: tuple[dt.date, dt.time | None, int] | None
) -> Header:
    if found is None:
        found = _meeting_date_anywhere(lines)
    date = time = None
    date_line: int | None = None
    if found is not None:
        date, time, date_line = found
    title = _title(region, date_line)
    board = board_from_title(title) if title else None
    if board is None or re.search(r"\b(?:council|authority)$", board, re.IGNORECASE):
        board = _board_from_sentence(region) or board
    if board is None or _GENERIC_COUNCIL.match(board):
        # "the Parish Council" in the date sentence (or no body named at all): the council's
        # own name heads the page.
        named = _named_council(region[:12], board or "council")
        if named is not None:
            title, board = named, smart_title(named) if named.isupper() else named
    if board is None:
        # "Notes of meeting: ..." names nobody; the page's first lines name the board
        board = next((b for line in region[:4] if line and (b := board_from_title(line))), None)
    return Header(
        date=date,
        time=time,
        date_line=date_line,
        title_as_printed=title,
        board_name=board,
        venue=_venue(region),
        contact=find_contact(region),
    )


def _meeting_date(region: list[str]) -> tuple[dt.date, dt.time | None, int] | None:
    best: tuple[int, int, dt.date, int] | None = None
    for index, line in enumerate(region):
        if not line or _EXCLUDED_DATE_LINE.search(line) or _OTHER_MEETING.search(line):
            continue
        dates = find_dates(line)
        label = _LABEL.match(line)
        if not dates and not label and index + 1 < len(region) and _HELD_ON.search(line):
            spanning = _spanning_date(line, region[index + 1])
            if spanning is not None:
                rank = (0, index + 1, spanning[0], spanning[1])
                best = rank if best is None or rank < best else best
                continue
        if not dates and label and label.group("label").lower().startswith("date"):
            parsed = parse_date_fallback(label.group("value"))
            if parsed is not None:
                rank = (0, index, parsed, len(line))
                best = rank if best is None or rank < best else best
            continue
        if not dates:
            continue
        match = dates[0]
        if (
            (label and label.group("label").lower().startswith(("date", "when", "meeting date")))
            or _HELD_ON.search(line[: match.start])
            or (index and _HELD_ON.search(region[index - 1]) and _ON_DAY.match(line[: match.start]))
        ):
            score = 0  # "... to be held at the Village Hall" / "on Wednesday 5 November 2025"
        elif _WEEKDAY.search(line[max(0, match.start - 12) : match.end]):
            score = 1
        else:
            score = 2
        rank = (score, index, match.date, match.end)
        if best is None or rank < best:
            best = rank
    if best is None:
        return None
    _score, index, date, end = best
    return date, _time_near(region, index, end), index


def _spanning_date(line: str, following: str) -> tuple[dt.date, int] | None:
    """A date wrapped across two lines ("held on Monday, 6 November" / "2023 at 2.00 pm"):
    the date and where it ends on the second line."""
    dates = [d for d in find_dates(f"{line} {following}") if d.start < len(line) < d.end]
    return (dates[0].date, dates[0].end - len(line) - 1) if dates else None


def _meeting_date_anywhere(lines: list[str]) -> tuple[dt.date, dt.time | None, int] | None:
    for index, line in enumerate(lines):
        if re.search(r"\b(?:meeting|minutes)\b.{0,80}\bheld\b", line, re.IGNORECASE) and not (
            _EXCLUDED_DATE_LINE.search(line)
        ):
            dates = find_dates(line)
            if dates:
                return dates[0].date, _time_near(lines, index, dates[0].end), index
    return None


def _time_near(lines: list[str], index: int, end: int) -> dt.time | None:
    line = lines[index]
    time = find_time(line[end:])
    if time is not None:
        return time
    before = line[: max(0, end - 1)]
    dates = find_dates(line)
    head = line[: dates[0].start] if dates else ""
    if len(before) < 60 or _TIME_BEFORE_DATE.search(head):
        time = find_time(head) if re.search(r"\d\s*(?:[ap]\.?m|:)", head, re.I) else None
        if time is not None:
            return time
    for later in lines[index + 1 : index + 4]:
        if not later:
            continue
        label = _LABEL.match(later)
        if label and label.group("label").lower() in {"time", "start time"}:
            return find_time(label.group("value"))
        if re.match(
            r"^(?:at\s+|commencing\s+(?:at\s+)?|starting\s+(?:at\s+)?)?\d{1,2}(?:[.:]\d\d)?\s*(?:[ap]\.?\s?m|noon|$|\s*[-–])",
            later,
            re.I,
        ):
            return find_time(later)
    for other in lines[: index + 12]:
        label = _LABEL.match(other)
        if label and label.group("label").lower() in {"time", "start time"}:
            return find_time(label.group("value"))
    return None


def _title(region: list[str], date_line: int | None) -> str | None:
    """The meeting's title as printed: the line with the date, else the board's own line."""
    sentence_title: str | None = None
    if date_line is not None:
        line = region[date_line] if date_line < len(region) else ""
        dates = find_dates(line)
        if dates and not _LABEL.match(line):
            prefix = line[: dates[0].start]
            held = _HELD.search(prefix)
            if held:
                prefix = prefix[: held.start()]
            prefix = clean_title(prefix).rstrip(" -–,:")
            prefix = re.sub(r"\s*[-–,]?\s*(?:on)?\s*$", "", prefix).strip(" -–,")
            after_held = date_line > 0 and re.search(
                r"\bheld(?:\s+(?:in|at))?$", region[date_line - 1]
            )
            if prefix and mentions_body(prefix) and not _HELD_LINE.match(prefix) and not after_held:
                if held is None:
                    return prefix
                sentence_title = prefix
    candidates: list[str] = []
    sentences: list[str] = []
    for line in region[: (date_line if date_line is not None else len(region)) + 1][:25]:
        text = _MEETING_LABEL.sub("", clean_title(line))
        if not text or _PAGE_NOISE.match(text) or _LABEL.match(text):
            continue
        if len(text) > 120 or (text.endswith(".") and len(text.split()) > 6):
            continue
        if _HELD_LINE.match(text):
            continue  # "held in the Council Chamber ...": the title's second line, a place
        held = _HELD.search(text)
        if held is not None and not find_dates(text):
            # "MINUTE of MEETING of the X COMMITTEE held in the Council" wrapped before its date.
            sentences.append(text[: held.start()])
        elif mentions_body(text):
            candidates.append(text)
    preferred = [
        c
        for c in candidates
        if board_from_title(c) and not re.search(r"\b(?:council|authority)$", c, re.I)
    ] or [c for c in sentences if mentions_body(c)]
    # The board's own line sits just above the date; menus and the council's name come first.
    ordered = preferred[-1:] or ([sentence_title] if sentence_title else candidates[:1])
    if not ordered:
        return None
    chosen = ordered[0]
    dates = find_dates(chosen)
    if dates:
        chosen = re.sub(r"\s*[-–,]?\s*(?:held\s+)?(?:on\s+)?$", "", chosen[: dates[0].start]).strip(
            " -–,"
        )
    return chosen or None


def _named_council(region: list[str], generic: str) -> str | None:
    tail = re.sub(r"^the\s+", "", generic, flags=re.IGNORECASE).lower()
    for line in region:
        # "CYNGOR CYMUNED X / X COMMUNITY COUNCIL": the English name
        text = clean_title(line).split(" / ")[-1]
        low = text.lower()
        if (
            low.endswith(tail)
            and len(low) > len(tail) + 2
            and len(text) <= 80
            and not find_dates(text)
            and not re.search(r"\b(?:minutes|meeting|held|of\s+the)\b", low)
        ):
            return text
    return None


def _board_from_sentence(region: list[str]) -> str | None:
    for line in region:
        match = _MEETING_OF.search(line)
        if match:
            board = match.group("board").strip()
            board = re.sub(r"^the\s+", "", board, flags=re.IGNORECASE)
            board = re.sub(
                r"\s+meeting$", "", board, flags=re.IGNORECASE
            )  # "Parish Council Meeting"
            if mentions_body(board):
                return smart_title(board) if board.isupper() else board
    return None


def _venue(region: list[str]) -> str | None:
    for index, line in enumerate(region):
        label = _LABEL.match(line)
        if label and label.group("label").lower().split()[-1] in {
            "venue",
            "location",
            "place",
            "where",
        }:
            value = label.group("value").rstrip()
            following = region[index + 1] if index + 1 < len(region) else ""
            if _venue_continues(value, following):
                value = f"{value} {following}"
            value = _VENUE_CUT.sub("", value).strip(" .,")
            return value or None
    # A sentence wrapped across lines: each line read with the one after it.
    nexts = [*region[1:], ""]
    pairs = [f"{line} {nexts[index]}" for index, line in enumerate(region)]
    for line in pairs:
        held = _HELD_AT.search(line)
        if held:
            return _tidy_venue(held.group("venue"))
    for index, line in enumerate(region):
        if (
            # "Thursday 29 January 2026, 3.00 pm, Room 1.02, ..." is the meeting's own line
            (
                _HELD_ON.search(f"{region[index - 1] if index else ''} {line}")
                or _WEEKDAY.match(re.sub(r"^[A-Za-z ]{2,20}:\s*", "", line))  # "Minutes: Sat..."
            )
            and not _EXCLUDED_DATE_LINE.search(line)
            and find_dates(line)
        ):
            following = nexts[index]
            after = (
                _AT_AFTER_TIME.search(line)
                or _AFTER_DATE.search(line)
                or _AFTER_24H.search(line)
                or (
                    # "... HELD ON TUESDAY 9TH SEPTEMBER 2025" / "AT 7.30PM IN BRAYFORD MEMORIAL HALL"
                    _AT_AFTER_TIME.search(following) if _AT_TIME_LINE.match(following) else None
                )
            )
            if after and not find_dates(after.group("venue")):
                return _tidy_venue(after.group("venue"))
    for line in region[:30]:
        # "MS Teams Event/Virtual, Eastwold District Council - Corporate Parenting Board"
        online = _ONLINE_FIRST.match(line)
        if online and not find_dates(online.group("venue")):
            return online.group("venue").strip()
        if (
            _PLACE.search(line)
            and len(line) <= 100
            and not find_dates(line)
            and not _LABEL.match(line)
            and not line.endswith(".")
            and not re.search(r"\b(?:held|minutes|meeting)\b(?!\s+rooms?)", line, re.IGNORECASE)
            and not re.search(r"\b(?:board|committee|panel|council)\s*$", line, re.IGNORECASE)
        ):
            # a line of its own keeps its "The" as printed ("The Assembly Rooms, ...")
            return line.strip(" ,.") if line.startswith("The ") else _tidy_venue(line)
    return None


def _venue_continues(value: str, following: str) -> bool:
    """A labelled venue wrapped onto the next line (often in a PDF's right-hand column):
    "Venue: Committee Room 2, Town Hall," / "Market Street, Greywater"."""
    return (
        bool(value and following)
        and not value.endswith(".")
        and not _LABEL.match(following)
        and not find_dates(following)
        and len(following) <= 80
        and not re.match(r"(?i:councillors?|cllrs?|mrs?|ms|dr)\b", following)
        and (value.endswith(",") or bool(_PLACE.search(following)))
    )


def _tidy_venue(venue: str) -> str:
    """ "(in) the Council Chamber, X" → "Council Chamber, X"; of "Welsh / English", the English."""
    venue = re.sub(r",?\s+(?:commencing|starting|beginning)\b.*$", "", venue, flags=re.I)
    venue = venue.strip(" ,.")
    if " / " in venue:
        parts = [part.strip() for part in venue.split(" / ")]
        venue = next((part for part in reversed(parts) if _PLACE.search(part)), parts[-1])
    return re.sub(r"^(?:(?i:at|in)\s+)?(?:(?i:the)\s+)?(?=[A-Z])", "", venue)


def find_contact(region: list[str]) -> str | None:
    """The clerk named on a "Contact:" line."""
    for line in region:
        # Each such label opens with one of these letters: a document's every line is read.
        label = _LABEL.match(line) if line[:1] in "CcDdEe" else None
        if label and label.group("label").lower().startswith(
            ("contact", "clerk", "democratic", "enquiries")
        ):
            value = _CONTACT_CUT.split(label.group("value"), maxsplit=1)[0].strip(" .,:")
            return value or None
    return None
