"""People lists, apologies and exempt sections in the shapes councils print them.

Each rule is checked on a small document written for the test, field by field:
who is present or sent apologies (as stored), their role and note, which items are
exempt, and that header words, "None" and signature lines never become people or items.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import ParsedDocument, parse_document
from ingest.parsers.people import forename_first, is_no_one

HEADER = "Children's Services Scrutiny Committee\n\nMinutes of the meeting held on 9 July 2024 at 10.00 am\n\n"
BODY = "\n\n1. Declarations of Interest\n\nNone.\n\n2. Budget Monitoring\n\nRESOLVED that the report be noted.\n"


def parse(people: str, body: str = BODY) -> ParsedDocument:
    return parse_document((HEADER + people + body).encode(), name="minutes.txt")


def names(doc: ParsedDocument, status: str) -> list[str]:
    return [p.as_printed for p in doc.attendance if p.status == status]


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("Akhtar, S. (Chair)  Pemberton-Hall, R.", "S. Akhtar (Chair); R. Pemberton-Hall"),
        ("Blackwood, T Quinlan, M", "T Blackwood; M Quinlan"),
        ("Okafor, J.   Head of Service, Early Help", "J. Okafor - Head of Service, Early Help"),
        ("Councillors Redfern, A. and Sutcliffe, G.", "Councillors A. Redfern and G. Sutcliffe"),
        ("Councillor Osei, D. (Cabinet Member)", "Councillor D. Osei (Cabinet Member)"),
        ("Cllr Akhtar, S.   Cllr Pemberton-Hall, R.", "Cllr S. Akhtar; Cllr R. Pemberton-Hall"),
        ("Smith, J.   Chief Executive", "J. Smith - Chief Executive"),
        ("O'Neill, P.   McDonald, K.", "P. O'Neill; K. McDonald"),
        ("Smith-Jones, A. (Vice-Chair)   de Souza, R.", "A. Smith-Jones (Vice-Chair); R. de Souza"),
        ("van der Berg, J.   Ali, M.", "J. van der Berg; M. Ali"),
        ("Councillors Smith, J Brown and K White", "Councillors Smith, J Brown and K White"),
        # Forename-first lists stay as printed.
        ("Councillors M Carr, J Brunton Dobson", "Councillors M Carr, J Brunton Dobson"),
        ("Carr, J Brunton Dobson", "Carr, J Brunton Dobson"),
        ("Dr Fiona Zeal (Director of Public Health)", "Dr Fiona Zeal (Director of Public Health)"),
    ],
)
def test_surname_first_names_are_read_forename_first(printed: str, read: str) -> None:
    assert forename_first(" ".join(printed.split())) == read


def test_two_surname_first_columns_under_a_councillors_heading() -> None:
    doc = parse(
        "PRESENT\n\nCOUNCILLORS\n\n"
        "Akhtar, S. (Chair)          Pemberton-Hall, R.\n"
        "Blackwood, T.               Quinlan, M.\n"
        "Daventry, L. (Vice-Chair)\n"
    )
    assert names(doc, "present") == [
        "S. Akhtar (Chair)",
        "R. Pemberton-Hall",
        "T. Blackwood",
        "M. Quinlan",
        "L. Daventry (Vice-Chair)",
    ]
    roles = {p.role: p.name for p in doc.attendance if p.role}
    assert roles == {"chair": "S. Akhtar", "vice-chair": "L. Daventry"}


def test_officer_rows_give_name_then_post() -> None:
    doc = parse(
        "OFFICERS\n\nOkafor, J.         Head of Service, Early Help\n"
        "Licensing Manager - Karen Upton\n"
    )
    officers = [(p.name, p.note) for p in doc.by_status("in_attendance")]
    assert officers == [
        ("J. Okafor", "official; Head of Service, Early Help"),
        ("Karen Upton", "official; Licensing Manager"),
    ]


@pytest.mark.parametrize("separator", ["\t\t", "      ", " | "])
def test_name_role_initials_table(separator: str) -> None:
    rows = [
        ["Name", "Organisation / Role", "Initials"],
        ["Jane Thornton", "Kestrel Bay Borough Council, Director", "JT (Chair)"],
        ["Amir Siddiqui", "Integrated Care Board, Designated Doctor", "AS"],
        ["Claire Moss", "Police, Detective Superintendent", "CM (Vice-Chair)"],
    ]
    table = "\n".join(separator.join(row) for row in rows)
    doc = parse(
        f"Attendees\n\n{table}\n\nApologies\n\nName{separator}Organisation / Role\nNone provided\n"
    )
    present = doc.by_status("present")
    assert [p.as_printed for p in present] == [
        "Jane Thornton (Chair)",
        "Amir Siddiqui",
        "Claire Moss (Vice-Chair)",
    ]
    assert [p.role for p in present] == ["chair", None, "vice-chair"]
    assert present[0].note == "Kestrel Bay Borough Council, Director"
    assert doc.by_status("apologies") == []


def test_a_table_with_an_attendance_column_still_reads_the_status() -> None:
    doc = parse(
        "Attendance\n\nName | Role | Attendance\n"
        "Councillor A Wyatt | Chair | Present\nCouncillor B Yeoman | Member | Apologies\n"
    )
    assert names(doc, "present") == ["Councillor A Wyatt (Chair)"]
    assert names(doc, "apologies") == ["Councillor B Yeoman"]


@pytest.mark.parametrize("role", ["Chair, in the Chair", "Chairman, in the Chair", "Vice-Chair"])
def test_the_role_on_its_own_line_under_the_name(role: str) -> None:
    doc = parse(f"PRESENT:\n\nCouncillor P. Ferris\n({role})\n\nCouncillor D. Quinn\n")
    ferris, quinn = doc.by_status("present")
    assert (ferris.as_printed, ferris.role) == (
        f"Councillor P. Ferris ({role})",
        "vice-chair" if role.startswith("Vice") else "chair",
    )
    assert (quinn.name, quinn.role) == ("Councillor D. Quinn", None)


@pytest.mark.parametrize(
    "nobody",
    [
        "None",
        "None.",
        "None provided",
        "None received.",
        "Nil",
        "Nil.",
        "No apologies were received.",
        "None were received.",
        "Nil had been received",
        "–",
        "N/A",
        "There were no apologies for absence.",
    ],
)
def test_words_for_nobody_are_never_a_person(nobody: str) -> None:
    doc = parse(f"Present:\nCouncillor A Bee (Chair)\n\nApologies:\n{nobody}\n")
    assert names(doc, "present") == ["Councillor A Bee (Chair)"]
    assert names(doc, "apologies") == []
    assert is_no_one(nobody)


@pytest.mark.parametrize(
    "line",
    ["Name", "Initials", "Name | Organisation / Role", "Chair", "Signed ....", "Date ______"],
)
def test_header_and_signature_words_are_never_people(line: str) -> None:
    assert is_no_one(line)


@pytest.mark.parametrize("name", ["J Smith", "Councillor Date", "Helen Price", "Chairwoman Lee"])
def test_real_names_are_people(name: str) -> None:
    assert not is_no_one(name)


def test_signature_lines_are_neither_people_nor_items() -> None:
    body = (
        "\n\nBudget Update\n\nThe panel noted the update.\n\nRecruitment\n\n"
        "The panel noted the figures.\n\nSigned\n\nChair\n\nDate\n"
    )
    doc = parse("Present: Councillor A Bee (Chair), Councillor C Dee\n\nApologies: None", body)
    assert [item.title for item in doc.items] == ["Budget Update", "Recruitment"]
    assert names(doc, "present") == ["Councillor A Bee (Chair)", "Councillor C Dee"]


def test_apologies_finished_on_the_next_line() -> None:
    doc = parse(
        "Apologies for absence:\n"
        "were submitted on behalf of Councillor R Oduya and Councillor T Marsh.\n"
    )
    assert names(doc, "apologies") == ["Councillor R Oduya", "Councillor T Marsh"]


def test_two_groups_of_apologies_carry_the_honorific_over_the_first() -> None:
    doc = parse(
        "",
        "\n\n1. Apologies for Absence\n\nApologies were received from County Councillors Dorsey, "
        "Whitlock and Kaur and from Helen Price, Sam Okoro and Jo Lyle.\n",
    )
    assert names(doc, "apologies") == [
        "County Councillor Dorsey",
        "County Councillor Whitlock",
        "County Councillor Kaur",
        "Helen Price",
        "Sam Okoro",
        "Jo Lyle",
    ]


def test_a_labelled_second_group_of_apologies() -> None:
    doc = parse(
        "",
        "\n\n1. Apologies\n\nApologies were received from Councillors Dorsey and Kaur, and from "
        "co-opted members Helen Price and Sam Okoro.\n",
    )
    assert names(doc, "apologies") == [
        "Councillor Dorsey",
        "Councillor Kaur",
        "Helen Price",
        "Sam Okoro",
    ]


def test_a_bracketed_substitute_named_by_surname_is_the_one_listed_present() -> None:
    doc = parse(
        "Present: County Councillors R Fenwick (Chair) and S Kettlewell.",
        "\n\n1. Apologies\n\nApologies were received from County Councillor Dorsey "
        "(County Councillor Kettlewell substituting).\n",
    )
    subs = [(p.name, p.substitute_for) for p in doc.by_status("substitute")]
    assert subs == [("County Councillor S Kettlewell", "County Councillor Dorsey")]
    assert names(doc, "present") == ["County Councillor R Fenwick (Chair)"]


def test_substituting_for_names_whom() -> None:
    doc = parse(
        "Apologies for absence:\n"
        "were received from Councillors Grant and Hale (Councillor P Ince substituting for "
        "Councillor Hale).\n"
    )
    assert names(doc, "apologies") == ["Councillor Grant", "Councillor Hale"]
    subs = [(p.name, p.substitute_for) for p in doc.by_status("substitute")]
    assert subs == [("Councillor P Ince", "Councillor Hale")]


EXCLUSION = (
    "RESOLVED that the press and public be excluded from the meeting {scope} on the grounds "
    "that {they} involve the likely disclosure of exempt information as defined in paragraph 3 "
    "of Part 1 of Schedule 12A to the Local Government Act 1972."
)


def _exempt(scope: str, they: str = "they", readmitted_at: int | None = None) -> list[bool]:
    items = ["Exclusion of the Press and Public", "Land Disposal", "Contract Award", "Fees Review"]
    body = ""
    for number, title in enumerate(items, start=4):
        text = (
            EXCLUSION.format(scope=scope, they=they)
            if number == 4
            else "RESOLVED that it be noted."
        )
        if number == readmitted_at:
            text = "The press and public were readmitted.\n\n" + text
        body += f"\n\n{number}. {title}\n\n{text}"
    body += "\n\n8. Date of Next Meeting\n\nThe next meeting will be on 10 September 2024."
    doc = parse("Present: Councillor A Bee (Chair)", body)
    assert [i.number for i in doc.items] == ["4", "5", "6", "7", "8"]
    return [item.exempt for item in doc.items]


def test_an_exclusion_for_the_following_items_covers_them_but_not_the_next_meeting() -> None:
    assert _exempt("for the following items of business") == [False, True, True, True, False]


def test_an_exclusion_for_the_following_item_covers_one() -> None:
    assert _exempt("for the following item of business", "it") == [False, True, False, False, False]


def test_an_exclusion_naming_items_covers_those() -> None:
    assert _exempt("during items 5 and 7") == [False, True, False, True, False]


def test_readmission_ends_the_exempt_section() -> None:
    assert _exempt("for the remaining items", readmitted_at=6) == [False, True, False, False, False]


def test_surname_comma_forename_one_a_line() -> None:
    doc = parse("Members Present:\nCastellano, Maria (Chair)\nDoherty, Sean\nEriksen, Lars\n")
    assert names(doc, "present") == ["Maria Castellano (Chair)", "Sean Doherty", "Lars Eriksen"]


def test_an_apologies_item_heading_finished_on_the_next_line() -> None:
    doc = parse(
        "Present: Councillor A Bee (Chair)",
        "\n\n1. Apologies for absence:\nwere received from Councillor P Quist and Mr R Sandoval.\n"
        "\n2. Budget\n\nRESOLVED that the report be noted.\n",
    )
    assert doc.items[0].title == "Apologies for absence"
    assert names(doc, "apologies") == ["Councillor P Quist", "Mr R Sandoval"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Apologies were received from Councillor C Dunne, with Councillor Z Abbas attending as "
        "substitute.",
        "Apologies were received from Councillor C Dunne. Councillor Z Abbas attended as "
        "substitute for Councillor C Dunne.",
        "Apologies were received from Councillor C Dunne; Councillor C Dunne was substituted by "
        "Councillor Z Abbas.",
    ],
)
def test_substitutes_named_in_apology_sentences(sentence: str) -> None:
    doc = parse("Present: Councillor A Bee (Chair)", f"\n\n1. Apologies\n\n{sentence}\n")
    assert names(doc, "apologies") == ["Councillor C Dunne"]
    subs = [(p.name, p.substitute_for) for p in doc.by_status("substitute")]
    assert subs == [("Councillor Z Abbas", "Councillor C Dunne")]


def test_surname_first_names_in_an_apology_sentence() -> None:
    doc = parse(
        "Present: Councillor A Bee (Chair)",
        "\n\n1. Apologies\n\nApologies were received from Councillors Jones, P. and Evans, R.\n",
    )
    assert names(doc, "apologies") == ["Councillor P. Jones", "Councillor R. Evans"]


def test_every_apology_sentence_in_a_paragraph_counts() -> None:
    doc = parse(
        "Present: Councillor A Bee (Chair)",
        "\n\n1. Apologies\n\nApologies were received from Councillor C Dunne. Apologies were "
        "also received from Councillor E Fenn.\n",
    )
    assert names(doc, "apologies") == ["Councillor C Dunne", "Councillor E Fenn"]


@pytest.mark.parametrize(
    ("sentence", "apologies", "substitutes"),
    [
        (
            "Apologies were received from Councillor Smith, who was substituted by Councillor "
            "J. Green, and Councillor Brown.",
            ["Councillor Smith", "Councillor Brown"],
            [("Councillor J. Green", "Councillor Smith")],
        ),
        (
            "Apologies were received from Councillor Smith who was on holiday and Councillor Brown.",
            ["Councillor Smith", "Councillor Brown"],
            [],
        ),
        (
            "Apologies: Councillor A Jones (Councillor B King attended as substitute)",
            ["Councillor A Jones"],
            [("Councillor B King", "Councillor A Jones")],
        ),
        (
            "There were apologies for absence from Councillors Lauder and Merrill; and for "
            "lateness from Councillors Coyle and Mohamed.",
            ["Councillor Lauder", "Councillor Merrill"],
            [],
        ),
    ],
)
def test_clauses_inside_an_apology_list(
    sentence: str, apologies: list[str], substitutes: list[tuple[str, str]]
) -> None:
    doc = parse("Present: Councillor A Bee (Chair)", f"\n\n1. Apologies\n\n{sentence}\n")
    assert names(doc, "apologies") == apologies
    assert [(p.name, p.substitute_for) for p in doc.by_status("substitute")] == substitutes


def test_a_count_of_the_public_is_nobody() -> None:
    doc = parse("In Attendance:\nOne member of the public\nMr W Grosvenor - Clerk\n")
    assert [p.name for p in doc.by_status("in_attendance")] == ["Mr W Grosvenor"]


def test_a_part_b_heading_makes_later_items_exempt_except_the_next_meeting() -> None:
    doc = parse(
        "Present: Councillor A Bee (Chair)",
        "\n\n1. Budget Update\n\nRESOLVED that the update be noted.\n\n"
        "PART B - NOT FOR PUBLICATION\n\n2. Placement Contract\n\n"
        "RESOLVED that the contract be awarded.\n\n3. Date of Next Meeting\n\n"
        "The next meeting will be held on 2 June 2025.\n",
    )
    assert [(i.number, i.exempt) for i in doc.items] == [("1", False), ("2", True), ("3", False)]


def test_a_member_and_role_table_gives_roles_from_the_role_column() -> None:
    doc = parse(
        "Members present:\nMember | Role\nCouncillor A Wyatt | Chair\n"
        "Councillor B Yeoman | Vice-Chair\nCouncillor C Zorba | Member\n"
    )
    present = doc.by_status("present")
    assert [(p.as_printed, p.role) for p in present] == [
        ("Councillor A Wyatt (Chair)", "chair"),
        ("Councillor B Yeoman (Vice-Chair)", "vice-chair"),
        ("Councillor C Zorba", None),
    ]


@pytest.mark.parametrize(
    "people",
    [
        "Present:\nChairman: Councillor A Ash\nVice-Chairman: Councillor B Birch\n"
        "Councillors: Councillor C Cedar",
        "Present: Councillor A Ash, Chairman; Councillor B Birch, Vice-Chairman; "
        "Councillor C Cedar.",
        "Present: Councillors A Ash, B Birch and C Cedar\n\nChairman: Councillor A Ash\n"
        "Vice-Chairman: Councillor B Birch",
    ],
)
def test_the_chair_named_by_a_label_or_after_a_comma(people: str) -> None:
    doc = parse(people)
    roles = [(p.name, p.role) for p in doc.by_status("present")]
    assert roles == [
        ("Councillor A Ash", "chair"),
        ("Councillor B Birch", "vice-chair"),
        ("Councillor C Cedar", None),
    ]


def test_the_minutes_own_item_number_wins_over_the_agendas() -> None:
    scope = "before discussion of Item 6 on the agenda (item 5 of these minutes)"
    assert _exempt(scope) == [False, True, False, False, False]


def test_an_exempt_business_heading_holding_the_resolution_covers_what_follows() -> None:
    body = (
        "\n\n4. Exempt Business\n\n"
        + EXCLUSION.format(scope="for the following items", they="they")
        + "\n\n5. Land Disposal\n\nRESOLVED that it be approved.\n\n"
        "6. Date of Next Meeting\n\nThe next meeting will be on 10 September 2024."
    )
    doc = parse("Present: Councillor A Bee (Chair)", body)
    assert [(i.number, i.exempt) for i in doc.items] == [("4", False), ("5", True), ("6", False)]


def test_forename_first_names_in_columns_are_each_a_person() -> None:
    doc = parse(
        "Present:\nCouncillor A Bee (Chair)    Councillor C Dee    Councillor E Eff\n"
        "Councillor G Gee            Councillor H Aitch\n"
    )
    assert names(doc, "present") == [
        "Councillor A Bee (Chair)",
        "Councillor C Dee",
        "Councillor E Eff",
        "Councillor G Gee",
        "Councillor H Aitch",
    ]
    assert all(p.note is None for p in doc.attendance)


def test_a_people_table_without_a_header_row() -> None:
    doc = parse(
        "Present\n\nCouncillor A Bee | Chair\n\nCouncillor C Dee |\n\n"
        "Officers\n\nOkafor, J. | Head of Service, Early Help\n\nApologies\n\nNone |\n"
    )
    assert [(p.as_printed, p.status, p.note) for p in doc.attendance] == [
        ("Councillor A Bee (Chair)", "present", None),
        ("Councillor C Dee", "present", None),
        ("J. Okafor", "in_attendance", "official; Head of Service, Early Help"),
    ]


def test_no_items_needing_exclusion_makes_nothing_exempt() -> None:
    body = (
        "\n\n4. Exclusion of the Press and Public\n\nThere were no items requiring the exclusion "
        "of the press and public.\n\n5. Land Disposal\n\nRESOLVED that it be approved."
    )
    doc = parse("Present: Councillor A Bee (Chair)", body)
    assert [(i.number, i.exempt) for i in doc.items] == [("4", False), ("5", False)]


def test_the_role_on_the_line_above_the_name() -> None:
    doc = parse(
        "Present:\nChair\nCouncillor A Bee\nVice-Chair\nCouncillor C Dee\nMembers\n"
        "Councillor E Eff\n"
    )
    assert [(p.as_printed, p.role) for p in doc.by_status("present")] == [
        ("Councillor A Bee (Chair)", "chair"),
        ("Councillor C Dee (Vice-Chair)", "vice-chair"),
        ("Councillor E Eff", None),
    ]


def test_a_sederunt_with_convener_after_the_name() -> None:
    doc = parse(
        "Sederunt:\nCouncillor Fiona Boyd, Convener;\nCouncillor Gavin Craig, Vice Convener; and\n"
        "Councillors Heather Dunn and Iain Ewart.\n"
    )
    assert [(p.name, p.role) for p in doc.by_status("present")] == [
        ("Councillor Fiona Boyd", "chair"),
        ("Councillor Gavin Craig", "vice-chair"),
        ("Councillor Heather Dunn", None),
        ("Councillor Iain Ewart", None),
    ]


def test_bilingual_labels_honorifics_and_roles() -> None:
    doc = parse(
        "PRESENNOL / PRESENT: Cynghorydd / Councillor A Bevan (Cadeirydd / Chair), "
        "Cynghorydd / Councillor C Davies\n\nYMDDIHEURIADAU / APOLOGIES: Cynghorydd / Councillor E Evans"
    )
    assert [(p.name, p.status, p.role) for p in doc.attendance] == [
        ("Councillor A Bevan", "present", "chair"),
        ("Councillor C Davies", "present", None),
        ("Councillor E Evans", "apologies", None),
    ]


def test_a_post_with_the_holder_in_brackets() -> None:
    doc = parse(
        "In attendance: Director of Environment (Mr X Young); Committee Secretary (Ms Y Ziegler)"
    )
    assert [(p.name, p.note) for p in doc.attendance] == [
        ("Mr X Young", "Director of Environment"),
        ("Ms Y Ziegler", "Committee Secretary"),
    ]


def test_a_clerk_line_under_the_list_is_in_attendance_but_not_in_a_label_block() -> None:
    listed = parse("Present: Cllrs Pargeter (Chairman), Archer and Grundy.\nClerk: Mrs L Aldridge.")
    assert [(p.name, p.note) for p in listed.by_status("in_attendance")] == [
        ("Mrs L Aldridge", "official")
    ]
    labels = parse("Venue: Village Hall\nClerk: Mrs L Aldridge\n\nPresent: Cllr Archer (Chairman)")
    assert [p.name for p in labels.attendance] == ["Cllr Archer"]


FURNITURE = [
    "None",
    "None provided",
    "Nil",
    "N/A",
    "No apologies were received.",
    "Name",
    "Name | Organisation / Role | Initials",
    "Name | Role",
    "Initials",
    "Chair",
    "Signed ..........................",
    "Date ..........................",
    "Two members of the public",
]
PEOPLE = [
    "Councillor A Bee",
    "Okafor, J.",
    "Jane Thornton | Director | JT",
    "Councillor C Dee (Chair)",
]
HEADINGS = ["Present:", "Apologies:", "Officers:", "In attendance:", "Attendees"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(HEADINGS + FURNITURE + PEOPLE + [""]), min_size=1, max_size=14))
def test_no_header_word_none_or_signature_line_is_ever_a_person(lines: list[str]) -> None:
    doc = parse("\n".join(lines))
    allowed = {"a bee", "j okafor", "jane thornton", "c dee"}
    assert {p.match_key for p in doc.attendance} <= allowed
    assert not any(is_no_one(item.title) for item in doc.items if item.number is None)


@pytest.mark.parametrize("plural", ["Councıllorſ", "COUNCİLLORS", "Cllrſ", "Baılies"])
def test_a_plural_honorific_with_odd_letters_is_read_as_the_plain_one(plural: str) -> None:
    # Case-insensitive matching takes "ı" and "İ" for "i" and "ſ" for "s"; reading the plural
    # must take them so too, not fail on a word it has no singular for.
    doc = parse(f"Present: {plural} A Smith and B Jones\n")
    assert [p.name.split()[-1] for p in doc.attendance] == ["Smith", "Jones"]
