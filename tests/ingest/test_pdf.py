"""PDFs: a real text layer is read (wrapped lines rejoined); a scan is refused."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from ingest import DocumentError, parse_document
from tests.ingest.conftest import EXAMPLES
from tests.ingest.pdfmaker import make_pdf


def wrapped_lines(name: str, width: int = 80) -> list[str]:
    lines: list[str] = []
    for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines():
        lines += textwrap.wrap(line, width) or [""]
    return lines


def test_pdf_minutes_read_like_the_text_they_were_made_from() -> None:
    name = "northmoor-cpb-2026-03-11-minutes.txt"
    from_pdf = parse_document(make_pdf(wrapped_lines(name), per_page=24), name="minutes.pdf")
    from_text = parse_document(EXAMPLES / name)
    assert from_pdf.format == "pdf"
    assert (from_pdf.date, from_pdf.time) == (dt.date(2026, 3, 11), dt.time(14, 0))
    assert [i.title for i in from_pdf.items] == [i.title for i in from_text.items]
    assert [d.text for i in from_pdf.items for d in i.decisions] == [
        d.text for i in from_text.items for d in i.decisions
    ]
    assert [p.as_printed for p in from_pdf.attendance] == [
        p.as_printed for p in from_text.attendance
    ]
    assert [(a.item_ref, a.due) for a in from_pdf.actions] == [
        (a.item_ref, a.due) for a in from_text.actions
    ]


def test_a_pdf_without_a_text_layer_is_refused() -> None:
    with pytest.raises(DocumentError, match="no text layer"):
        parse_document(make_pdf(["x"] * 3, text=False), name="scan.pdf")


def test_a_corrupt_pdf_is_refused() -> None:
    with pytest.raises(DocumentError, match="PDF"):
        parse_document(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", name="broken.pdf")
