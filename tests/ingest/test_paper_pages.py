"""Report PDFs read page by page, with paragraphs kept where the page spaces them."""

from __future__ import annotations

import pytest

from ingest.readers.paper_pages import PaperError, read_paper


def _pdf(paragraphs: list[str], space_after: float) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", "", 10)
    for text in paragraphs:
        pdf.multi_cell(80, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(space_after)
    return bytes(pdf.output())


def test_a_paragraphs_space_after_becomes_a_blank_line_and_its_wrapped_lines_do_not() -> None:
    long = "That the Committee approves the revised policy for taxi licensing in the district."
    [page] = read_paper(_pdf([long, "Background text."], space_after=2)).pages
    lines = page.splitlines()
    assert lines[-2:] == ["", "Background text."]
    assert "" not in lines[: lines.index("")]  # the wrapped recommendation stays one paragraph
    assert len(lines[: lines.index("")]) >= 2


def test_paragraphs_set_solid_run_together_as_printed() -> None:
    [page] = read_paper(_pdf(["First line.", "Second line."], space_after=0)).pages
    assert page.splitlines() == ["First line.", "Second line."]


def test_a_file_that_is_not_a_pdf_is_refused_in_one_line() -> None:
    with pytest.raises(PaperError, match="not a readable PDF"):
        read_paper(b"<html>not found</html>")


def test_cells_beside_each_other_in_a_table_row_come_one_to_a_line_after_a_tab() -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", "", 10)
    with pdf.table(col_widths=(15, 95, 60), first_row_as_headings=False) as table:
        row = table.row()
        for cell in (
            "1",
            "That the Committee notes the external auditor's annual report for 2025/26.",
            "The auditor must report to those charged with governance.",
        ):
            row.cell(cell)  # the two wider cells wrap, so a row is more than one line
    [page] = read_paper(bytes(pdf.output())).pages
    assert page.splitlines() == [
        "1",
        "\tThat the Committee notes the external auditor's annual report for 2025/26.",
        "\tThe auditor must report to those charged with governance.",
    ]


def test_paragraphs_are_found_when_the_writer_sets_size_1_and_scales_the_text_matrix() -> None:
    from tests.ingest.pdfmaker import _escape, _write  # a content stream written by hand

    placed = [(800, "First paragraph, line one"), (787, "runs on here."), (766, "Second one.")]
    body = b"BT /F1 1 Tf\n" + b"".join(
        b"10 0 0 10 40 %d Tm (%s) Tj\n" % (y, _escape(text)) for y, text in placed
    )
    [page] = read_paper(_write([body + b"ET"])).pages
    assert page.splitlines() == ["First paragraph, line one", "runs on here.", "", "Second one."]
