"""The blind set (``blind/README.md``): layouts first met after the parsers were written."""

from __future__ import annotations

import datetime as dt

from ingest import parse_document
from tests.ingest import fidelity

BLIND = fidelity.BLIND


def test_a_no_item_header_over_bare_titles_keeps_every_title() -> None:
    doc = parse_document(BLIND / "fixtures" / "agenda-no-item-bare-titles.txt")
    assert [item.title for item in doc.items] == [
        "Apologies for Absence",
        "Declarations of Interest",
        "Review of the Statement of Licensing Policy 2027-2032",
        "Taxi and Private Hire Vehicle Age Policy",
    ]


def test_commitments_in_the_narrative_are_actions_with_their_owner() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-narrative-commitments.txt")
    by_item = {action.item_ref: action for action in doc.actions}
    assert by_item["2"].owner == "the Head of Service"
    assert "figures by locality" in by_item["2"].text
    assert by_item["4"].owner == "Councillor Everett"
    assert by_item["4"].text.startswith("Meet the Youth Council")


def test_a_resolution_asking_an_officer_to_arrange_something_is_an_action() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-two-column-present.txt")
    assert [(a.owner, a.text) for a in doc.actions] == [
        (
            "the Director of Adult Services",
            "Arrange a workshop for members on the new commissioning model",
        )
    ]


def test_a_labelled_decision_number_over_its_title_is_an_item() -> None:
    doc = parse_document(BLIND / "fixtures" / "decision-notice-cabinet.txt")
    assert [(item.number, item.title) for item in doc.items] == [
        ("45", "Revenue Budget and Council Tax 2027/28"),
        ("46", "Housing Revenue Account Business Plan"),
    ]


def test_surname_first_names_under_a_councillors_label_are_councillors() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-surname-first-hyphenated.txt")
    present = [(a.name, a.role) for a in doc.attendance if a.status == "present"]
    assert present == [
        ("Councillor K Armitage-Brown", "chair"),
        ("Councillor D Llewellyn-Jones", None),
        ("Councillor C Ó Súilleabháin", None),
        ("Councillor R Smith-Tait", "vice-chair"),
        ("G Whitlock", None),  # "Independent Member: Whitlock, G", not a councillor
    ]


def test_two_columns_of_surname_first_names_with_multi_word_surnames() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-two-column-councillors-surname-first.txt")
    assert [a.name for a in doc.attendance if a.status == "present"] == [
        "Councillor G Lloyd-Webber",
        "Councillor A Nkemelu",
        "Councillor R Fitzgerald",
        "Councillor H St John-Smythe",
        "Councillor O Baxter",
        "Councillor E Zielinska",
    ]


def test_unnumbered_titles_over_a_presenters_post_are_items_with_presenters() -> None:
    doc = parse_document(BLIND / "fixtures" / "agenda-police-panel-unnumbered-presenters.txt")
    assert [(item.title, item.presenters) for item in doc.items][2:5] == [
        ("Police and Crime Commissioner's annual report", ("Police and Crime Commissioner",)),
        (
            "Proposed appointment of Chief Constable",
            ("Chief Executive, Office of the Police and Crime Commissioner",),
        ),
        ("Complaints against the Commissioner", ("Panel Secretary",)),
    ]


def test_every_block_in_a_run_of_blank_separated_titles_is_an_item() -> None:
    doc = parse_document(BLIND / "fixtures" / "agenda-ni-planning-blank-separated.txt")
    assert [item.title for item in doc.items] == [
        "Apologies",
        "Declarations of Interest",
        "Minutes of meeting held on 17 May 2027",
        "LA09/2026/0412/F - Replacement dwelling at 14 Glebe Road",
        "LA09/2027/0033/O - Site for two dwellings adjacent to 8 Mill Brae",
        "Planning appeals update",
    ]


def test_a_bulleted_agenda_gives_one_item_a_bullet() -> None:
    doc = parse_document(BLIND / "fixtures" / "agenda-academy-trust-bullets.txt")
    assert len(doc.items) == 6
    assert doc.items[0].title == "Welcome and apologies"


def test_an_and_that_clause_asking_for_a_display_by_a_month_end_is_due_that_day() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-town-minute-refs.txt")
    assert [(a.item_ref, a.due) for a in doc.actions] == [
        ("27/42", dt.date(2027, 5, 10)),
        ("27/43", dt.date(2027, 4, 30)),
    ]


def test_the_blind_set_scores_at_least_its_last_measured_figure() -> None:
    total = fidelity.Score()
    for path in fidelity.expected_files(BLIND / "expected"):
        total.add(fidelity.score_fixture(path))
    share = sum(total.exact.values()) / sum(total.expected.values())
    assert share >= 0.99, "\n".join(total.misses)


def test_a_markdown_agenda_is_read_without_its_markup() -> None:
    doc = parse_document(BLIND / "fixtures" / "agenda-waste-partnership-markdown.md")
    assert doc.kind == "agenda"
    assert (doc.board_name, doc.date, doc.venue) == (
        "Joint Committee",
        dt.date(2027, 6, 25),
        "Partnership Office, Unit 4, Kestrel Business Park, Greyford",
    )
    assert [(item.number, item.presenters) for item in doc.items][2:] == [
        ("3", ("Partnership Manager",)),
        ("4", ("Head of Operations",)),  # under a blurb paragraph
        ("5", ("Contracts Manager",)),
        ("6", ("Treasurer to the Partnership",)),
    ]


def test_a_presenter_column_named_in_the_header_row_gives_each_items_presenter() -> None:
    doc = parse_document(BLIND / "fixtures" / "agenda-schools-forum-presenter-column.html")
    assert [(item.number, item.title, item.presenters) for item in doc.items][2:4] == [
        ("3", "High Needs Block recovery plan", ("Head of SEND Finance",)),
        ("4", "Early years funding formula consultation", ("Early Years Manager",)),
    ]


def test_reference_and_subject_labels_make_each_decision_record_an_item() -> None:
    doc = parse_document(BLIND / "fixtures" / "decision-notice-harbour-board-ref-subject.txt")
    assert [(item.number, item.title) for item in doc.items] == [
        ("HB/27/08", "Harbour Dues 2028"),
        ("HB/27/09", "North Pier Lighting Replacement"),
        ("HB/27/10", "Moorings Waiting List Policy"),
    ]
    assert [(a.item_ref, a.owner, a.due) for a in doc.actions] == [
        ("HB/27/09", "the Harbour Master", dt.date(2027, 10, 31))
    ]


def test_a_resolution_to_provide_something_by_a_date_is_an_action() -> None:
    doc = parse_document(BLIND / "fixtures" / "decision-notice-cabinet-member-single.txt")
    [action] = doc.actions
    assert (action.item_ref, action.owner, action.due) == (
        "CMD/2027/031",
        "the Highways Manager",
        dt.date(2027, 7, 31),
    )


def test_group_labels_run_in_before_names_are_notes_not_names() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-sacre-group-lists.txt")
    present = [a for a in doc.attendance if a.status == "present"]
    assert len(present) == 13
    assert (present[0].name, present[0].note) == (
        "Mrs S Ahmed",
        "Group A (Christian denominations and other religions)",
    )
    assert {a.name: a.role for a in present if a.role} == {
        "Canon M Whitfield": "vice-chair",
        "Ms L Carver": "chair",
    }


def test_a_post_label_in_a_list_of_those_present_means_in_attendance() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-pension-committee-exempt-resolved-to.txt")
    lomas = next(a for a in doc.attendance if a.name == "Mr C Lomas")
    assert (lomas.status, lomas.note) == ("in_attendance", "Independent Adviser")


HEAD = "Partnership Board\n\nMinutes of the meeting held on 19 January 2027\n\n"
ITEMS = "\n\n1. Welcome\n\nThe Chair welcomed members.\n"


def test_an_independent_chair_chairs_unless_an_in_the_chair_line_names_another() -> None:
    listed = "Attendees:\nSarah Mbeki - Independent Chair\nPriya Rao - Director of Strategy"
    chaired = parse_document((HEAD + listed + ITEMS).encode(), name="minutes.txt")
    stood_in = parse_document(
        (HEAD + "In the Chair: Priya Rao\n\n" + listed + ITEMS).encode(), name="minutes.txt"
    )

    assert [(a.name, a.role) for a in chaired.attendance] == [
        ("Sarah Mbeki", "chair"),
        ("Priya Rao", None),
    ]
    assert {a.name: a.role for a in stood_in.attendance} == {
        "Sarah Mbeki": None,
        "Priya Rao": "chair",
    }


def test_will_chase_and_agreed_to_put_are_commitments_with_their_owner() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-community-council-action-secretary.txt")
    assert [(a.item_ref, a.owner, a.text) for a in doc.actions] == [
        ("4", "Cllr Urquhart", "Chase the roads department"),
        ("4", "Secretary", "Write to the roads department asking for a date for resurfacing"),
        ("6", "Morag Sinclair", "Put a notice in the shop window"),
    ]


def test_a_run_in_resolved_to_after_narrative_is_the_items_decision() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-parish-clerk-to.txt")
    drainage = next(item for item in doc.items if item.number == "2")
    assert [d.text for d in drainage.decisions] == [
        "Resolved to accept the quote from Wykeham Groundworks."
    ]


def test_a_trust_board_of_trustees_present_and_its_governance_professional() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-academy-trustees-actions.txt")
    assert doc.board_name == "Board of Trustees"
    assert [(a.name, a.status, a.role) for a in doc.attendance][:2] == [
        ("Mrs J Patel-Hughes", "present", "chair"),
        ("Mr D Osei", "present", None),
    ]
    riley = next(a for a in doc.attendance if a.name == "Ms A Riley")
    assert (riley.status, riley.note) == ("in_attendance", "official; Governance Professional")


def test_a_decision_maker_line_names_the_member_who_took_the_decision() -> None:
    doc = parse_document(BLIND / "fixtures" / "decision-notice-cabinet-member-single.txt")
    assert [(a.name, a.status, a.note) for a in doc.attendance] == [
        ("Councillor R Ashcroft-Penn", "present", "Cabinet Member for Highways")
    ]


def test_a_council_on_a_subject_keeps_its_whole_name_and_acronym() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-sacre-group-lists.txt")
    assert doc.board_name == "Standing Advisory Council on Religious Education (SACRE)"


def test_something_that_would_be_arranged_is_an_action_without_a_deadline() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-sacre-group-lists.txt")
    syllabus = next(a for a in doc.actions if a.item_ref == "2")
    assert "training session on the new syllabus" in syllabus.text
    assert (syllabus.owner, syllabus.due) == (None, None)


def test_an_independent_member_sits_while_an_independent_person_attends() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-surname-first-hyphenated.txt")
    whitlock = next(a for a in doc.attendance if a.name == "G Whitlock")
    assert (whitlock.status, whitlock.note) == ("present", "independent member")
    minutes = (
        "Standards Committee\n\nMinutes of the meeting held on 3 March 2027\n\n"
        "Present: Councillor V Hadley (Chair)\n\nIndependent Person: Mrs Y Kellaway\n\n"
        "1. Minutes\n\nRESOLVED that the minutes be approved.\n"
    )
    kellaway = parse_document(minutes.encode(), name="minutes.txt").attendance[-1]
    assert (kellaway.name, kellaway.status) == ("Mrs Y Kellaway", "in_attendance")


def test_officers_in_attendance_named_only_by_post_are_officials() -> None:
    doc = parse_document(BLIND / "fixtures" / "minutes-html-board-narrative.html")
    assert [(a.name, a.note) for a in doc.attendance if a.status == "in_attendance"] == [
        ("Chief Finance Officer", "official"),
        ("Internal Audit Manager", "official"),
    ]
