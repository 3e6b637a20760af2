"""An agenda pack PDF as councils publish them: the agenda with page references, then reports."""

from __future__ import annotations

from tests.ingest.pdfmaker import make_pages_pdf

FOSTERING_RECOMMENDATION = (
    "2.1 That the Board approves the revised fostering allowances for 2027/28."
)


def pack_pages(report_pages: int = 2) -> list[list[str]]:
    """Agenda (pages 1-2), item 4's report, item 5's report, exempt item 6's report."""
    first = 3
    second = first + report_pages
    third = second + report_pages
    agenda = [
        "NORTHMOOR BOROUGH COUNCIL",
        "CORPORATE PARENTING BOARD",
        "Date: Wednesday, 9 December 2026",
        "Time: 2.00 pm",
        "AGENDA",
        "1. Apologies for Absence",
        "To receive apologies for absence.",
        f"4. Fostering Allowances 2027/28 (Pages {first} - {second - 1})",
        "Report of the Director of Children's Services.",
        f"5. Virtual School Annual Report (Pages {second} - {third - 1})",
        "Report of the Virtual School Head.",
        "6. Residential Placements Contract",
        f"(Pages {third} - {third})",
        "The public are likely to be excluded for this item, which involves exempt information",
        "under paragraph 3 of Schedule 12A to the Local Government Act 1972.",
        "Page 1",
    ]
    pages = [agenda, ["Membership: Councillors H Adeyemi (Chair) and S Whitcombe", "Page 2"]]
    fostering = [
        "Agenda Item 4",
        "Fostering Allowances 2027/28",
        "1. Purpose of Report",
        "1.1 To set out revised fostering allowances.",
        "2. Recommendations",
        FOSTERING_RECOMMENDATION,
        "3. Reasons for Recommendations",
        "3.1 Allowances have not kept pace with the cost of caring for a child.",
    ]
    pages.append([*fostering, f"Page {first}"])
    pages += [[f"Appendix text {n}.", f"Page {first + n}"] for n in range(1, report_pages)]
    school = [
        "Agenda Item 5",
        "Virtual School Annual Report",
        "1. Summary",
        "1.1 Attainment of children in care at Key Stage 4 rose this year.",
    ]
    pages.append([*school, f"Page {second}"])
    pages += [[f"School text {n}.", f"Page {second + n}"] for n in range(1, report_pages)]
    pages.append(
        [
            "Agenda Item 6",
            "Recommendation",
            "That the residential placements contract be awarded to Acme Care.",
            f"Page {third}",
        ]
    )
    return pages


def pack_pdf(report_pages: int = 2) -> bytes:
    return make_pages_pdf(pack_pages(report_pages))
