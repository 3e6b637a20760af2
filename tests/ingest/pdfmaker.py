"""A minimal, valid PDF with a real text layer, written by hand for tests.

No PDF writer with text support is installed, and shipping binaries is worse
than ten lines of PDF syntax: Helvetica, WinAnsi, one text object per page.
"""

from __future__ import annotations


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


Placed = list[tuple[float, float, str]]


def make_placed_pdf(pages: list[Placed]) -> bytes:
    """A PDF whose pages hold text runs at (x, y) points from the bottom left, written in
    the order given (row by row across columns, as word processors write tables)."""
    bodies = [
        b"BT /F1 10 Tf\n"
        + b"".join(b"1 0 0 1 %.1f %.1f Tm (%s) Tj\n" % (x, y, _escape(t)) for x, y, t in page)
        + b"ET"
        for page in pages
    ]
    return _write(bodies)


def make_pdf(lines: list[str], *, per_page: int = 55, text: bool = True) -> bytes:
    """A PDF of ``lines`` (blank lines kept); ``text=False`` draws a box instead (a "scan")."""
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    bodies: list[bytes] = []
    for page in pages:
        if text:
            bodies.append(
                b"BT /F1 10 Tf 13 TL 40 800 Td\n"
                + b"".join(b"(" + _escape(line) + b") Tj T*\n" for line in page)
                + b"ET"
            )
        else:
            bodies.append(b"0.5 g 40 400 500 300 re f")
    return _write(bodies)


def _write(bodies: list[bytes]) -> bytes:
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in once the page objects are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids: list[int] = []
    for body in bodies:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def make_pages_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with exactly these pages, each of these lines (an agenda pack's layout)."""
    return _write(
        [
            b"BT /F1 10 Tf 13 TL 40 800 Td\n"
            + b"".join(b"(" + _escape(line) + b") Tj T*\n" for line in page)
            + b"ET"
            for page in pages
        ]
    )
