"""``boardclerk import --pack``: a local agenda pack PDF, its agenda as the meeting's items
and each item's report pages as that item's papers, in one transaction.

The pages are read one at a time off the file (``ingest.readers.pack_pages``) and only
their text is held, so a 900-page pack stays well under 300 MB (see
``benchmarks/bench_pack_import.py``). The pack is split by its contents page, its
item stamps or its titles (``ingest.parsers.packs``); the agenda pages before the first
item's papers are read by the same parser as any agenda. Papers of exempt items are
kept as restricted: quoted only to the board's members, in a direct message.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ingest.parsers.packs import PackItem, split_pack, without_page_ref
from ingest.parsers.parse import parse_document
from ingest.readers.pack_pages import file_sha256, page_texts
from ingest.readers.paper_pages import PaperError
from storage.db import transaction
from storage.meetings import meeting_on
from storage.papers.packs import PackPaper, record_pack
from storage.parsed import ParsedDocument, ParsedItem
from storage.parsed_errors import DocumentError
from storage.persist import ImportSummary, import_document
from storage.queries import find_board

PACK_TITLE = "Agenda pack"


@dataclass
class PackResult:
    """What importing one pack did: the agenda's summary, and the items given papers."""

    summary: ImportSummary
    papers: int = 0
    pages: int = 0
    split_by: str = ""

    @property
    def ok(self) -> bool:
        return self.summary.ok


def import_pack(
    factory: sessionmaker[Session],
    path: Path,
    now: dt.datetime,
    *,
    board: str | None = None,
    url: str | None = None,
) -> PackResult:
    """Import one pack; a pack that cannot be read or split changes nothing."""
    name = str(path)
    try:
        if not path.is_file():
            raise DocumentError("no such file")
        pages = list(page_texts(path))
        if not any(page.strip() for page in pages):
            raise DocumentError("the PDF has no text layer (a scan?): nothing to read")
        split = split_pack(pages)
        if not split.items:
            raise DocumentError(
                "no items found in the pack: no contents page with page numbers, no "
                "'Agenda Item' stamps and no agenda titles atop later pages"
            )
        parsed = _agenda(pages[: max(1, split.agenda_pages)])
        digest = file_sha256(path)
        papers = _papers(split.items, parsed.items, pages)
        with transaction(factory) as session:
            summary = import_document(
                session, parsed, board_name_override=board, path=name, content_hash=digest
            )
            if summary.unchanged:
                return PackResult(summary, split_by=split.by)
            found = find_board(session, summary.board or "")
            meeting = meeting_on(session, [found.id], parsed.date) if found else None
            if meeting is None:
                raise DocumentError("the pack's meeting could not be found after import")
            where = url or path.resolve().as_uri()
            kept = record_pack(session, meeting.id, where, PACK_TITLE, papers, digest, now)
        return PackResult(summary, len(papers), kept, split.by)
    except (DocumentError, PaperError, OSError) as exc:
        return PackResult(ImportSummary(path=name, error=str(exc)))
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        return PackResult(ImportSummary(path=name, error=f"database error: {first[0]}"))


def _agenda(front: list[str]) -> ParsedDocument:
    """The agenda pages read as any agenda, page references taken off the contents lines."""
    text = "\x0c".join("\n".join(without_page_ref(line) for line in p.splitlines()) for p in front)
    parsed = parse_document(text.encode("utf-8"), name="agenda.txt")
    return dataclasses.replace(parsed, kind="agenda")


def _number(value: str | None) -> str:
    return (value or "").strip().rstrip(".").casefold()


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _papers(
    split: tuple[PackItem, ...], agenda: tuple[ParsedItem, ...] | list[ParsedItem], pages: list[str]
) -> list[PackPaper]:
    """Each split item's pages, named as the agenda names the item where it can be matched."""
    found: list[PackPaper] = []
    keys: set[str] = set()
    for position, item in enumerate(split):
        match = next(
            (a for a in agenda if item.number and _number(a.number) == _number(item.number)),
            None,
        ) or next((a for a in agenda if _fold(a.title) == _fold(item.title)), None)
        number = match.number if match else item.number
        title = match.title if match else item.title
        key = (number or title)[:60]
        if key in keys:
            continue
        keys.add(key)
        found.append(
            PackPaper(
                item_key=key,
                item_number=number,
                item_title=title,
                position=position,
                first_page=item.first_page,
                pages=pages[item.first_page - 1 : item.last_page],
                restricted=bool(match and match.exempt),
            )
        )
    return found
