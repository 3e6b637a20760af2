"""The papers corpus: compact text specs of committee reports, rendered into PDFs with fpdf2.

Each ``papers_corpus/*.txt`` file imitates one council's report template (cover
sheets, numbered sections, tables, running headers and footers) and holds a few
reports. The expected recommendations are marked in the spec itself, so they
were written before any extractor saw them:

- ``{{ … }}`` is printed text that opens a new recommendations section;
  ``{+ … }}`` is more of the section just opened (e.g. after a table's reason cell).
  A section's pages are those of its first and last marked piece.
- ``@page`` starts the next printed page (a spec page that overflows is an error,
  so the expected pages are the printed ones); ``@header L | R``, ``@footer …``
  (``{n}`` page, ``{N}`` pages) and ``@font`` set the running chrome;
  ``# …`` is a heading, ``| a | b |`` a table row (``@cols 20 150`` its widths in mm),
  ``@two L | R`` a two-column line, ``@filler N`` N paragraphs of generic prose,
  blank lines are gaps, any other line is a paragraph.
- ``? question :: anchor`` is a papers question whose right answer is the page
  holding ``anchor`` (``@rec``: a page of the report's recommendations).

Expected and extracted texts compare with white space folded: line wrapping is
the PDF's, the words are the report's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "papers_corpus"
_MARK = re.compile(r"\{\{|\{\+|\}\}")

FILLER = (
    "The council has a statutory duty to keep this matter under review and to report to members "
    "at least once a year on the progress made against the agreed plan.",
    "Officers have consulted partner organisations, ward members and the relevant portfolio "
    "holder; their comments have been taken into account in preparing this report.",
    "There are no direct financial implications arising from this report beyond those already "
    "provided for in the approved medium term financial strategy.",
    "The legal implications have been considered by the Monitoring Officer, who is satisfied "
    "that the proposals are within the council's powers.",
    "An equality impact assessment has been completed and is available from the report author. "
    "No adverse impact on any group with a protected characteristic has been identified.",
    "The work described here contributes to the corporate plan priorities of thriving "
    "communities, a strong local economy and a well-run council.",
    "Performance will continue to be monitored through the quarterly reporting cycle and any "
    "exceptions will be brought to members' attention promptly.",
    "The risks associated with this work are recorded on the service risk register and are "
    "reviewed each month by the departmental management team.",
    "Staff resources for this work will be met from within existing budgets and no additional "
    "posts are required at this stage.",
    "Data protection considerations have been assessed and no personal information is published "
    "as part of this report or its appendices.",
    "The climate and ecological implications have been assessed as neutral, with no material "
    "change to the council's carbon emissions expected.",
    "Background papers used in preparing this report are held by the author and may be "
    "inspected on request during normal office hours.",
)


@dataclass
class Expected:
    """One recommendations section as marked in the spec."""

    parts: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return fold(" ".join(self.parts))


@dataclass(frozen=True)
class Question:
    text: str
    report: str
    pages: frozenset[int]


@dataclass
class Report:
    """One report of the corpus: its spec lines, what it must yield, and its questions."""

    source: str  # the spec file's name, e.g. "01-northshire-cabinet"
    council: str
    name: str
    title: str
    committee: str
    chrome: dict[str, str]
    body: list[str]
    expected: list[Expected] = field(default_factory=list)
    questions: list[tuple[str, str]] = field(default_factory=list)

    def sections(self) -> list[tuple[str, int, int]]:
        return [(s.text, s.pages[0], s.pages[-1]) for s in self.expected]


def fold(text: str) -> str:
    return " ".join(text.split())


def load(corpus: Path = CORPUS) -> list[Report]:
    """Every report of every council spec, in file order."""
    reports: list[Report] = []
    for path in sorted(corpus.glob("*.txt")):
        reports.extend(_parse_spec(path.stem, path.read_text(encoding="utf-8")))
    return reports


def _parse_spec(source: str, text: str) -> list[Report]:
    council, chrome, reports = "", {"header": "", "footer": "", "font": "helvetica"}, []
    current: Report | None = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("council:"):
            council = line.split(":", 1)[1].strip()
        elif line.startswith("report:"):
            name, _, title = line.split(":", 1)[1].strip().partition(" ")
            current = Report(source, council, name, title.strip(), "", dict(chrome), [])
            reports.append(current)
        elif current is None:
            for key in chrome:
                if line.startswith(f"@{key} "):
                    chrome[key] = line.split(" ", 1)[1].strip()
        elif line.startswith("committee:"):
            current.committee = line.split(":", 1)[1].strip()
        elif line.startswith("?"):
            question, _, anchor = line[1:].partition("::")
            current.questions.append((question.strip(), anchor.strip()))
        elif line == "end":
            current = None
        else:
            current.body.append(line)
    return reports


def render(report: Report) -> bytes:
    """The report as a PDF; fills in ``report.expected`` from its marks."""
    from fpdf import FPDF

    chrome = dict(report.chrome)

    class _Pdf(FPDF):  # type: ignore[misc]
        def header(self) -> None:
            _two_columns(self, chrome["header"], 8, "I")
            self.ln(4)

        def footer(self) -> None:
            text = chrome["footer"].replace("{n}", str(self.page_no()))
            self.set_y(-15)
            _two_columns(self, text, 8, "")

    pdf = _Pdf(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    font = chrome["font"]
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 18, 20)
    pdf.alias_nb_pages("{N}")
    pdf.add_page()
    report.expected = []
    state = _State()
    table: list[list[str]] = []
    for raw in [*report.body, ""]:
        line = _capture(report, raw, state)
        if table and not line.startswith("|"):
            _table(pdf, font, table, state.cols)
            table = []
            state.cols = None
        if line.startswith("|"):
            table.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        pdf.set_font(font, "", 10)
        if line == "@page":
            pdf.add_page()
            state.page += 1
        elif line.startswith("@header ") or line.startswith("@footer "):
            chrome[line[1:7]] = line[8:].strip()
        elif line.startswith("@cols "):
            state.cols = tuple(int(w) for w in line.split()[1:])
        elif line.startswith("@two "):
            _two_columns(pdf, line[5:], 10, "")
        elif line.startswith("@filler "):
            count = int(line.split()[1])
            seed = sum(map(ord, report.name)) + len(report.expected)
            for n in range(count):
                filler = FILLER[(seed + n * 5) % len(FILLER)]
                pdf.multi_cell(0, 5, filler, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(3)
        elif line.startswith("# "):
            pdf.set_font(font, "B", 11)
            pdf.multi_cell(0, 6, line[2:], new_x="LMARGIN", new_y="NEXT")
        elif not line.strip():
            pdf.ln(3)
        else:
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)  # a paragraph's space after, as word processors' report templates set
        if pdf.page_no() != state.page:
            raise ValueError(f"{report.name}: page {state.page} overflows at {line!r}")
    return bytes(pdf.output())


@dataclass
class _State:
    """Where rendering is: inside a marked piece or not, the spec page, a table's widths."""

    open: bool = False
    page: int = 1
    cols: tuple[int, ...] | None = None


def _capture(report: Report, line: str, state: _State) -> str:
    """``line`` without marks; marked text goes to the report's expected sections."""
    out: list[str] = []
    position = 0
    for match in _MARK.finditer(line):
        piece = line[position : match.start()]
        out.append(piece)
        _keep(report, piece, state)
        if match[0] == "{{":
            report.expected.append(Expected())
            state.open = True
        elif match[0] == "{+":
            state.open = True
        else:
            state.open = False
        position = match.end()
    rest = line[position:]
    out.append(rest)
    _keep(report, rest, state)
    return "".join(out)


def _keep(report: Report, piece: str, state: _State) -> None:
    words = re.sub(r"\s*\|\s*", " ", piece.removeprefix("@two ")).strip()
    if state.open and words:
        report.expected[-1].parts.append(words)
        report.expected[-1].pages.append(state.page)


def _two_columns(pdf: object, text: str, size: int, style: str) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    if not text:
        return
    left, _, right = text.partition("|")
    pdf.set_font(pdf.font_family or "helvetica", style, size)
    width = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    pdf.cell(width, 5, left.strip())
    pdf.cell(width, 5, right.strip(), align="R", new_x="LMARGIN", new_y="NEXT")


def _table(pdf: object, font: str, rows: list[list[str]], cols: tuple[int, ...] | None) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    pdf.set_font(font, "", 10)
    widths = cols or tuple(170 // len(rows[0]) for _ in rows[0])
    with pdf.table(col_widths=widths, first_row_as_headings=False, line_height=5) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(3)


def build() -> list[tuple[Report, bytes]]:
    """Every report with its PDF."""
    return [(report, render(report)) for report in load()]


def questions(reports: list[Report]) -> list[Question]:
    """Each question with the pages that answer it, found in the spec's pages (of rendered
    reports: a recommendations question is answered by the marked pages)."""
    found: list[Question] = []
    for report in reports:
        pages = _spec_pages(report)
        for text, anchor in report.questions:
            if anchor == "@rec":
                gold = frozenset(
                    p for s in report.expected for p in range(s.pages[0], s.pages[-1] + 1)
                )
            else:
                gold = frozenset(
                    n for n, page in enumerate(pages, 1) if anchor.lower() in page.lower()
                )
            if not gold:
                raise ValueError(f"{report.name}: no page answers {text!r} ({anchor!r})")
            found.append(Question(text, report.name, gold))
    return found


def _spec_pages(report: Report) -> list[str]:
    pages = [""]
    for line in report.body:
        if line == "@page":
            pages.append("")
        else:
            pages[-1] += " " + fold(_MARK.sub("", line).replace("|", " "))
    return pages


@dataclass(frozen=True)
class Score:
    """Exact matches over the corpus: whole reports, and sections found or missed."""

    reports: int
    exact: int
    expected_sections: int
    found_sections: int
    right_sections: int
    misses: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.exact / self.reports if self.reports else 0.0


def score(built: list[tuple[Report, tuple[str, ...]]]) -> Score:
    """Each report's recommendations as extracted against its marks: text with white space
    folded, first and last page; a report counts only when every section matches."""
    from ingest.parsers.papers import recommendations

    exact = expected_n = found_n = right = 0
    misses: list[str] = []
    for report, pages in built:
        found = [(fold(s.text), s.start_page, s.end_page) for s in recommendations(pages)]
        expected = report.sections()
        expected_n += len(expected)
        found_n += len(found)
        right += sum(1 for section in found if section in expected)
        if found == expected:
            exact += 1
        else:
            misses.append(f"{report.name}: expected {expected}\n  found {found}")
    return Score(len(built), exact, expected_n, found_n, right, tuple(misses))
