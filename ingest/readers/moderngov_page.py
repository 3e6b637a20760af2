"""ModernGov "Agenda and minutes" pages, saved as HTML or copied as text.

Each item carries an agenda blurb and, once the meeting is held, its
"Minutes:" text; the two are kept apart. The page may cut the minutes short
("... view the full minutes text for item 22/7"): the item is then marked
truncated, takes its number from that link, and nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ingest.parsers.decisions import is_decision
from ingest.parsers.headings import TERMINAL, plain_heading
from ingest.parsers.item_numbers import number_only
from ingest.parsers.items import RawItem, Segmented
from ingest.parsers.lines import normalise_line
from ingest.parsers.prefilter import folded
from ingest.parsers.titles import clean_title, is_standard_title, title_like
from ingest.readers.html_text import chrome_ids, contains, content_root, html_lines

MARKERS = re.compile(
    r"view\s+the\s+full\s+minutes\s+text\s+for\s+item|pdf\s+icon\s+pdf|^agenda\s+and\s+"
    r"(?:minutes|decisions)$|^no\.?\s*\|?\s*item$|view\s+the\s+(?:background|decision)\s+"
    r"(?:to|for)\s+item",
    re.IGNORECASE | re.MULTILINE,
)
_TRAILER = re.compile(
    r"\s*(?:\.{3}|…)?\s*view\s+the\s+(?P<what>full\s+minutes\s+text|background|decision)\s+"
    r"(?:to|for)\s+item\s+(?P<num>[\w/.]+?)\.?\s*$",
    re.IGNORECASE,
)
_PDF_IN_TITLE = re.compile(r"\bpdf\s+icon\b|\bPDF\s*[\d.]+\s*[KM]B\s*$", re.IGNORECASE)
_SUBLABEL = re.compile(
    r"^(?P<label>minutes|decision|decisions|additional\s+documents|supporting\s+documents|"
    r"documents|attachments|background\s+papers|media|webcast|link|report\s+author|"
    r"lead\s+officer|wards?\s+affected)\s*:?$",
    re.IGNORECASE,
)
_HEADER_NOISE = re.compile(
    r"^(?:no\.?\s*\|?\s*item|no\.|item|items|media|link|watch\s+the\s+webcast.*|"
    r"webcast\s+for.*|agenda\s+and\s+(?:minutes|decisions)|agenda|minutes|decisions|"
    r"printed\s+minutes.*|printed\s+(?:decisions|agenda).*|.*\(pdf,?\s*[\d.]+\s*[km]b\)|"
    r"agenda\s+reports\s+pack.*|public\s+reports\s+pack.*)$",
    re.IGNORECASE,
)
_AGENDA_VOICE = re.compile(
    r"^(?:to\s+(?:receive|consider|note|approve|agree|confirm|discuss|review|endorse|update)\b|"
    r"the\s+(?:board|committee|panel)\s+(?:is|are|will\s+be)\s+(?:asked|requested|invited)\b|"
    r"report\s+of\b|presented\s+by\b|purpose\b)|\bwill\s+(?:present|provide|update|attend|be\s+in\s+"
    r"attendance|give|introduce|deliver|report)\b",
    re.IGNORECASE,
)
# A listed attachment ("• Appendix 1 - Draft Strategy, item 44 pdf icon PDF 1 MB",
# "Appendix A - Draft Plan pdf icon PDF 1 MB"), never an item.
_ATTACHMENT = re.compile(
    r"^(?:[•·▪◦*-]\s*|(?:appendix|appendices|annexe?|enclosure|attachment)\b|"
    r".*,\s*item\s+[\w/.()]+\s+pdf\b)",
    re.IGNORECASE,
)
# "Report author: Head of Commissioning", "Purpose: to consider ...": part of the blurb.
_INLINE_LABEL = re.compile(
    r"^(?:report\s+author|lead\s+officer|contact\s+officer|wards?\s+affected|purpose|"
    r"lead\s+member|cabinet\s+member|decision\s+maker)\s*:\s*\S",
    re.IGNORECASE,
)
_WILL = re.compile(r"\bwill\b", re.IGNORECASE)


def is_moderngov_text(lines: list[str]) -> bool:
    text = "\n".join(lines[:4000])
    return _may_hold_markers(text) and bool(MARKERS.search(text))


_VIEW_THE = re.compile(r"view\s+the")


def _may_hold_markers(text: str) -> bool:
    """Whether ``text`` holds the words ``MARKERS`` needs: a whole page searched with it costs
    about a millisecond, a few substring tests a few microseconds."""
    low = "\n" + folded(text)
    return (
        "pdf" in low
        or ("view" in low and _VIEW_THE.search(low) is not None)
        or "\nagenda" in low
        or ("\nno" in low and "item" in low)
    )


# The page heading a copied ModernGov page starts from; what comes before it is site chrome.
_PAGE_HEADING = re.compile(
    r"^(?:agenda\s+and\s+(?:minutes|decisions)|agenda|minutes|decisions)$", re.I
)
# Site footer links after the last item ("Print this page", "Accessibility statement", "©").
_FOOTER = re.compile(
    r"^(?:print\s+this\s+page|back\s+to\s+top|top\s+of\s+page|accessibility(?:\s+statement)?|"
    r"privacy(?:\s+(?:notice|policy|statement))?|cookies?(?:\s+(?:policy|settings|notice))?|"
    r"terms(?:\s+(?:and|&)\s+conditions|\s+of\s+use)?|site\s*map|contact\s+us|"
    r"follow\s+us\b.*|(?:©|\(c\)|copyright)\b.*|©.*|report\s+a\s+problem|"
    r"was\s+this\s+page\s+(?:useful|helpful)\??|social\s+media|disclaimer|get\s+in\s+touch)$",
    re.IGNORECASE,
)
_CHROME_SCAN = 200


def page_bounds(lines: list[str]) -> tuple[int, int]:
    """Where a copied page starts and ends inside the site chrome around it: the menus,
    breadcrumbs and cookie text before the "Agenda and minutes" heading, and the footer
    links after the last item.

    The top is cut only when every line above the heading is short (menus, not minutes)
    and the heading is followed by the meeting line; the bottom only from a footer link
    on, when everything after it is short.
    """
    start = 0
    for index, line in enumerate(lines[:_CHROME_SCAN]):
        if line and len(line) > 120:
            break
        if index and _PAGE_HEADING.match(line):
            following = [text for text in lines[index + 1 : index + 6] if text][:1]
            if following and (" " in line or _looks_like_meeting_line(following[0])):
                start = index
                break
    end = len(lines)
    for index in range(len(lines) - 1, max(start, len(lines) - 60) - 1, -1):
        line = lines[index]
        if line and len(line) > 80:
            break
        if _FOOTER.match(line):
            end = index
    return start, end


def page_kind(lines: list[str]) -> str | None:
    """ "minutes" or "agenda" from the page heading, when it says."""
    for line in lines[:15]:
        low = line.lower()
        if low in {"agenda and minutes", "minutes", "agenda and decisions", "decisions"}:
            return "minutes"
        if low in {"agenda", "agenda item"}:
            return "agenda"
    return None


@dataclass
class _Para:
    text: str
    gap: int
    line: int


def _paragraphs(lines: list[str]) -> list[_Para]:
    paras: list[_Para] = []
    gap = 0
    for index, line in enumerate(lines):
        if not line:
            gap += 1
            continue
        paras.append(_Para(line, gap, index))
        gap = 0
    return paras


def _header_end(paras: list[_Para]) -> int:
    """Index of the first paragraph after the page header (title, venue, contact, "No. Item")."""
    end = 0
    for index, para in enumerate(paras[:25]):
        low = para.text.lower()
        if re.match(r"^no\.?\s*\|?\s*item$", low):
            return index + 1
        if (
            re.match(r"^(?:venue|contact|location|media|date|time|place)\b.*", low)
            or _HEADER_NOISE.match(para.text)
            or (index == end and _looks_like_meeting_line(para.text))
        ):
            end = index + 1
    return end


def _looks_like_meeting_line(text: str) -> bool:
    return bool(
        re.search(r"\b(?:19|20)\d\d\b", text)
        and re.search(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", text, re.IGNORECASE)
    )


def segment_text(lines: list[str]) -> Segmented:
    """Items of a ModernGov page copied as text: boundaries from layout and page furniture."""
    paras = _paragraphs(lines)
    start = _header_end(paras)
    kind = page_kind(lines)
    threshold = 2 if any(p.gap >= 2 for p in paras[start:]) else 1
    items: list[RawItem] = []
    current: RawItem | None = None
    phase = "title"
    closed = False
    pending_number: str | None = None
    docs_mode = False
    for k in range(start, len(paras)):
        para = paras[k]
        text = para.text
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if _HEADER_NOISE.match(text) and current is None:
            continue
        number = number_only(text)
        if number is not None and (nxt is None or title_like(nxt.text)):
            pending_number = number
            continue
        label = _SUBLABEL.match(text)
        if label and current is not None:
            word = label.group("label").lower()
            docs_mode = word.startswith(
                (
                    "additional",
                    "supporting",
                    "documents",
                    "attachments",
                    "background",
                    "media",
                    "webcast",
                    "link",
                )
            )
            if word == "minutes":
                phase = "minutes"
            elif word.startswith("decision"):
                phase = "decision"
            continue
        if docs_mode:
            if _PDF_IN_TITLE.search(text) and (para.gap < threshold or _ATTACHMENT.match(text)):
                continue
            docs_mode = False
        if (
            current is None
            or pending_number is not None
            or _starts_item(
                para, nxt, paras[k - 1] if k > start else None, current, phase, closed, threshold
            )
        ):
            title, number_in_title = _title_and_number(text)
            current = RawItem(pending_number or number_in_title, title)
            items.append(current)
            pending_number = None
            phase = "title"
            closed = False
            docs_mode = False
            continue
        trailer = _TRAILER.search(text)
        if trailer:
            text = text[: trailer.start()].rstrip()
            if current.number is None:
                current.number = trailer.group("num")
            if trailer.group("what").lower().startswith("full"):
                current.truncated = True
                closed = True
            if not text:
                continue
        if kind == "agenda":
            current.agenda.append(text)
            phase = "agenda"  # the blurb under an unnumbered title; the next title starts an item
            continue
        if phase == "title":
            phase = "agenda" if para.gap < threshold or _AGENDA_VOICE.search(text) else "minutes"
        elif (
            phase == "agenda"
            and para.gap >= threshold
            and not (_WILL.search(text) and not current.minutes and len(text) < 200)
        ):
            phase = "minutes"
        if phase == "agenda":
            current.agenda.append(text)
        elif phase == "decision":
            current.decisions.append(text)
            current.minutes.append(text)
        else:
            current.minutes.append(text)
            if is_decision(text):
                closed = True
    return Segmented(paras[start].line if start < len(paras) else len(lines), items)


def _starts_item(
    para: _Para,
    nxt: _Para | None,
    previous: _Para | None,
    current: RawItem,
    phase: str,
    closed: bool,
    threshold: int,
) -> bool:
    text = para.text
    if _PDF_IN_TITLE.search(text) and len(text) < 200 and not _TRAILER.search(text):
        return True
    number = _title_and_number(text)[1]
    if (
        number is not None
        and current.number is not None
        and _next_in_series(current.number, number)
    ):
        return True  # "2.<tab>Apologies for Absence" right after item 1
    if _INLINE_LABEL.match(text):
        return False
    if not title_like(clean_title(text)) or is_decision(text):
        return False
    if phase == "title" and text != current.title and is_standard_title(text):
        return not text.endswith(".")  # a title with no blurb, then "Apologies and Substitutions"
    if text == current.title and not current.minutes:
        return False
    if (
        phase == "title"
        and para.gap >= 1
        and not text.endswith(TERMINAL)
        and not _AGENDA_VOICE.search(text)
        and plain_heading(text) is not None
    ):
        # bare titles one per paragraph ("No. Item" then titles, no blurbs): a blurb is a
        # sentence, so a heading-like line under a title with nothing yet is the next title
        return True
    if nxt is not None and nxt.text == text and para.gap >= 1:
        return True
    if para.gap < threshold or phase == "title":
        return False
    if previous is not None and previous.text.rstrip().endswith((":", ":-", ";", "; and", "; or")):
        return False  # the next part of a resolution, "(b) an update ... be brought ..."
    if closed:
        return True
    if text.endswith("."):
        return False
    if phase in {"minutes", "decision"} or current.agenda:
        if is_standard_title(text):
            return True
        if nxt is not None and nxt.gap < threshold and _AGENDA_VOICE.search(nxt.text):
            return True
        if nxt is not None and re.match(r"^additional\s+documents", nxt.text, re.IGNORECASE):
            return True
    return False


def _next_in_series(previous: str, number: str) -> bool:
    """ "2" after "1", "22/7" after "22/6": the running number printed before a title."""
    head, _, last = previous.rpartition("/")
    new_head, _, new_last = number.rpartition("/")
    return (
        head == new_head
        and last.isdigit()
        and new_last.isdigit()
        and int(new_last) == int(last) + 1
    )


def _title_and_number(text: str) -> tuple[str, str | None]:
    title = clean_title(text)
    match = re.match(
        r"^(?P<num>[A-Z]{1,6}/\d{1,3}/\d{2,4}|\d{1,3}/\d{1,4}|\d{1,3}\.\d{1,2}|\d{1,3}[a-z]?)[.):]?\s+(?P<rest>\S.*)$",
        title,
    )
    if match and title_like(match.group("rest")):
        return match.group("rest"), match.group("num")
    return title, None


# --- saved HTML pages -------------------------------------------------------------------


def item_table(tree: LexborHTMLParser) -> LexborNode | None:
    return tree.css_first("table.mgItemTable, table#mgItemTable, .mgItemTable")


def segment_html(tree: LexborHTMLParser) -> tuple[list[str], list[RawItem]]:
    """(header lines, items) from a browser-saved ModernGov page's item table."""
    table = item_table(tree)
    root = content_root(tree)
    if table is None or root is None:
        return [], []
    if not contains(root, table):
        root = tree.body or tree.root
        if root is None:
            return [], []
    skip = chrome_ids(root, keep=table) | {table.mem_id}
    header, _ = html_lines(root, skip=frozenset(skip))
    items: list[RawItem] = []
    for row in table.css("tr"):
        item = _row_item(row)
        if item is not None:
            items.append(item)
    return header, items


def _cells(row: LexborNode) -> list[LexborNode]:
    return [child for child in row.iter() if child.tag in {"td", "th"}]


def _row_item(row: LexborNode) -> RawItem | None:
    cells = _cells(row)
    if not cells:
        return None
    number: str | None = None
    content: LexborNode | None = None
    for cell in cells:
        classes = cell.attributes.get("class") or ""
        text = normalise_line(cell.text(deep=True))
        if "mgItemNumberCell" in classes or (
            content is None and number is None and number_only(text)
        ):
            number = number_only(text) or number
        elif (
            content is None
            and cell.css_first(".mgAiTitleTxt, .mgSubItemTitleTxt, p, div") is not None
        ):
            content = cell
    if content is None:
        return None
    title_node = content.css_first(".mgAiTitleTxt")
    if title_node is None:
        return None
    title = clean_title(normalise_line(title_node.text(deep=True)))
    if not title or number_only(title):
        return None
    item = RawItem(number, title)
    title_node.decompose()
    lines, _ = html_lines(content)
    mode = "agenda"
    for line in lines:
        if not line:
            continue
        label = _SUBLABEL.match(line)
        if label:
            word = label.group("label").lower()
            if word == "minutes":
                mode = "minutes"
            elif word.startswith("decision"):
                mode = "decision"
            else:
                mode = "docs"
            continue
        trailer = _TRAILER.search(line)
        if trailer:
            _apply_trailers(item, line)
            line = line[: trailer.start()].rstrip()
            if not line:
                continue
        if mode == "docs" or (_PDF_IN_TITLE.search(line) and len(line) < 160):
            continue
        if mode == "agenda":
            item.agenda.append(line)
        elif mode == "decision":
            item.decisions.append(line)
            item.minutes.append(line)
        else:
            item.minutes.append(line)
    return item


def _apply_trailers(item: RawItem, text: str) -> None:
    for match in re.finditer(
        r"view\s+the\s+(?P<what>full\s+minutes\s+text|background|decision)\s+(?:to|for)\s+item\s+"
        r"(?P<num>[\w/]+(?:\.\w+)?)",
        text,
        re.IGNORECASE,
    ):
        if item.number is None:
            item.number = match.group("num").rstrip(".")
        if match.group("what").lower().startswith("full"):
            item.truncated = True
