"""A report's text page by page, read with pypdfium2 (PDFium).

Chosen by measurement (``benchmarks/bench_pdf_text.py``, ``bench_papers.py``):
PDFium reads several times as many pages a second as pypdf and far more than
pdfplumber; poppler's ``pdftotext`` is faster still on a long pack, but is a
separate program without glyph positions. Pages are read one at a time and
closed, so a long pack never holds every page's objects at once.

PDF text has no blank lines: where a line sits lower than its font size allows
for single or 1.15 spacing (a paragraph's space after, a gap before a heading or
footer), a blank line is put in, so the section parser sees paragraphs as printed.
Table cells are written cell by cell, so text jumps back up and right at each
cell beside the first: such a cell comes on a line of its own after a tab.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from typing import Any

# A line more than this many font sizes below the last starts a paragraph (single
# spacing is about 1.2, 1.15 spacing about 1.4).
PARAGRAPH_GAP = 1.7
# Table cells are often set looser; a line straight below a cell's, this close, is more of it.
CELL_LINES = 2.5


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
                text = _with_paragraphs(textpage, textpage.get_text_range())
            finally:
                textpage.close()
                page.close()
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", ""))
    finally:
        pdf.close()
    return PaperText(tuple(pages), digest)


def _with_paragraphs(textpage: Any, text: str) -> str:
    """``text`` with a blank line wherever the next line starts unusually far below, and each
    table cell beside another on one line of its own, after a tab."""
    if len(text) != textpage.count_chars():
        return text  # characters and text do not line up one to one: leave it as read
    pieces = re.split(r"(\r\n|\r|\n)", text)  # lines and the breaks between them
    lines = pieces[::2]
    starts: list[_Start | None] = []
    offset = 0
    for number, line in enumerate(lines):
        index = offset + len(line) - len(line.lstrip())
        if line.strip():
            left, bottom, _, _ = textpage.get_charbox(index)
            starts.append(_Start(bottom, left, _size(textpage, index)))
        else:
            starts.append(None)
        offset += len(line) + (len(pieces[2 * number + 1]) if 2 * number + 1 < len(pieces) else 0)
    out = [lines[0]]
    cell: _Start | None = None  # the first line of the cell beside being read, if any
    for index in range(1, len(lines)):
        above, below, line = starts[index - 1], starts[index], lines[index]
        if above is None or below is None:
            out.append(line)
            continue
        size = max(above.size, below.size)
        if below.bottom > above.bottom + size / 2 and below.left > above.left + size:
            # Higher up and to the right: the next cell of a table row (text runs cell by cell).
            cell = below
            out.append("\t" + line.strip())
            continue
        step = above.bottom - below.bottom
        if cell and abs(below.left - cell.left) < size / 2 and 0 < step <= CELL_LINES * size:
            out[-1] += " " + line.strip()  # more of the same cell
            continue
        cell = None
        if step > PARAGRAPH_GAP * size:
            out.append("")
        out.append(line)
    return "\n".join(out)


def _size(textpage: Any, index: int) -> float:
    """A glyph's font size as printed: the size set times the text matrix's vertical scale
    (many writers set a size of 1 and scale the matrix), else the height of its loose box."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, index))
    matrix = pdfium_c.FS_MATRIX()
    if pdfium_c.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix)):
        size *= math.hypot(matrix.c, matrix.d)
    if size < 2:
        _, bottom, _, top = textpage.get_charbox(index, loose=True)
        size = (top - bottom) / 1.15
    return size


@dataclass(frozen=True)
class _Start:
    """Where a line's first glyph sits (points from the page's bottom left) and its size."""

    bottom: float
    left: float
    size: float
