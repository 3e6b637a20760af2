"""Report pages in many councils' templates, with the sections a reader must find, as printed.

Written before the finders (``ingest.parsers.report_sections``), and scored by
``benchmarks/bench_report_sections.py`` then and since. Each expectation is
(text as printed, first page, last page), or None where the report has no such
section. ``none`` is the report's own words saying it makes no recommendation.
"""

from __future__ import annotations

from dataclasses import dataclass

Expected = tuple[str, int, int] | None


@dataclass(frozen=True)
class Case:
    name: str
    pages: tuple[str, ...]
    purpose: Expected = None
    reasons: Expected = None
    author: Expected = None
    none: str | None = None


CASES: tuple[Case, ...] = (
    Case(
        "numbered cabinet report",
        (
            "Cabinet\n12 March 2026\nFostering Allowances 2026/27\n\n1. Purpose of Report\n\n"
            "1.1 To set out revised fostering allowances for approval.\n\n2. Recommendations\n\n"
            "2.1 That Cabinet approves the allowances.\n\n3. Reasons for Recommendations\n\n"
            "3.1 The allowances were last set in 2019 and no longer meet the cost of care.\n\n"
            "4. Background\n\n4.1 Text.\n\nReport author: Jane Okafor, Head of Fostering\n"
            "Tel: 01632 960123\nEmail: jane.okafor@northmoor.gov.uk\n",
        ),
        purpose=("1.1 To set out revised fostering allowances for approval.", 1, 1),
        reasons=(
            "3.1 The allowances were last set in 2019 and no longer meet the cost of care.",
            1,
            1,
        ),
        author=(
            "Report author: Jane Okafor, Head of Fostering\nTel: 01632 960123\n"
            "Email: jane.okafor@northmoor.gov.uk",
            1,
            1,
        ),
    ),
    Case(
        "capitals headings, contact officer block",
        (
            "REPORT TO THE LICENSING COMMITTEE\n\nPURPOSE OF REPORT\n\nTo consult on the "
            "statement of licensing policy.\n\nRECOMMENDATION\n\nThat the Committee approves "
            "the consultation.\n\nREASONS FOR RECOMMENDATION\n\nThe policy must be reviewed "
            "every five years.\n\nBACKGROUND\n\nText.\n",
            "CONTACT OFFICER\n\nKaren Upton, Licensing Manager\n01632 960555\n"
            "karen.upton@casterbridge.gov.uk\n\nBACKGROUND PAPERS\n\nNone.\n",
        ),
        purpose=("To consult on the statement of licensing policy.", 1, 1),
        reasons=("The policy must be reviewed every five years.", 1, 1),
        author=(
            "Karen Upton, Licensing Manager\n01632 960555\nkaren.upton@casterbridge.gov.uk",
            2,
            2,
        ),
    ),
    Case(
        "cover sheet labels",
        (
            "Health and Wellbeing Board\nReport title: Pharmaceutical Needs Assessment\n"
            "Report author: Dr A Patel, Consultant in Public Health\n"
            "Purpose of the report: To ask the Board to publish the assessment.\n"
            "Recommended action: The Board publishes the assessment.\n"
            "Reason for decision: The Board has a statutory duty to publish it every three years.\n"
            "\nMain report\n\n1. Introduction\n\nText.\n",
        ),
        purpose=("Purpose of the report: To ask the Board to publish the assessment.", 1, 1),
        reasons=(
            "Reason for decision: The Board has a statutory duty to publish it every three years.",
            1,
            1,
        ),
        author=("Report author: Dr A Patel, Consultant in Public Health", 1, 1),
    ),
    Case(
        "executive summary over a page break",
        (
            "Audit and Governance Committee\n\nExecutive Summary\n\nThe internal audit plan "
            "covers the year from April and sets out\nPage 1",
            "the assurance work planned for each directorate.\n\nRecommendations\n\n"
            "The Committee is asked to approve the plan.\n\nReasons for the Recommendation\n\n"
            "The Committee approves the plan each year under its terms of reference.\nPage 2",
            "Appendices\n\nAppendix 1: Plan\n\nContact: Tom Reed, Chief Internal Auditor, "
            "tom.reed@borsetshire.gov.uk\nPage 3",
        ),
        purpose=(
            "The internal audit plan covers the year from April and sets out "
            "the assurance work planned for each directorate.",
            1,
            2,
        ),
        reasons=(
            "The Committee approves the plan each year under its terms of reference.",
            2,
            2,
        ),
        author=("Contact: Tom Reed, Chief Internal Auditor, tom.reed@borsetshire.gov.uk", 3, 3),
    ),
    Case(
        "report for information says so",
        (
            "Corporate Parenting Board\n\n1. Summary\n\n1.1 This report updates the Board on "
            "the virtual school.\n\n2. Recommendations\n\n2.1 None. This report is for "
            "information only.\n\n3. Main Issues\n\n3.1 Text.\n\nContact Officer: Sam Hill, "
            "Virtual School Head (Tel 01632 960777)\n",
        ),
        purpose=("1.1 This report updates the Board on the virtual school.", 1, 1),
        author=("Contact Officer: Sam Hill, Virtual School Head (Tel 01632 960777)", 1, 1),
        none="2.1 None. This report is for information only.",
    ),
    Case(
        "no recommendations heading at all",
        (
            "Scrutiny Panel\n\nPurpose\n\nTo give the Panel the quarterly performance figures.\n"
            "\nThis report is for information and there are no recommendations.\n\nKey Issues\n\n"
            "Text.\n",
        ),
        purpose=(
            "To give the Panel the quarterly performance figures.\n"
            "This report is for information and there are no recommendations.",
            1,
            1,
        ),
        none="This report is for information and there are no recommendations.",
    ),
    Case(
        "planning: reasons for decision and report author heading",
        (
            "Planning Committee\n\nSummary of the Report\n\nAn application for 40 homes at "
            "Mill Lane.\n\nRECOMMENDATION\n\nGRANT permission subject to conditions.\n\n"
            "Reasons for Decision\n\nThe scheme accords with policy H2 of the Local Plan.\n\n"
            "Report Author\n\nMark Sykes\nPrincipal Planning Officer\n01632 960999\n\n"
            "Site Description\n\nText.\n",
        ),
        purpose=("An application for 40 homes at Mill Lane.", 1, 1),
        reasons=("The scheme accords with policy H2 of the Local Plan.", 1, 1),
        author=("Mark Sykes\nPrincipal Planning Officer\n01632 960999", 1, 1),
    ),
    Case(
        "decimal numbered headings 1.0",
        (
            "1.0 PURPOSE OF THE REPORT\n\n1.1 To seek approval of the Sufficiency Strategy.\n"
            "1.2 The strategy runs to 2029.\n\n2.0 RECOMMENDATIONS\n\n2.1 To approve the "
            "strategy.\n\n3.0 REASONS FOR RECOMMENDATIONS\n\n3.1 The Council has a duty to "
            "secure sufficient accommodation.\n\n4.0 BACKGROUND\n\n4.1 Text.\n",
            "Report Author(s): Priya Shah, Commissioning Manager, priya.shah@ambridge.gov.uk\n",
        ),
        purpose=(
            "1.1 To seek approval of the Sufficiency Strategy.\n1.2 The strategy runs to 2029.",
            1,
            1,
        ),
        reasons=(
            "3.1 The Council has a duty to secure sufficient accommodation.",
            1,
            1,
        ),
        author=(
            "Report Author(s): Priya Shah, Commissioning Manager, priya.shah@ambridge.gov.uk",
            2,
            2,
        ),
    ),
    Case(
        "purpose label with reasons across pages",
        (
            "Cabinet Member Decision\n\nPurpose: To award the home to school transport "
            "contract.\n\nRecommendations\n\nThat the contract be awarded to Acme Travel.\n\n"
            "Reasons for Recommendations\n\nAcme Travel's tender was the most economically",
            "advantageous of the four received.\n\nOther options considered\n\nNone.\n\n"
            "Lead officer: R Gill, Head of Transport\n",
        ),
        purpose=("Purpose: To award the home to school transport contract.", 1, 1),
        reasons=(
            "Acme Travel's tender was the most economically advantageous of the four received.",
            1,
            2,
        ),
        author=("Lead officer: R Gill, Head of Transport", 2, 2),
    ),
    Case(
        "report with nothing but background",
        ("Background\n\nThe board asked for this note.\n\nNext Steps\n\nText.\n",),
    ),
    Case(
        "further information contact sentence",
        (
            "Children and Young People Scrutiny\n\n1. Purpose and Summary\n\n1.1 To review "
            "the placement sufficiency duty.\n\n2. Recommendations\n\n2.1 The Committee is "
            "asked to note the report.\n\n3. Background\n\n3.1 Text.\n\nFor further "
            "information please contact: Leah Moss, Service Manager, 01632 960444\n",
        ),
        purpose=("1.1 To review the placement sufficiency duty.", 1, 1),
        author=(
            "For further information please contact: Leah Moss, Service Manager, 01632 960444",
            1,
            1,
        ),
    ),
    Case(
        "welsh-style headings, reasons for the proposed decision",
        (
            "Report to Cabinet\n\nPurpose of Report\n\nTo agree the Welsh Language Promotion "
            "Strategy.\n\nRecommendation(s)\n\nThat Cabinet agrees the strategy.\n\n"
            "Reason(s) for the Recommendation(s)\n\nThe Council must publish a five year "
            "strategy.\n\nImplications\n\nNone.\n\nContact Officer(s)\n\nGwen Evans\n"
            "Tel: 01632 960321\nE-mail: gwen.evans@caerwen.gov.wales\n",
        ),
        purpose=("To agree the Welsh Language Promotion Strategy.", 1, 1),
        reasons=("The Council must publish a five year strategy.", 1, 1),
        author=("Gwen Evans\nTel: 01632 960321\nE-mail: gwen.evans@caerwen.gov.wales", 1, 1),
    ),
)

# Written after the finders, scored once before any change to them (the held-out figure).
HELD_OUT: tuple[Case, ...] = (
    Case(
        "scrutiny briefing with an introduction and author table row",
        (
            "Overview and Scrutiny Committee\n\nReport Author   Helen Ward, Scrutiny Officer\n"
            "Telephone   01632 960111\n\n1. Summary\n\n1.1 The Committee asked for a briefing "
            "on school exclusions.\n1.2 This briefing is for information.\n\n2. Background\n\n"
            "2.1 Text.\n",
        ),
        purpose=(
            "1.1 The Committee asked for a briefing on school exclusions.\n"
            "1.2 This briefing is for information.",
            1,
            1,
        ),
        author=("Report Author   Helen Ward, Scrutiny Officer\nTelephone   01632 960111", 1, 1),
    ),
    Case(
        "health board paper, purpose of the paper",
        (
            "Integrated Care Board\n\nPurpose of the paper\n\nTo update the Board on winter "
            "planning across the system,\nincluding discharge to assess.\n\nRecommendation\n\n"
            "The Board is asked to note the update.\n\nAuthor: Dr Chris Lowe, Medical Director\n",
        ),
        purpose=(
            "To update the Board on winter planning across the system, including discharge to "
            "assess.",
            1,
            1,
        ),
        author=("Author: Dr Chris Lowe, Medical Director", 1, 1),
    ),
    Case(
        "reasons for recommendations with lettered list",
        (
            "Cabinet\n\n3. Reasons for Recommendations\n\n(a) The current contract ends in "
            "March.\n(b) The new model saves £0.4m a year.\n\n4. Alternative Options "
            "Considered\n\n4.1 To extend the contract.\n",
        ),
        reasons=(
            "(a) The current contract ends in March. (b) The new model saves £0.4m a year.",
            1,
            1,
        ),
    ),
    Case(
        "no decision required",
        (
            "Schools Forum\n\nPurpose of Report\n\nTo report the high needs block outturn.\n\n"
            "Decision Required\n\nNo decision is required.\n\nContact details\n\nAlan Burns\n"
            "alan.burns@wessex.gov.uk\n",
        ),
        purpose=("To report the high needs block outturn.", 1, 1),
        author=("Alan Burns\nalan.burns@wessex.gov.uk", 1, 1),
        none="No decision is required.",
    ),
    Case(
        "summary over page break with running header",
        (
            "Corporate Parenting Board - 9 December 2026\n\nSummary\n\nCare leavers' "
            "accommodation has improved, with 92% in suitable\n2",
            "Corporate Parenting Board - 9 December 2026\naccommodation at the end of "
            "September.\n\nRecommendations\n\n1. To endorse the Local Offer.\n3",
            "Corporate Parenting Board - 9 December 2026\nReasons for Recommendations\n\n"
            "The Local Offer must be reviewed each year.\n4",
        ),
        purpose=(
            "Care leavers' accommodation has improved, with 92% in suitable accommodation at "
            "the end of September.",
            1,
            2,
        ),
        reasons=("The Local Offer must be reviewed each year.", 3, 3),
    ),
)
