"""A report's text page by page, read with pypdfium2 (PDFium).

Chosen by measurement (``benchmarks/bench_pdf_text.py``): on a generated
200-page report PDFium read several times as many pages a second as pypdf and
far more than pdfplumber, close to poppler's ``pdftotext``. Pages are read one
at a time and closed, so a long pack never holds every page's objects at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


class PaperError(ValueError):
    """A paper that cannot be read as a PDF; the message is one line."""


@dataclass(frozen=True)
class PaperText:
    pages: tuple[str, ...]
    sha256: str


def read_paper(data: bytes) -> PaperText:
    import pypdfium2

    digest = hashlib.sha256(data).hexdigest()
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise PaperError(f"not a readable PDF ({exc})") from exc
    pages: list[str] = []
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", ""))
    finally:
        pdf.close()
    return PaperText(tuple(pages), digest)
