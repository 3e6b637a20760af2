"""A long PDF's text a page at a time, read from its file with pypdfium2 (PDFium).

An agenda pack can run to 900 pages: PDFium reads the file itself (nothing is
loaded whole), and each page's objects are closed before the next is opened, so
memory stays flat whatever the length; only the text is handed back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from ingest.readers.paper_pages import PaperError

_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def page_texts(path: Path) -> Iterator[str]:
    """Each page's text in order (``PaperError`` when the file is no readable PDF)."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise PaperError(f"not a readable PDF ({exc})") from exc
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
            yield text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    finally:
        pdf.close()
