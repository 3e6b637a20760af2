"""Reading a council document (text, HTML or PDF) into a DocumentText of clean lines.

Councils publish cp1252 text, browser-saved ModernGov pages and PDFs; this picks the
reader by content, decodes text and refuses what is not a document, before anything is
parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ingest.parsers.lines import drop_running_heads, fix_mojibake, normalise_lines
from ingest.readers.files import read_limited
from ingest.readers.html_text import read_html
from ingest.readers.markdown import MARKDOWN_SUFFIXES, plain_text
from ingest.readers.pdf_text import pdf_lines
from ingest.readers.pdf_warnings import gathered_pdf_warnings
from storage.parsed import DocumentFormat
from storage.parsed_errors import DocumentError

MAX_BYTES = 20 * 1024 * 1024

# Control characters other than white space (and U+FFFD, a byte that would not decode)
# betray binary data. Every byte of UTF-8 standing for a character above U+007F is above
# 0x7F, so they are counted on the encoded text with a table (bytes.translate) instead of a
# pattern tried at every character.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_OTHER_BYTES = bytes(byte for byte in range(256) if byte not in _CONTROL_BYTES)
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|table|div|p|h[1-6])\b", re.IGNORECASE)


@dataclass
class DocumentText:
    """A document as normalised lines, plus the HTML tree when there is one."""

    format: DocumentFormat
    lines: list[str]
    name: str = ""
    # Line numbers that were HTML headings (h1-h6): strong hints for item titles.
    heading_lines: set[int] = field(default_factory=set)
    html: LexborHTMLParser | None = None


def read_document(
    source: str | Path | bytes, *, name: str = "", max_bytes: int = MAX_BYTES
) -> DocumentText:
    """Load ``source`` (a path or the raw bytes) and turn it into lines.

    Only regular files are read, and never more than one byte past the size cap,
    so a huge file, a device or a FIFO is refused at once.
    """
    if isinstance(source, bytes):
        if len(source) > max_bytes:
            raise DocumentError(
                f"the document is {_mb(len(source))}, over the {_mb(max_bytes)} limit"
            )
        data = source
    else:
        path = Path(source)
        name = name or path.name
        try:
            data = read_limited(path, max_bytes)
        except OSError as exc:
            raise DocumentError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise DocumentError("the document is empty")
    suffix = Path(name).suffix.lower()
    if data.lstrip()[:5] == b"%PDF-":
        with gathered_pdf_warnings(name):
            lines = pdf_lines(data)
        _refuse_binary("\n".join(lines))
        return DocumentText("pdf", lines, name)
    if suffix == ".pdf":
        raise DocumentError("the file is named .pdf but is not a PDF")
    text = _decode(data)
    if suffix in {".html", ".htm", ".xhtml"} or _HTML_SNIFF.search(text[:4096]):
        lines, headings, tree = read_html(text)
        return DocumentText("html", lines, name, headings, tree)
    if suffix in MARKDOWN_SUFFIXES:
        text = plain_text(text)
    if text.count("\x0c") >= 1:
        # pdftotext output: one form feed per page, running heads on each
        lines = drop_running_heads([normalise_lines(page) for page in text.split("\x0c")])
    else:
        lines = normalise_lines(text)
    return DocumentText("text", lines, name)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, UTF-16 by BOM, else Windows-1252."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError("the document is not readable text") from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    _refuse_binary(text)
    return fix_mojibake(text)


def _refuse_binary(text: str) -> None:
    sample = text[:65536]
    encoded = sample.encode("utf-8", "surrogatepass")
    bad = len(encoded.translate(None, _OTHER_BYTES)) + sample.count("\ufffd")
    if "\x00" in sample or bad > max(4, len(sample) // 100):
        raise DocumentError("the document looks like binary data, not text, HTML or PDF")
    if not any(ch.isalpha() for ch in sample):
        raise DocumentError("the document has no readable text")
