"""Normalising a document's text into clean lines.

Every later step works on one line stream, so typography (non-breaking spaces, curly
quotes, tabs, ligatures), words hyphenated across line ends, mojibake and page furniture
are folded here, once, whatever format the text came from.
"""

from __future__ import annotations

import re
from collections import Counter

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
# The same table as (character, replacement) pairs; no replacement holds a character of it.
_TYPOGRAPHY_PAIRS = [(chr(code), to or "") for code, to in _TYPOGRAPHY.items()]
_ASCII_BYTES = bytes(range(0x80))
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?-?\s*\d{1,3}\s*-?(?:\s+of\s+\d{1,3})?$", re.IGNORECASE)


def normalise_line(line: str) -> str:
    line = line.translate(_TYPOGRAPHY)
    if "\t" in line:
        line = _TABS.sub(" | " if line.strip().count("\t") >= 2 else " ", line)
    return _SPACES.sub(" ", line).strip()


def fold_typography(text: str) -> str:
    """``str.translate`` is slow on long ASCII text; replace only what is there."""
    if text.isascii():
        return text.replace("\r", "").replace("\x0c", "\n").replace("\x0b", "\n")
    # Nor is it fast on any long text: one replace a character present does the same. Those
    # above ASCII are found at once: the UTF-8 text without its ASCII bytes is only them.
    above = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    present = set(above.decode("utf-8", "surrogatepass"))
    for char, replacement in _TYPOGRAPHY_PAIRS:
        if char in present or (char.isascii() and char in text):
            text = text.replace(char, replacement)
    return text


_COLUMN_GAP = re.compile(r" {2,}")


def _is_column_row(line: str) -> bool:
    """A row of a space-aligned table from a PDF ("Councillor R Oakes    Chair    Present"):
    three or more short cells, none ending a sentence, at least one gap of three spaces."""
    cells = _COLUMN_GAP.split(line)
    return (
        len(cells) >= 3
        and all(0 < len(cell) <= 60 for cell in cells)
        and not any(
            cell.endswith((".", ",", ";", ":")) and cell.lower() not in {"no.", "ref."}
            for cell in cells[:-1]
        )
    )


def _cell_starts(raw: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?:^|(?<=  ))\S", raw)]


def _wrapped_cells(raw: str, row: str, starts: list[int]) -> str | None:
    """A table cell wrapped onto an indented line under its column ("Director of Public" /
    "Health"): the row with each fragment appended to the cell it sits under."""
    if not starts or not raw.startswith(" " * 8):
        return None
    cells = row.split(" | ")
    if len(cells) != len(starts):
        return None
    for match in re.finditer(r"\S+(?: \S+)*", raw):
        column = max((i for i, start in enumerate(starts) if start <= match.start() + 2), default=0)
        cells[column] = f"{cells[column]} {match.group(0)}".strip()
    return " | ".join(cells)


def normalise_lines(text: str) -> list[str]:
    lines = fold_typography(text).split("\n")
    out: list[str] = []
    starts: list[int] = []  # where the cells of the last space-aligned row began
    for raw in lines:
        line = raw
        if "\t" in line:
            line = _TABS.sub(" | " if line.strip().count("\t") >= 2 else " ", line)
        if starts and out and (merged := _wrapped_cells(line.rstrip(), out[-1], starts)):
            out[-1] = merged
            continue
        starts = []
        if "  " in line:
            if "   " in line and _is_column_row(line.strip()):
                starts = _cell_starts(line.rstrip())
                line = _COLUMN_GAP.sub(" | ", line.strip())
            line = _SPACES.sub(" ", line.strip())
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
        keep = first in _HYPHEN_KEEP or "-" in word  # "well-" + "being", "cost-" + "of-living"
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


def drop_running_heads(pages: list[list[str]]) -> list[str]:
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
        for rows in (slice(0, 3), slice(-3, None)):
            # "Oakridge District Council" over "Licensing Committee - 12 May 2026" on every
            # page: a dated running head takes the undated line printed with it every time.
            common = set.intersection(*({_head_key(line) for line in p[rows]} for p in pages))
            if any("#" in key for key in common & repeated):
                repeated |= common - {""}
    lines: list[str] = []
    for number, page in enumerate(pages):
        for index, line in enumerate(page):
            edge = index < 3 or index >= len(page) - 3
            if edge and line and (_PAGE_NUMBER.match(line) or _head_key(line) in repeated):
                continue
            if number and index < 3 and _interrupting_head(line, lines, page[index + 1 :]):
                continue
            lines.append(line)
        lines.append("")
    return lines


def _interrupting_head(line: str, before: list[str], after: list[str]) -> bool:
    """A page's running head printed once ("Corporate Parenting Board - 10 June 2025") that
    splits a sentence running on from the page before ("... outside the" / "borough be")."""
    last = next((text for text in reversed(before) if text), "")
    following = next((text for text in after if text), "")
    return (
        bool(last and following and _head_key(line))
        and bool(re.search(r"[a-z,]$", last))
        and following[:1].islower()
        and len(line) <= 70
        and not line.endswith((".", ",", ";", ":"))
        and bool(re.search(r"\d", line))
    )


def _head_key(line: str) -> str:
    """A running head's identity: digits masked; "" for what cannot be one."""
    if not 0 < len(line) <= 90 or sum(ch.isalpha() for ch in line) < 3:
        return ""
    return re.sub(r"\d+", "#", line)
