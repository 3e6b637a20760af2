"""Reading a PDF's text layer into lines.

pypdf is fast and used first; pdfplumber, slower, rescues pages whose words pypdf runs
together and reads two-column pages in reading order.
"""

from __future__ import annotations

import io
import itertools
from collections import Counter

from ingest.parsers.lines import drop_running_heads, fix_mojibake, normalise_lines
from storage.parsed_errors import DocumentError


def pdf_lines(data: bytes) -> list[str]:
    """The PDF's pages as normalised lines, running heads and page numbers dropped."""
    pages = [fix_mojibake(page) for page in _pdf_pages_pypdf(data)]
    text = "".join(pages)
    if _looks_run_together(text):
        pages = [fix_mojibake(page) for page in _pdf_pages_plumber(data) or pages]
    if not "".join(pages).strip():
        raise DocumentError("the PDF has no text layer (a scan?); run OCR on it first")
    return drop_running_heads([normalise_lines(page) for page in pages])


def _pdf_pages_pypdf(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("the PDF is encrypted")
        texts: list[str] = []
        for number, page in enumerate(reader.pages):
            starts: list[tuple[float, float]] = []

            def visit(
                op: bytes,
                args: list[object],
                cm: list[float],
                tm: list[float],
                starts: list[tuple[float, float]] = starts,
            ) -> None:
                if op in _SHOW_TEXT:
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    starts.append((x, round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])))

            texts.append(page.extract_text(visitor_operand_before=visit) or "")
            width = float(page.mediabox.width)
            right_x = _column_start(starts, width)
            if right_x is not None:
                texts[-1] = _two_column_page(data, number, right_x) or texts[-1]
        return texts
    except DocumentError:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
        AssertionError,
        ZeroDivisionError,
    ) as exc:
        raise DocumentError(f"not a readable PDF ({type(exc).__name__})") from exc


_SHOW_TEXT = frozenset([b"Tj", b"TJ", b"'", b'"'])


def _column_start(starts: list[tuple[float, float]], width: float) -> float | None:
    """Where a page's second column starts, when the page really has two columns.

    ``starts`` are (x, y) of the page's text runs. Two columns means: three or more rows
    with text both at the left margin and at one x in the middle of the page, nothing on
    those rows starting anywhere else (a three-column table does not qualify), and at
    least two rows with text on one side only (the columns do not line up row by row,
    as a two-column table's would).
    """
    if len(starts) < 6 or width <= 0:
        return None
    middle = [round(x / 4) * 4 for x, _ in starts if 0.3 * width <= x <= 0.75 * width]
    if len(middle) < 3:
        return None
    right = Counter(middle).most_common(1)[0][0]
    left = min(x for x, _ in starts)
    rows: dict[float, list[float]] = {}
    for x, y in starts:
        rows.setdefault(y, []).append(x)
    split = one_side = 0
    for xs in rows.values():
        on_left = [x for x in xs if x < right - 6]
        on_right = [x for x in xs if abs(x - right) <= 6]
        if on_left and on_right:
            if any(x > left + 30 for x in on_left) or len(on_left) + len(on_right) != len(xs):
                return None
            split += 1
        elif on_left or on_right:
            one_side += 1
    return right if split >= 3 and one_side >= 2 else None


def _two_column_page(data: bytes, number: int, right_x: float) -> str | None:
    """A two-column page in reading order: lines across the whole page where they are,
    and between them the left column's lines, then the right column's."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data), pages=[number + 1]) as pdf:
            words = pdf.pages[0].extract_words()
    except Exception:  # pdfplumber wraps many parser errors; pypdf's text still stands
        return None
    lines: dict[int, list[dict[str, object]]] = {}
    for word in words:
        top = round(float(word["top"]) / 3)
        lines.setdefault(top, []).append(word)
    rows: list[tuple[float, list[str], list[str], bool]] = []
    for key in sorted(lines):
        row = sorted(lines[key], key=lambda w: float(w["x0"]))  # type: ignore[arg-type]
        on_left = [w for w in row if float(w["x0"]) < right_x - 6]  # type: ignore[arg-type]
        on_right = [w for w in row if float(w["x0"]) >= right_x - 6]  # type: ignore[arg-type]
        crosses = bool(
            on_left and on_right and float(on_right[0]["x0"]) - float(on_left[-1]["x1"]) < 12  # type: ignore[arg-type]
        )
        rows.append(
            (
                float(row[0]["top"]),  # type: ignore[arg-type]
                [str(w["text"]) for w in (row if crosses else on_left)],
                [] if crosses else [str(w["text"]) for w in on_right],
                crosses,
            )
        )
    with_right = [index for index, row in enumerate(rows) if row[2]]
    if not with_right:
        return None
    if all(" ".join(rows[index][1]).endswith(":") for index in with_right if rows[index][1]):
        return None  # "Venue:" beside its value: a label table, read row by row
    first, last = with_right[0], with_right[-1]
    gaps = sorted(b[0] - a[0] for a, b in itertools.pairwise(rows)) or [0.0]
    pitch = gaps[len(gaps) // 2]
    while last + 1 < len(rows) and not rows[last + 1][3]:
        if rows[last + 1][0] - rows[last][0] > 1.6 * pitch:
            break  # a blank line: the left column has ended
        last += 1
    out = [" ".join(row[1]) for row in rows[:first]]
    left: list[str] = []
    right: list[str] = []
    for _top, on_left_text, on_right_text, crosses in rows[first : last + 1]:
        if crosses:
            out += [*left, *right, " ".join(on_left_text)]
            left, right = [], []
            continue
        if on_left_text:
            left.append(" ".join(on_left_text))
        if on_right_text:
            right.append(" ".join(on_right_text))
    out += [*left, "", *right, ""]
    out += [" ".join(row[1]) for row in rows[last + 1 :]]
    return "\n".join(out)


def _pdf_pages_plumber(data: bytes) -> list[str] | None:
    """pdfplumber keeps word spacing where pypdf runs words together; slower, so a fallback."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [page.extract_text() or "" for page in pdf.pages]
    except Exception:  # pdfplumber wraps many parser errors; pypdf's text still stands
        return None


def _looks_run_together(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    return letters > 200 and text.count(" ") < letters / 25
