"""Layouts from councils the seeds do not cover, checked field by field.

Each fixture is a short fictional document in one layout. Policy choices:
lettered "(a)/(b)" lines stay inside their parent item unless the heading is
itself numbered ("47(a)."); an unlabelled closing sentence ("The Committee noted
the report.", "The payments schedule was approved.") is a decision only as the
item's last paragraph; "It was noted that ..." never is.
"""

from __future__ import annotations

import datetime as dt

from ingest import ParsedDocument, parse_document
from tests.ingest.conftest import FIXTURES, fold


def parsed(name: str) -> ParsedDocument:
    return parse_document(FIXTURES / name)


def people(doc: ParsedDocument, status: str) -> list[str]:
    return [p.as_printed for p in doc.attendance if p.status == status]


def decisions(doc: ParsedDocument) -> list[list[str]]:
    return [[d.text for d in item.decisions] for item in doc.items]


def test_moderngov_text_with_minutes_and_decision_labels() -> None:
    doc = parsed("moderngov-decision-labels.txt")
    assert (doc.kind, doc.date, doc.time) == ("minutes", dt.date(2023, 3, 14), dt.time(18, 30))
    assert doc.board_name == "Adult Social Care Scrutiny Panel"
    assert doc.venue == "Committee Room 2, Wrexford Civic Centre"
    assert doc.contact == "Imogen Thorne"
    assert [(i.number, i.title) for i in doc.items] == [
        ("41", "Apologies for Absence"),
        ("42", "Declarations of Interest"),
        ("43", "Minutes of the previous meeting"),
        ("44", "Carers Strategy Refresh"),
        ("45", "Day Opportunities Review"),
        ("46", "Date and time of next meeting"),
    ]
    assert people(doc, "apologies") == ["Councillor R Ashdown"]
    assert fold(doc.declarations_of_interest).startswith("councillor p greaves declared")
    assert decisions(doc) == [
        [],
        [],
        [
            "The minutes of the meeting held on 10 January 2023 were confirmed as a correct "
            "record and signed by the Chair."
        ],
        ["That the draft Carers Strategy be endorsed for consultation."],
        [],
        [],
    ]
    assert [i.truncated for i in doc.items] == [False] * 4 + [True, False]
    assert doc.items[3].presenters == ()  # "Report of the Head of Commissioning": no name
    assert doc.items[4].presenters == ("Hartley",)
    assert doc.next_meeting is not None and doc.next_meeting.date == dt.date(2023, 5, 9)
    assert doc.next_meeting.time is None


def test_pdf_header_blocks_attendance_labels_and_declarations() -> None:
    doc = parsed("pdf-header-blocks.txt")
    assert (doc.date, doc.time) == (dt.date(2022, 10, 3), dt.time(14, 0))
    assert doc.board_name == "Licensing and Regulatory Committee"
    assert doc.title_as_printed == "LICENSING AND REGULATORY COMMITTEE"
    assert (doc.venue, doc.contact) == ("Council Chamber, Langstone House", "Neil Osei")
    assert people(doc, "present")[:2] == [
        "Councillor F Marlowe (Chair)",
        "Councillor G Pennick (Vice-Chair)",
    ]
    assert people(doc, "in_attendance") == ["L Tranter", "M Upton", "Councillor N Vane"]
    assert people(doc, "apologies") == ["Councillor P Wragg"]
    sub = next(p for p in doc.attendance if p.status == "substitute")
    assert (sub.name, sub.substitute_for) == ("Councillor K Stott", "Councillor P Wragg")
    assert fold(doc.declarations_of_interest).startswith(
        "councillor j rudd declared a pecuniary interest in item 22/17"
    )
    assert [i.number for i in doc.items] == ["22/14", "22/15", "22/16", "22/17", "22/18"]
    assert decisions(doc)[2] == [
        "The minutes of the previous meeting held on 5 September 2022 were confirmed as a "
        "correct record and signed by the Chair."
    ]
    assert doc.next_meeting is not None
    assert (doc.next_meeting.date, doc.next_meeting.time) == (dt.date(2022, 11, 7), dt.time(14))


def test_lettered_sub_items_stay_in_the_parent_unless_numbered() -> None:
    doc = parsed("pdf-lettered-subitems.txt")
    assert [i.number for i in doc.items] == ["44", "45", "46", "47(a)", "47(b)", "48"]
    assert doc.items[3].title == "ADMISSION AGREEMENT - BRAMWICK ACADEMY TRUST"
    assert decisions(doc)[1] == [
        "RESOLVED that the performance report be noted.",
        "RESOLVED that the revised policy be approved.",
    ]
    assert decisions(doc)[3] == ["RESOLVED that the admission agreement be approved."]


def test_unnumbered_headings_with_no_blank_lines_and_closing_sentences() -> None:
    doc = parsed("pdf-unnumbered-tight.txt")
    assert [(i.number, i.title) for i in doc.items] == [
        (None, "Apologies"),
        (None, "Declarations of Interest"),
        (None, "Payments Schedule"),
        (None, "Grant Applications"),
        (None, "Internal Audit Report"),
        (None, "Play Area Inspection"),
    ]
    assert people(doc, "apologies") == ["Councillor G Ellis"]
    assert doc.declarations_of_interest == "none"
    kinds = [[(d.kind, d.text) for d in item.decisions] for item in doc.items]
    assert kinds[2] == [("agreed", "The payments schedule was approved.")]
    assert kinds[3][0][1].startswith("The Committee decided not to award a grant")
    assert kinds[4] == [("noted", "The Committee noted the internal audit report.")]
    assert kinds[5] == []  # "It was noted that ..." is a remark, not a decision


def test_a_narrative_noted_sentence_mid_item_is_not_a_decision() -> None:
    doc = parsed("scottish-continue.txt")
    assert [d.kind for d in doc.items[0].decisions] == ["deferred"]
    assert [d.text for d in doc.items[1].decisions] == ["The Committee noted the update."]
    assert people(doc, "present")[0] == "Councillor T Lindsay (Convener)"


def test_space_aligned_attendance_table_from_a_pdf() -> None:
    doc = parsed("attendance-space-table.txt")
    assert people(doc, "present") == [
        "Councillor R Oakes (Chair)",
        "Councillor S Pryce (Vice-Chair)",
        "Councillor U Rahman",
    ]
    assert people(doc, "apologies") == ["Councillor T Quilter"]
    assert people(doc, "absent") == ["Councillor V Sandhu"]
    assert [i.title for i in doc.items] == ["Declarations of Interest", "Youth Justice Plan"]


def test_presenters_are_names_without_honorifics_never_job_titles() -> None:
    doc = parsed("presenters-honorifics.txt")
    assert [i.presenters for i in doc.items] == [
        ("Hartley",),
        ("Hartley",),
        ("J Smith",),
        (),
        ("K Lowe",),
    ]


def test_substitute_after_a_plural_group() -> None:
    doc = parsed("substitutes-plural.txt")
    assert people(doc, "apologies") == ["Councillor Smith", "Councillor Jones"]
    assert [p.name for p in doc.by_status("substitute")] == ["Councillor P Brown"]
    assert doc.declarations_of_interest == "none"


def test_action_owner_deadline_table() -> None:
    doc = parsed("actions-table.txt")
    assert [(a.item_ref, a.text, a.owner, a.due) for a in doc.actions] == [
        (
            "3",
            "Publish the consultation on the draft strategy",
            "Director of Public Health",
            dt.date(2023, 7, 31),
        ),
        (
            "3",
            "Report consultation results to the Board",
            "Director of Public Health",
            dt.date(2023, 9, 20),
        ),
    ]
    assert decisions(doc)[0][0].startswith("The minutes of the previous meeting held on 22 March")
    assert doc.next_meeting is not None and doc.next_meeting.date == dt.date(2023, 9, 20)


def test_county_panel_with_a_narrative_deferral_and_substitute_in_brackets() -> None:
    doc = parsed("county-panel-deferred-narrative.txt")
    assert (doc.date, doc.time, doc.venue) == (
        dt.date(2012, 12, 6),
        dt.time(18),
        "County Hall, Dorchester",
    )
    assert doc.board_name == "Corporate Parenting Panel"
    assert people(doc, "present")[0] == "Councillor R Hughes (Chairman)"
    assert people(doc, "apologies") == ["Councillor T Irving", "Councillor L Knight"]
    assert [(p.name, p.substitute_for) for p in doc.attendance if p.status == "substitute"] == [
        ("Councillor K Jones", "Councillor T Irving")
    ]
    assert [p.reason for p in doc.attendance if p.name == "Councillor L Knight"] == ["unwell"]
    # A lone "This item was deferred to …" is the item's outcome, carried to that meeting.
    fostering = doc.items[3]
    assert [(d.text, d.kind) for d in fostering.decisions] == [
        ("This item was deferred to the next meeting on 14 February 2013.", "deferred")
    ]
    assert fostering.deferred_to == dt.date(2013, 2, 14)
    assert [(a.item_ref, a.due) for a in doc.actions] == [
        ("65", None),
        ("65", None),
        ("66", dt.date(2013, 2, 14)),
    ]
    assert doc.next_meeting is not None and doc.next_meeting.date == dt.date(2013, 2, 14)


def test_moderngov_text_with_tabbed_numbers_and_title_comma_name_presenters() -> None:
    doc = parsed("moderngov-text-tab-numbers.txt")
    assert (doc.board_name, doc.date, doc.time) == (
        "Corporate Parenting Board",
        dt.date(2023, 3, 9),
        dt.time(10),
    )
    assert (doc.venue, doc.contact) == (
        "Committee Room 3, Civic Centre, Harrowgate",
        "Priya Mensah",
    )
    assert [(i.number, i.title) for i in doc.items] == [
        ("47", "Apologies for Absence and Substitutions"),
        ("48", "Declarations of Interest"),
        ("49", "Minutes of the meeting held on 12 January 2023"),
        ("50", "Virtual School Headteacher's Annual Report 2021/22"),
        ("51", "Fostering Service Quarterly Performance"),
    ]
    # "The <job title>, <Name>, presented …": the person, never the job title.
    assert [i.presenters for i in doc.items[3:]] == [("Neil Osborne",), ("Carla Benn",)]
    assert decisions(doc)[3] == ["RESOLVED that the report be noted."]
    assert people(doc, "apologies") == ["Councillor D Farrow", "Councillor S Yates"]
    assert [(a.item_ref, a.due) for a in doc.actions] == [("50", None), ("51", dt.date(2023, 6, 8))]


def test_full_names_one_per_line_code_numbers_and_a_next_meeting_line() -> None:
    doc = parsed("city-committee-full-names.txt")
    assert (doc.board_name, doc.date, doc.time) == (
        "Corporate Parenting Committee",
        dt.date(2017, 3, 27),
        dt.time(13),
    )
    # Forename and surname stay together; a bracketed role stays with the name as printed.
    assert people(doc, "present") == [
        "Councillor Grace Okonjo (Chair)",
        "Councillor Peter Lyle",
        "Councillor Hannah Moss",
        "Mrs Joan Pritchard (Co-opted Member)",
    ]
    assert people(doc, "in_attendance") == ["Simon Reeve", "Lucy Tran"]
    assert people(doc, "apologies") == ["Councillor Mark Fenwick"]
    assert [i.number for i in doc.items] == ["CPC/17/09", "CPC/17/10", "CPC/17/11"]
    assert doc.items[1].presenters == ("Simon Reeve",)
    assert [(a.item_ref, a.owner, a.due) for a in doc.actions] == [
        ("CPC/17/10", "SR", dt.date(2017, 4, 30))
    ]
    assert doc.next_meeting is not None
    assert (doc.next_meeting.date, doc.next_meeting.time) == (dt.date(2017, 5, 22), dt.time(13))


def test_a_plural_honorific_heading_over_one_name_a_line() -> None:
    doc = parsed("county-scrutiny-councillors-heading.txt")
    assert (doc.board_name, doc.date, doc.time) == (
        "Children's Services Scrutiny Committee",
        dt.date(2023, 6, 14),
        dt.time(10, 30),
    )
    # "County Councillors" heads the names below it, as "Councillors A, B" does in a line.
    assert people(doc, "present") == [
        "County Councillor Andy Pratt (Chair)",
        "County Councillor J Berry",
        "County Councillor S Clarke",
        "County Councillor M Pattison",
        "County Councillor J Shedwick",
    ]
    assert people(doc, "apologies") == [
        "County Councillor Case",
        "County Councillor Leadbetter",
        "County Councillor Taylor",
        "Paul Armitage",
    ]
    assert doc.declarations_of_interest == "none"
    assert doc.items[3].presenters == ("Sally Richardson",)
    assert [a.text for a in doc.actions] == [
        "Provide a further update to the committee in six months"
    ]
    assert doc.next_meeting is not None
    assert (doc.next_meeting.date, doc.next_meeting.time) == (dt.date(2023, 7, 19), dt.time(10, 30))


def test_a_moderngov_agenda_with_number_and_title_on_one_line() -> None:
    doc = parsed("moderngov-agenda-numbered-lines.txt")
    assert (doc.kind, doc.date, doc.time) == ("agenda", dt.date(2027, 1, 13), dt.time(14))
    assert (doc.venue, doc.contact) == ("Mandela Room, Town Hall", "Susan Hale")
    assert [(i.number, i.title) for i in doc.items] == [
        ("1", "Welcome and Introductions"),
        ("2", "Apologies for Absence"),
        ("3", "Declarations of Interest"),
        ("4", "Minutes of the previous meeting held on 4 November 2026"),
        ("5", "Children in Care Council Update"),
        ("6", "Fostering Sufficiency Report"),
        ("7", "Any Other Urgent Business"),
    ]
    # After a "Report of the Director." line, the next sentence names the presenter.
    assert doc.items[5].presenters == ("Ruth Allen",)
    assert all(not i.decisions for i in doc.items) and not doc.attendance and not doc.actions
