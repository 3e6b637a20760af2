"""An agenda printed as a table whose header row names a presenter column.

"Item | Subject | Presenter | Pages" over "3 | High Needs Block recovery plan | Head of
SEND Finance | 7 - 18": the presenter cell is read with its column's own label, on the
line under the row ("Presenter: Head of SEND Finance"), where a printed "Lead:" line
stands and is read (see lead_lines.py); the row keeps its number, title and pages.
"""

from __future__ import annotations

import re

_CELL_SPLIT = " | "
_TITLE_COLUMN = re.compile(r"^(?:agenda\s+)?(?:item|subject|title|business|topic)s?$", re.I)
_LEAD_COLUMN = re.compile(
    r"^(?:lead(?:\s+(?:officer|member|director))?|presenter|presented\s+by|"
    r"(?:responsible\s+|reporting\s+)?officer)$",
    re.IGNORECASE,
)


def label_lead_cells(lines: list[str]) -> list[str]:
    """``lines`` with each row's presenter cell moved to a labelled line below the row."""
    if not any(_CELL_SPLIT in line for line in lines):
        return lines
    out: list[str] = []
    lead: int | None = None
    label = ""
    for line in lines:
        cells = [cell.strip() for cell in line.split("|")] if _CELL_SPLIT in line else []
        if not cells:
            if line.strip():
                lead = None  # the table ended
            out.append(line)
            continue
        header = _lead_column(cells)
        if header is not None:
            lead, label = header, cells[header]
            out.append(line)
            continue
        if lead is None or lead >= len(cells) or not cells[0]:
            out.append(line)
            continue
        who = cells.pop(lead)
        while cells and not cells[-1]:
            cells.pop()
        out.append(_CELL_SPLIT.join(cells))
        if who:
            out.append(f"{label}: {who}")
    return out


def _lead_column(cells: list[str]) -> int | None:
    """Where the presenter column is, when ``cells`` are a header row naming the title's."""
    if not any(_TITLE_COLUMN.match(cell) for cell in cells[:2]):
        return None
    return next((i for i, cell in enumerate(cells) if i >= 2 and _LEAD_COLUMN.match(cell)), None)
