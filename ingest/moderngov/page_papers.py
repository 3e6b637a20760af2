"""The papers a meeting's public page links under each item, for sites without the web service.

ModernGov's "Agenda and minutes" page (``ieListDocuments.aspx``) lists each item's
documents as links (``mgConvert2PDF.aspx?ID=…`` or ``documents/s…/….pdf``) in the item's
row. A restricted one is printed as "Restricted enclosure" with a link to why, never to
the document; an item the page reader judged exempt, or whose row says it is restricted,
has its papers listed as restricted, so they are never fetched.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import urljoin

from ingest.parsers.item_numbers import number_only
from ingest.parsers.lines import normalise_line
from ingest.parsers.papers import paper_kind
from ingest.parsers.titles import clean_title
from ingest.readers.html_text import parse_html
from ingest.readers.moderngov_page import item_table
from storage.papers.records import ListedPaper

_DOCUMENT = re.compile(r"mgConvert2PDF\.aspx|(^|/)documents/|\.pdf($|[?#])", re.I)
_RESTRICTED = re.compile(r"\brestricted\b|\bexempt\s+information\b", re.I)
_LINK_TITLE = re.compile(r"^link\s+to\s+document\s+['‘](?P<title>.+)['’]", re.I)
_SIZE = re.compile(r"\s*(pdf\s+icon\s*)?(pdf|docx?)\s*[\d.]+\s*[km]b\s*$", re.I)


def page_papers(page: str, base: str, exempt: Collection[str] = ()) -> list[ListedPaper]:
    """Each item's linked documents, in page order; ``exempt``: titles of exempt items."""
    table = item_table(parse_html(page))
    if table is None:
        return []
    folded_exempt = {_fold(title) for title in exempt}
    found: list[ListedPaper] = []
    position = 0
    for row in table.css("tr"):
        heading = row.css_first(".mgAiTitleTxt")
        if heading is None or row.css_first("th") is not None:
            continue
        number_cell = row.css_first(".mgItemNumberCell")
        number = number_only(normalise_line(number_cell.text(deep=True))) if number_cell else None
        title = ""
        for node in row.css(".mgAiTitleTxt"):
            text = clean_title(normalise_line(node.text(deep=True)))
            if text and not number_only(text):
                title = text
                break
        if not title:
            continue
        restricted = _fold(title) in folded_exempt or bool(
            _RESTRICTED.search(normalise_line(row.text(deep=True)))
        )
        for link in row.css("a[href]"):
            href = link.attributes.get("href") or ""
            text = normalise_line(link.text(deep=True))
            if not _DOCUMENT.search(href) or _RESTRICTED.search(text):
                continue
            named = _LINK_TITLE.match(link.attributes.get("title") or "")
            document = named["title"] if named else _SIZE.sub("", text).strip()
            found.append(
                ListedPaper(
                    item_key=number or title[:60],
                    item_number=number,
                    item_title=title,
                    position=position,
                    title=document or "Report",
                    url=urljoin(base, href),
                    kind=paper_kind(document),
                    restricted=restricted,
                )
            )
        position += 1
    return found


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
