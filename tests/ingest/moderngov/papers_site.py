"""The June meeting's agenda with its papers: report PDFs made here and served by the fake site."""

from __future__ import annotations

from tests.ingest.moderngov.fake_moderngov import FakeModernGov, Item
from tests.ingest.pdfmaker import make_pdf

BUDGET_RECOMMENDATION = (
    "2.1 That the Committee approves the Children's Social Care budget of £48.2 million for "
    "2026/27, including the growth in placement costs set out in Appendix A."
)

OFSTED_REPORT = [
    "Report to Children's Services & Education Scrutiny Committee",
    "",
    "1. Purpose of Report",
    "",
    "1.1 To report the outcome of the Ofsted inspection of children's services.",
    "",
    "2. Recommendation",
    "",
    "2.1 That the Committee notes the outcome of the inspection.",
    "",
    "3. Background",
    "",
    "3.1 Inspectors visited in March 2026.",
]

BUDGET_REPORT = [
    "Report of the Head of Finance",
    "",
    "1. Summary",
    "",
    "1.1 This report sets out the budget for children's social care.",
    "",
    "",
    "2. Recommendations",
    "",
    "2.1 That the Committee approves the Children's Social Care budget of £48.2 million for",
    "Page 1",
    # page 2
    "2026/27, including the growth in placement costs set out in Appendix A.",
    "",
    "3. Reasons for Recommendations",
    "",
    "3.1 The Council must set a balanced budget.",
    "Report author: Sam Patel, Head of Finance",
    "Tel: 01632 960100",
    "Page 2",
]


def papers_agenda() -> list[Item]:
    """Four items: minutes, a report to note, a decision across a page break, a restricted one."""
    return [
        Item("1", "Apologies for Absence", "<p>To receive apologies.</p>"),
        Item(
            "2",
            "Ofsted Inspection Outcome",
            "<p>Report of the Director.</p>",
            documents=[("Ofsted Inspection Outcome report", "mgConvert2PDF.aspx?ID=9101")],
        ),
        Item(
            "3",
            "Children's Social Care Budget 2026/27",
            "<p>Report of the Head of Finance.</p>",
            documents=[
                ("Budget report", "mgConvert2PDF.aspx?ID=9102"),
                ("Appendix A - Placement costs", "mgConvert2PDF.aspx?ID=9103"),
            ],
        ),
        Item(
            "4",
            "Residential Placements Contract",
            "<p>Exempt.</p>",
            restricted=True,
            documents=[("Contract award report", "mgConvert2PDF.aspx?ID=9104")],
        ),
    ]


def publish_papers(site: FakeModernGov) -> None:
    """The June meeting (the next one on NOW) gets its agenda and papers."""
    june = site.meeting(4003)
    june.agenda_published = True
    june.items = papers_agenda()
    site.files["pdf:9101"] = make_pdf(OFSTED_REPORT)
    site.files["pdf:9102"] = make_pdf(BUDGET_REPORT, per_page=11)
    site.files["pdf:9103"] = make_pdf(["Appendix A", "", "Placement costs by type."])
    site.files["pdf:9104"] = make_pdf(["Exempt report"])
