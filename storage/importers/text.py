"""Reading a council document (text, HTML or PDF) into clean lines.

Councils publish cp1252 text, browser-saved ModernGov pages and PDFs; every
later step works on one normalised line stream, so typography (non-breaking
spaces, curly quotes, tabs) is folded here, once.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from storage.importers.errors import DocumentError
from storage.importers.model import DocumentFormat

MAX_BYTES = 20 * 1024 * 1024

_TYPOGRAPHY = str.maketrans(
    {
        "\u00a0": " ",
        "\u2000": " ",
        "\u2001": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2007": " ",
        "\u2008": " ",
        "\u205f": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        # Symbol-font bullets a PDF's text layer leaves in the private use area.
        "\uf0b7": "•",
        "\uf0a7": "•",
        "\uf076": "•",
        "\uf0d8": "•",
        "\uf0fc": "•",
        "\uf06e": "•",
        "\uf0a8": "•",
        "\uf0d7": "•",
        "\x0c": "\n",
        "\x0b": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\r": None,
    }
)
_SPACES = re.compile(r"[ \u3000]{2,}")
_TABS = re.compile(r"[ ]*\t[\t ]*")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|table|div|p|h[1-6])\b", re.IGNORECASE)
# Page furniture a PDF's text carries into the body: "Page 3", "Chair's initials ......".
_FURNITURE = re.compile(
    r"^(?:page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|(?:chair(?:man|person)?'?s?\s+)?initials\s*[.:_]*"
    r"|chair(?:man|person)?'?s?\s+initials\b.*)$",
    re.IGNORECASE,
)
_MINUTE_BOOK = re.compile(r"^minute\s+book(?:\s+(?:page\s+)?\d{1,5})?$", re.IGNORECASE)
# Wingdings/Symbol bullets extracted as letters: "u", "Ø", "§", "Ÿ", "ü", "v" before the text.
_FONT_BULLET = re.compile(r"^(?:[uvØ§Ÿüq•▪●◦■□➢✓]|\uf0b7)\s+(?=[A-Z(\d\"'])")
_FONT_BULLET_CHARS = frozenset("uvØ§Ÿüq•▪●◦■□➢✓")
# Words a line end hyphenates ("recom-" / "mendation"); these prefixes keep their hyphen.
_HYPHEN_END = re.compile(r"(?:^|\s)(?P<word>[A-Za-z]*[a-z])-$")
_HYPHEN_KEEP = frozenset(
    [
        "self",
        "non",
        "co",
        "cross",
        "well",
        "multi",
        "semi",
        "ex",
        "half",
        "all",
        "long",
        "short",
        "high",
        "low",
        "full",
        "part",
        "year",
        "day",
        "face",
        "one",
        "two",
        "three",
        "four",
        "five",
        "under",
        "over",
        "mid",
        "pre",
        "post",
        "anti",
        "sub",
    ]
)
# UTF-8 read as Windows-1252 ("Councillorâ€™s", "Â£5"): a lead byte then continuation bytes.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]{1,3}"
)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?-?\s*\d{1,3}\s*-?(?:\s+of\s+\d{1,3})?$", re.IGNORECASE)

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "tbody",
        "thead",
        "tfoot",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "blockquote",
        "pre",
        "dl",
        "dt",
        "dd",
        "hr",
        "form",
        "fieldset",
        "figure",
        "figcaption",
        "caption",
        "address",
        "nav",
        "center",
    ]
)
_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "button"]
)


@dataclass
class Source:
    """A document as normalised lines, plus the HTML tree when there is one."""

    format: DocumentFormat
    lines: list[str]
    name: str = ""
    # Line numbers that were HTML headings (h1-h6): strong hints for item titles.
    heading_lines: set[int] = field(default_factory=set)
    html: LexborHTMLParser | None = None


def normalise_line(line: str) -> str:
    line = line.translate(_TYPOGRAPHY)
    if "\t" in line:
        line = _TABS.sub(" | " if line.strip().count("\t") >= 2 else " ", line)
    return _SPACES.sub(" ", line).strip()


def fold_typography(text: str) -> str:
    """``str.translate`` is slow on long ASCII text; replace only what is there."""
    if text.isascii():
        return text.replace("\r", "").replace("\x0c", "\n").replace("\x0b", "\n")
    return text.translate(_TYPOGRAPHY)


_COLUMN_GAP = re.compile(r" {2,}")


def _is_column_row(line: str) -> bool:
    """A row of a space-aligned table from a PDF ("Councillor R Oakes    Chair    Present"):
    three or more short cells, none ending a sentence, at least one gap of three spaces."""
    cells = _COLUMN_GAP.split(line)
    return (
        len(cells) >= 3
        and all(0 < len(cell) <= 60 for cell in cells)
        and not any(cell.endswith((".", ",", ";", ":")) for cell in cells[:-1])
    )


def normalise_lines(text: str) -> list[str]:
    lines = fold_typography(text).split("\n")
    out: list[str] = []
    for line in lines:
        if "\t" in line:
            line = _TABS.sub(" | " if line.strip().count("\t") >= 2 else " ", line)
        if "  " in line:
            line = line.strip()
            if "   " in line and _is_column_row(line):
                line = _COLUMN_GAP.sub(" | ", line)
            line = _SPACES.sub(" ", line)
        else:
            line = line.strip()
        first = line[:1]
        if first in "PpCcIi" and _FURNITURE.match(line):
            continue
        if first in "Mm" and _MINUTE_BOOK.match(line):
            continue
        if first in _FONT_BULLET_CHARS and _FONT_BULLET.match(line):
            line = _FONT_BULLET.sub("• ", line, count=1)
        out.append(line)
    return join_hyphenated(out)


_HYPHENATED_WORD = re.compile(r"\b[A-Za-z]+-[a-z]+\b")


def join_hyphenated(lines: list[str], hyphenated: set[str] | None = None) -> list[str]:
    """Mend words hyphenated across a line end: "recom-" + "mendation was" → "recommendation" + "was".

    The hyphen stays when the first part is a compound prefix ("well-" + "being", "multi-"
    + "agency"), or when the document prints the same word hyphenated on one line elsewhere
    ("decision-" + "making" where it also says "decision-making") and never closed up.
    ``hyphenated`` is that evidence (lower case) when the caller has the whole document.
    """
    emptied: set[int] = set()
    for index in range(len(lines) - 1):
        line = lines[index]
        if not line.endswith("-"):
            continue
        end = _HYPHEN_END.search(line)
        following = lines[index + 1]
        if end is None or not following[:1].islower():
            continue
        word, _, rest = following.partition(" ")
        first = end.group("word").lower()
        keep = first in _HYPHEN_KEEP  # "well-" + "being": a compound
        if not keep:
            if hyphenated is None:
                hyphenated = hyphenated_words(lines)
            joined = first + "-" + word.rstrip(".,;:!?)'\"").lower()
            keep = joined in hyphenated and joined.replace("-", "") not in hyphenated
        lines[index] = (line if keep else line[:-1]) + word
        lines[index + 1] = rest
        if not rest:
            emptied.add(index + 1)
    return [line for index, line in enumerate(lines) if index not in emptied] if emptied else lines


def hyphenated_words(lines: list[str]) -> set[str]:
    """Hyphenated words printed within a line ("decision-making"), lower case, plus the
    closed-up forms of those words where the text uses them too ("decisionmaking")."""
    text = "\n".join(lines).lower()
    found = set(_HYPHENATED_WORD.findall(text))
    if found:
        words = set(re.findall(r"[a-z]+", text))
        found.update(closed for closed in (w.replace("-", "") for w in found) if closed in words)
    return found


def read_source(
    source: str | Path | bytes, *, name: str = "", max_bytes: int = MAX_BYTES
) -> Source:
    """Load ``source`` (a path or the raw bytes) and turn it into lines.

    The size cap is checked before anything is read, so a huge file is refused at once.
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
            size = path.stat().st_size
            if not path.is_file():
                raise DocumentError(f"{path} is not a file")
            if size > max_bytes:
                raise DocumentError(f"{path.name} is {_mb(size)}, over the {_mb(max_bytes)} limit")
            data = path.read_bytes()
        except OSError as exc:
            raise DocumentError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise DocumentError("the document is empty")
    suffix = Path(name).suffix.lower()
    if data.lstrip()[:5] == b"%PDF-":
        return _read_pdf(data, name)
    if suffix == ".pdf":
        raise DocumentError("the file is named .pdf but is not a PDF")
    text = _decode(data)
    if suffix in {".html", ".htm", ".xhtml"} or _HTML_SNIFF.search(text[:4096]):
        return _read_html(text, name)
    if text.count("\x0c") >= 1:
        # pdftotext output: one form feed per page, running heads on each
        lines = _drop_running_heads([normalise_lines(page) for page in text.split("\x0c")])
    else:
        lines = normalise_lines(text)
    return Source("text", lines, name)


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


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 ("Councillorâ€™s" → "Councillor’s") where it is
    unambiguous: each run must re-encode to exactly the bytes of valid UTF-8."""
    if text.isascii() or not ("â" in text or "Ã" in text or "Â" in text or "Å" in text):
        return text
    return _MOJIBAKE.sub(_unmangle, text)


def _unmangle(match: re.Match[str]) -> str:
    run = match.group(0)
    raw = bytearray()
    for ch in run:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return run
            raw.append(ord(ch))  # the five bytes cp1252 leaves undefined pass through as-is
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return run
    return fixed if len(fixed) == 1 else run


def _refuse_binary(text: str) -> None:
    sample = text[:65536]
    bad = len(_CONTROL.findall(sample))
    if "\x00" in sample or bad > max(4, len(sample) // 100):
        raise DocumentError("the document looks like binary data, not text, HTML or PDF")
    if not any(ch.isalpha() for ch in sample):
        raise DocumentError("the document has no readable text")


# --- PDF -------------------------------------------------------------------------------


def _read_pdf(data: bytes, name: str) -> Source:
    pages = [fix_mojibake(page) for page in _pdf_pages_pypdf(data)]
    text = "".join(pages)
    if _looks_run_together(text):
        pages = [fix_mojibake(page) for page in _pdf_pages_plumber(data) or pages]
    if not "".join(pages).strip():
        raise DocumentError("the PDF has no text layer (a scan?); run OCR on it first")
    lines = _drop_running_heads([normalise_lines(page) for page in pages])
    _refuse_binary("\n".join(lines))
    return Source("pdf", lines, name)


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


def _drop_running_heads(pages: list[list[str]]) -> list[str]:
    """Remove page numbers and headers/footers repeated on most pages.

    Lines are compared with their digits masked, so "Minute Book 112" / "Minute Book 113"
    count as one; a two-page document needs the line on both pages and a date or number in it.
    """
    repeated: set[str] = set()
    if len(pages) >= 2:
        counts = Counter(
            key
            for page in pages
            for key in {_head_key(line) for line in page[:3] + page[-3:]}
            if key
        )
        need = max(3, len(pages) // 2)
        repeated = {
            key
            for key, n in counts.items()
            if n >= need or (n >= 2 and len(pages) <= 3 and "#" in key)
        }
    lines: list[str] = []
    for page in pages:
        for index, line in enumerate(page):
            edge = index < 3 or index >= len(page) - 3
            if edge and line and (_PAGE_NUMBER.match(line) or _head_key(line) in repeated):
                continue
            lines.append(line)
        lines.append("")
    return lines


def _head_key(line: str) -> str:
    """A running head's identity: digits masked; "" for what cannot be one."""
    if not 0 < len(line) <= 90 or sum(ch.isalpha() for ch in line) < 3:
        return ""
    return re.sub(r"\d+", "#", line)


# --- HTML ------------------------------------------------------------------------------


# Site furniture around a saved page: cookie banners, menus, breadcrumbs, sidebars, footers.
_CHROME = re.compile(
    r"cookie|consent|breadcrumb|skip|nav|menu|sidebar|side-bar|site-?header|masthead|footer|"
    r"search|share|social|feedback|related|banner|calendar|subscribe|rss",
    re.IGNORECASE,
)
_CHROME_TAGS = frozenset(["nav", "aside", "footer", "form"])
_CONTENT = ("#mgContent, .mgContent", "#modgov", "main, [role=main]")


def content_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The page's own content: ModernGov's ``mgContent``, else ``modgov``, else ``<main>``."""
    for selector in _CONTENT:
        node = tree.css_first(selector)
        if node is not None and node.text(deep=True).strip():
            return node
    return tree.body or tree.root


def chrome_ids(root: LexborNode, keep: LexborNode | None = None) -> set[int]:
    """mem_ids of site furniture under ``root``; never a node holding ``keep`` or most of the text."""
    found: set[int] = set()
    total = 0
    for node in root.css("nav, aside, footer, form, [class], [id]"):
        attrs = node.attributes
        marks = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if node.tag not in _CHROME_TAGS and not _CHROME.search(marks):
            continue
        if keep is not None and contains(node, keep):
            continue
        total = total or len(root.text(deep=True))
        if len(node.text(deep=True)) * 2 > total:
            continue
        found.add(node.mem_id)
    return found


def contains(node: LexborNode, inner: LexborNode) -> bool:
    current: LexborNode | None = inner
    while current is not None:
        if current.mem_id == node.mem_id:
            return True
        current = current.parent
    return False


def _read_html(text: str, name: str) -> Source:
    tree = LexborHTMLParser(text)
    root = content_root(tree)
    if root is None:
        raise DocumentError("the HTML page has no body")
    lines, headings = html_lines(root, skip=frozenset(chrome_ids(root)))
    if not any(lines) and tree.body is not None and root is not tree.body:
        lines, headings = html_lines(tree.body)
    title = tree.css_first("title")
    if title is not None:
        title_text = normalise_line(title.text(deep=True))
        if title_text:
            lines += ["", title_text]
    return Source("html", lines, name, headings, tree)


def html_lines(root: LexborNode, skip: frozenset[int] = frozenset()) -> tuple[list[str], set[int]]:
    """Block-level text of ``root`` as lines, blank between blocks; ``skip`` = node mem_ids."""
    lines: list[str] = []
    headings: set[int] = set()
    buffer: list[str] = []

    def flush(heading: bool = False) -> None:
        line = normalise_line("".join(buffer))
        buffer.clear()
        if line:
            if heading:
                headings.add(len(lines))
            lines.append(line)
            lines.append("")

    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            flush(tag in _HEADING_TAGS)
            continue
        if tag == "-text":
            buffer.append((node.text_content or "").replace("\n", " "))
            continue
        if tag in _SKIP_TAGS or tag.startswith("-") or node.mem_id in skip:
            continue
        if tag == "br":
            flush()
            continue
        if tag in {"td", "th"} and buffer and "".join(buffer).strip():
            buffer.append(" | ")
        if tag in _BLOCK_TAGS:
            flush()
            stack.append((node, True))
        children = list(node.iter(include_text=True))
        stack.extend((child, False) for child in reversed(children))
    flush()
    return lines, headings
