"""The PDF fixtures, written from the text below by ``pdfmaker`` (fictional councils).

A PDF fixture is committed as bytes so the fidelity benchmark reads it like any
other document; ``test_fidelity`` checks each still matches what this module
writes. Regenerate after an edit with:

    .venv/bin/python -m tests.ingest.pdf_fixtures
"""

from __future__ import annotations

from collections.abc import Callable

from tests.ingest.conftest import FIXTURES
from tests.ingest.pdfmaker import Placed, make_pdf, make_placed_pdf

_COVER = """Public Document Pack
Greywater Borough Council
Notice of meeting
Corporate Parenting Panel
Date: Wednesday, 12 March 2025
Time: 4.00 pm
Venue: Committee Room 2, Greywater Town Hall,
Market Street, Greywater
Membership: Councillors J Aldous (Chair), K Brightwell (Vice-Chair), S Dunmore,
M Farrant and R Glover.
Quorum: 3 members
Contact: Imogen Reyes, Democratic Services (01632 960456)
Published: Tuesday, 4 March 2025"""

_AGENDA = """AGENDA

1. Apologies for Absence
To receive apologies for absence and notification of substitutes.

2. Declarations of Interest
Members are reminded to declare any interests in items on this agenda.

3. Minutes (Pages 5 - 12)
To confirm the minutes of the meeting held on 15 January 2025.

4. Care Leavers' Local Offer - Annual Review (Pages 13 - 28)
Report of the Assistant Director, Children's Social Care.

5. Children in Care Council Update (Pages 29 - 34)
Presentation by the Participation Lead.

6. Date of Next Meeting
The next meeting is scheduled for Wednesday, 14 May 2025 at 4.00 pm.

Page 1"""


def agenda_cover_notice() -> bytes:
    """A cover page ("Notice of meeting") before the agenda, page ranges after titles."""
    return make_pdf([*_COVER.splitlines(), *[""] * 50, *_AGENDA.splitlines()], per_page=55)


_SUMMONS = """HOLLINSBY TOWN COUNCIL
Town Hall, Bridge Street, Hollinsby
To: All Members of the Finance and General Purposes Committee
You are hereby summoned to attend a meeting of the Finance and General Purposes
Committee to be held in the Council Chamber, Hollinsby Town Hall on Monday
3 March 2025 at 7.00 pm for the purpose of transacting the business below.
R. Castellano
Town Clerk
24 February 2025"""

_SUMMONS_AGENDA = """AGENDA
FGP/25/31 Apologies for absence
To receive and approve apologies for absence.
FGP/25/32 Declarations of interest
To receive declarations of interest in items on the agenda.
FGP/25/33 Minutes (Pages 3 - 6)
To approve the minutes of the meeting held on 13 January 2025.
FGP/25/34 Accounts for payment (Pages 7 - 9)
To approve the schedule of payments for January and February 2025.
FGP/25/35 Grants to local organisations (Pages 11 - 14)
To consider applications received from the Hollinsby Youth Club and the
Bridge Street Community Garden.
FGP/25/36 Internal audit - interim report (Pages 15 - 18)
To receive the internal auditor's interim report for 2024/25.
FGP/25/37 Exclusion of the press and public
To resolve that the press and public be excluded for the following item
as it concerns staffing matters.
FGP/25/38 Staffing Committee recommendations
To consider the recommendations of the Staffing Committee."""


def agenda_cover_summons() -> bytes:
    """A parish-style summons on its own page, then agenda items coded FGP/25/NN."""
    return make_pdf([*_SUMMONS.splitlines(), *[""] * 60, *_SUMMONS_AGENDA.splitlines()])


def _two_columns(top: list[str], left: list[str], right: list[str], body: list[str]) -> bytes:
    """A first page whose label block sits in two columns, written row by row."""
    page: Placed = [(40.0, 800.0 - 14 * i, text) for i, text in enumerate(top)]
    y0 = 800.0 - 14 * (len(top) + 1)
    for i in range(max(len(left), len(right))):
        if i < len(left) and left[i]:
            page.append((40.0, y0 - 14 * i, left[i]))
        if i < len(right) and right[i]:
            page.append((320.0, y0 - 14 * i, right[i]))
    y1 = y0 - 14 * (max(len(left), len(right)) + 1)
    page += [(40.0, y1 - 14 * i, text) for i, text in enumerate(body) if text]
    return make_placed_pdf([page])


def venue_right_column() -> bytes:
    """Minutes whose venue wraps inside the right-hand column of the header block."""
    return _two_columns(
        ["Rowanmere Metropolitan Borough Council", "Health Scrutiny Panel", "Minutes"],
        [
            "Present:",
            "Councillor D Ashworth (Chair)",
            "Councillor F Brennan",
            "Councillor H Castellan",
            "Councillor J Dorrington",
            "",
            "Apologies:",
            "Councillor L Eastham",
        ],
        [
            "Date: Tuesday 8 April 2025",
            "Time: 10.00 am",
            "Venue: Council Chamber, Rowanmere",
            "Civic Centre, Station Road, Rowanmere",
            "Clerk: Nadia Pereira",
        ],
        [
            "41. Declarations of Interest",
            "There were no declarations of interest.",
            "42. Child and Adolescent Mental Health Services - Waiting",
            "Times",
            "The Director of Commissioning presented the report on waiting times for",
            "assessment and treatment.",
            "RESOLVED that:",
            "(a) the report be noted; and",
            "(b) an update on the single point of access be presented to the Panel in",
            "July 2025.",
            "43. Integrated Care Board Joint Forward Plan",
            "RESOLVED that the Panel's comments be forwarded to the Integrated Care Board.",
        ],
    )


def lettered_items_pdf() -> bytes:
    """A panel whose agenda letters its items (a), (b), (c) instead of numbering them."""
    return make_pdf(
        """KELDMOOR DISTRICT COUNCIL
LICENSING SUB-COMMITTEE
Minutes of a meeting held on Friday 21 February 2025 at 10.00 am
at Keldmoor House, Keldmoor
Present: Councillor O Finchley (Chair), Councillor P Grange and Councillor
R Hollis
Officers: S Ibbetson (Licensing Officer), T Jarvis (Legal Adviser)

(a) Election of Chair for the Meeting
RESOLVED that Councillor O Finchley be elected Chair for the meeting.
(b) Declarations of Interest
There were no declarations of interest.
(c) Application for a Premises Licence - The Old Granary, Mill
Lane, Keldmoor
The Sub-Committee considered an application for a premises licence. The
Licensing Officer outlined the representations received from two residents.
RESOLVED that the licence be granted subject to the conditions set out in
Appendix B to the report.
(d) Review of a Personal Licence
RESOLVED that the matter be deferred to the next meeting of the
Sub-Committee.""".splitlines()
    )


def title_hyphen_pdf() -> bytes:
    """Numbered titles wrapped at a hyphen, in a PDF's text layer."""
    return make_pdf(
        """EASTLING COUNTY COUNCIL
Children and Young People's Overview and Scrutiny Committee
Minutes of the meeting held on Thursday 5 December 2024 at 10.00 am
in the Council Chamber, County Hall, Eastling
Present: Councillor M Quennell (Chair), Councillor N Rudd, Councillor
P Sefton and Councillor R Thwaite
Apologies: Councillor S Upward

22. Declarations of Interest
There were no declarations of interest.
23. Special Educational Needs and Disabilities - Self-
Evaluation
The Assistant Director for Inclusion presented the self-evaluation, which had been
shared with the Department for Education in October.
RESOLVED that the self-evaluation be noted and a further update be brought to the
next meeting.
24. Post-16 Participation and Not in Education, Employment or Training (NEET) Year-
End Report
RESOLVED that the report be noted.
25. Date of Next Meeting
The next meeting will be held on Thursday 6 March 2025 at 10.00 am.""".splitlines()
    )


def resolution_page_break() -> bytes:
    """Lettered resolution parts wrapped across lines and across a page break with a footer
    and a running head, and a follow-up owned by an officer."""
    page_one = """Calderwick Borough Council
Minutes of the Corporate Parenting Board
held on Tuesday 10 June 2025 at 5.00 pm in Committee Room 3, Calderwick Town Hall
Present: Councillor A Pendle (Chair), Councillor B Quarmby (Vice-Chair), Councillor
C Royle and Councillor D Sowerby
Apologies: Councillor E Tattersall
8. Declarations of Interest
There were no declarations of interest.
9. Care Leavers Accommodation
The Head of Service for Care Leavers presented the report on supported
accommodation for young people leaving care. Members asked about the number of
young people placed outside the borough and the Head of Service agreed to circulate
the figures to members after the meeting.
RESOLVED that:
(a) the report be noted;
(b) the Board's thanks be passed to the care leavers who took part in the review;
and
(c) a report on the cost of supported accommodation placements outside the""".splitlines()
    page_two = """Corporate Parenting Board - 10 June 2025
borough be brought to the next meeting.
10. Children in Care Council
The Participation Officer introduced members of the Children in Care Council, who
presented the results of their survey.
RESOLVED that the survey results be noted and a response to the Children in Care
Council be prepared by the end of July 2025.
11. Date of Next Meeting
Tuesday 9 September 2025 at 5.00 pm.""".splitlines()
    return make_pdf([*page_one, *[""] * (53 - len(page_one)), "Page 1 of 2", "", *page_two])


def venue_right_column_agenda() -> bytes:
    """An agenda whose cover has labels on the left and values in a right-hand column,
    the venue wrapped over two lines of that column."""
    return _two_columns(
        ["STOURMERE DISTRICT COUNCIL", "Notice of meeting and agenda", "Licensing Committee"],
        ["Date:", "Time:", "Venue:", "", "Contact:"],
        [
            "Monday, 1 December 2025",
            "6.00 pm",
            "Council Chamber, Stourmere",
            "District Offices, Mill Road",
            "Bethan Achterberg",
        ],
        [
            "AGENDA",
            "1. Apologies for Absence",
            "2. Declarations of Interest",
            "3. Minutes (Pages 3 - 8)",
            "To approve the minutes of the meeting held on 6 October 2025.",
            "4. Statement of Licensing Policy 2026-2031 - Consultation",
            "Responses (Pages 9 - 40)",
            "Report of the Licensing Manager.",
            "5. Taxi and Private Hire Vehicle Age Policy (Pages 41 - 52)",
            "Report of the Licensing Manager.",
        ],
    )


def people_surname_first_officers() -> bytes:
    """Surname-first councillors in two columns and officers' posts, with no blank lines."""
    return make_pdf(
        """THORNBURY VALE COUNTY COUNCIL
SCHOOLS ADMISSIONS FORUM
MINUTES of a meeting of the Schools Admissions Forum
held at County Hall, Thornbury on Thursday 15 May 2025 at 4.00 pm
PRESENT
COUNCILLORS
Trevelyan, A. (Chair)       Underwood, B.
Varga, C.
OFFICERS
Whitcombe, D.      Head of Admissions and Transport
Yilmaz, E.         School Place Planning Manager
APOLOGIES
None received
1. DECLARATIONS OF INTEREST
None.
2. ADMISSION ARRANGEMENTS 2026/27
RESOLVED - That the admission arrangements for 2026/27 be recommended for determination.
3. IN-YEAR ADMISSIONS
RESOLVED - That the report be noted.
The meeting closed at 5.10 pm.
Chair""".splitlines()
    )


def agenda_cover_pages_column() -> bytes:
    """A cover page, then agenda items with page ranges in a right-hand "Pages" column."""
    cover: Placed = [
        (40.0, 800.0, "THISTLEBROOK COUNCIL"),
        (40.0, 770.0, "NOTICE OF MEETING"),
        (40.0, 740.0, "Children and Young People's Partnership Board"),
        (40.0, 710.0, "Date and time: Friday 6 March 2026, 9.30 am"),
        (40.0, 696.0, "Place: Conference Room 1, Thistlebrook House,"),
        (40.0, 682.0, "Abbey Road, Thistlebrook"),
        (40.0, 650.0, "Enquiries to: Callum Reid, Partnership Support Officer"),
        (40.0, 620.0, "Distribution: Members of the Board"),
    ]
    agenda: Placed = [
        (40.0, 800.0, "AGENDA"),
        (480.0, 800.0, "Pages"),
        (40.0, 770.0, "1. Welcome and Apologies"),
        (40.0, 745.0, "2. Notes of the Last Meeting and Action Log"),
        (480.0, 745.0, "3 - 10"),
        (40.0, 731.0, "To agree the notes of the meeting held on 5 December 2025."),
        (40.0, 706.0, "3. Early Years Entitlements - Expansion Update"),
        (480.0, 706.0, "11 - 18"),
        (40.0, 692.0, "Update from the Head of Early Years on the expansion of funded"),
        (40.0, 678.0, "childcare for working parents."),
        (40.0, 653.0, "4. Any Other Business"),
        (40.0, 628.0, "5. Date of Next Meeting"),
        (40.0, 614.0, "Friday 5 June 2026 at 9.30 am."),
    ]
    return make_placed_pdf([cover, agenda])


def lettered_items_wrapped_pdf() -> bytes:
    """Town council minutes lettered (a)-(e), one title wrapped over two lines."""
    return make_pdf(
        """WHINMOOR TOWN COUNCIL
PLANNING AND ENVIRONMENT COMMITTEE
Minutes of the meeting held on Monday 9 March 2026 at 7.00 pm in the
Council Chamber, Whinmoor Town Hall
Present: Cllr V Abrams (Chair), Cllr W Bolt and Cllr X Carrick
(a) Apologies for Absence
Apologies were received from Cllr Y Denton.
(b) Declarations of Interest
None.
(c) Planning Application 26/0142 - Former Bus Depot, Station
Road - Change of Use
RESOLVED that the Town Council objects to the application on highway safety
grounds and that the Clerk forwards the objection to the planning authority by
20 March 2026.
(d) Tree Planting Scheme
RESOLVED that a report on sites for the scheme be brought to the next meeting.
(e) Date of Next Meeting
Monday 13 April 2026 at 7.00 pm.""".splitlines()
    )


def resolution_dotted_letters_pdf() -> bytes:
    """Bare-number headings, resolution parts lettered "a." "b." and wrapped mid-clause."""
    return make_pdf(
        """BRIARLEY COUNTY COUNCIL
Adult Social Care Overview and Scrutiny Committee
Minutes of the meeting held on Monday 16 March 2026 at 10.30 am at County Hall,
Briarley
Members present: County Councillors H Aldred (Chairman), J Bastow, K Chadwick and
L Denby
Apologies: County Councillor M Ewart
14 Declarations of Interest
County Councillor K Chadwick declared a personal interest in item 15 as a carer.
15 Carers Support Service Recommissioning
The Assistant Director for Commissioning presented the proposals for the
recommissioned carers support service.
RESOLVED:
a. that the proposals be supported;
b. that a report on the outcome of the tender be brought to the Committee in
October 2026; and
c. that the Chairman write to the Cabinet Member setting out the Committee's
comments.
16 Work Programme
RESOLVED: that the work programme be noted.""".splitlines()
    )


def people_surname_first_columns_pdf() -> bytes:
    """Surname-first councillors placed in two real columns, as a word processor writes them."""
    return _two_columns(
        [
            "TARNSIDE COUNTY COUNCIL",
            "PEOPLE OVERVIEW AND SCRUTINY COMMITTEE",
            "Minutes of the meeting held at County Hall, Tarnside on Tuesday 3 February 2026 at "
            "10.00 am",
            "PRESENT",
            "COUNCILLORS",
        ],
        ["Ashworth, P. (Chair)", "Bolton, R.", "Catlow, S.", "Duckworth, T."],
        ["Eccles, U. (Vice-Chair)", "Fielding, V.", "Greenwood, W."],
        [
            "OFFICERS",
            "Hargreaves, X.      Director of Children's Services",
            "Illingworth, Y.     Scrutiny Manager",
            "APOLOGIES",
            "Councillor Jackson, Z.",
            "1. DECLARATIONS OF INTEREST",
            "None.",
            "2. SEND SUFFICIENCY",
            "RESOLVED - That the report be noted.",
            "The meeting closed at 11.20 am.",
            "Chair",
        ],
    )


def agenda_summons_parts() -> bytes:
    """A summons cover (venue wrapped, the Chief Executive's name and a publication date
    below it), then an agenda in Part 1 and Part 2 with page ranges."""
    cover = """Public Document Pack
Brookhaven Borough Council
SUMMONS AND AGENDA
Adoption and Fostering Panel
to be held on Thursday, 21 May 2026 at 10.00 am
in Meeting Room 6, Brookhaven Civic Centre,
Riverside Way, Brookhaven
Chief Executive
Published 13 May 2026""".splitlines()
    agenda = """AGENDA
PART 1 - ITEMS IN PUBLIC
1 Apologies
2 Declarations of Interest
3 Minutes of the Previous Meeting (Pages 3 - 8)
To agree the minutes of the meeting held on 19 March 2026.
4 Fostering Service Quarterly Performance (Pages 9 - 20)
Report of the Fostering Service Manager.
PART 2 - ITEMS IN PRIVATE
5 Exclusion of the Press and Public
To resolve that the press and public be excluded for the following item
under paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972.
6 Foster Carer Review (Pages 21 - 30)
Report of the Fostering Service Manager.""".splitlines()
    return make_pdf([*cover, *[""] * 50, *agenda])


def pdf_running_heads_resolution_split() -> bytes:
    """Two pages, each with a running head and a numbered footer, a resolution's lettered
    parts broken across the page boundary, attendance with party labels."""
    head = ["Oakridge District Council", "Licensing Committee - 12 May 2026", ""]
    first = [
        "OAKRIDGE DISTRICT COUNCIL",
        "",
        "MINUTES of a meeting of the LICENSING COMMITTEE held in the Council Chamber,",
        "Oakridge House, Bank Street, Oakridge on Tuesday 12 May 2026 at 2.00 pm",
        "",
        "PRESENT: Councillor V Ashby (Con) (Chairman); Councillor W Bryce (LD) (Vice-Chairman);",
        "Councillors X Carew (Lab), Y Dorsey (Con) and Z Ellwood (Ind).",
        "",
        "APOLOGIES: Councillor A Finch (Lab).",
        "",
        "14. DECLARATIONS OF INTEREST",
        "",
        "There were none.",
        "",
        "15. STREET TRADING POLICY REVIEW",
        "",
        "The Licensing Manager presented the consultation responses.",
        "",
        "RESOLVED that:",
        "(a) the revised Street Trading Policy be recommended to Council for",
    ]
    second = [
        "    adoption; and",
        "(b) the Licensing Manager publish the fee schedule on the Council's website by",
        "    30 June 2026.",
        "",
        "16. GAMBLING ACT 2005 - LOCAL AREA PROFILE",
        "",
        "RESOLVED that the local area profile be noted.",
        "",
        "The meeting closed at 3.10 pm.",
    ]
    return make_pdf(
        [*head, *first, "", "Page 1", *head, *second, "", "Page 2"],
        per_page=len(head) + len(first) + 2,
    )


PDFS: dict[str, Callable[[], bytes]] = {
    "pdf-running-heads-resolution-split": pdf_running_heads_resolution_split,
    "agenda-summons-parts": agenda_summons_parts,
    "resolution-dotted-letters-pdf": resolution_dotted_letters_pdf,
    "agenda-cover-pages-column": agenda_cover_pages_column,
    "lettered-items-wrapped-pdf": lettered_items_wrapped_pdf,
    "resolution-page-break": resolution_page_break,
    "venue-right-column-agenda": venue_right_column_agenda,
    "agenda-cover-notice": agenda_cover_notice,
    "agenda-cover-summons": agenda_cover_summons,
    "venue-right-column": venue_right_column,
    "lettered-items-pdf": lettered_items_pdf,
    "title-hyphen-pdf": title_hyphen_pdf,
    "people-surname-first-officers": people_surname_first_officers,
    "people-surname-first-columns-pdf": people_surname_first_columns_pdf,
}


def write_all() -> None:
    for name, build in PDFS.items():
        (FIXTURES / f"{name}.pdf").write_bytes(build())


if __name__ == "__main__":
    write_all()
