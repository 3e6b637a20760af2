"""An agenda pack split into its items' papers by its contents page, its item stamps or its titles."""

from __future__ import annotations

from ingest.parsers.packs import split_pack, without_page_ref


def _report(title: str, pages: int, first_printed: int, stamp: str | None = None) -> list[str]:
    top = [f"Agenda Item {stamp}"] if stamp else []
    return [
        "\n".join(
            [*(top if n == 0 else []), title if n == 0 else "Text.", f"Page {first_printed + n}"]
        )
        for n in range(pages)
    ]


def test_the_contents_page_references_give_each_items_pages() -> None:
    agenda = (
        "Corporate Parenting Board\nWednesday, 9 December 2026 2.00 pm\nAgenda\n"
        "1. Apologies for Absence\n2. Minutes of the last meeting (Pages 3 - 6)\n"
        "3. Sufficiency Strategy 2026-29\n(Pages 7 - 11)\n"
        "4. Virtual School Annual Report ........ 12\nPage 1"
    )
    pages = [agenda, "Membership\nPage 2"]
    pages += _report("Minutes", 4, 3) + _report("Sufficiency Strategy", 5, 7)
    pages += _report("Virtual School", 3, 12)

    split = split_pack(pages)

    assert split.by == "contents"
    assert [(i.number, i.title, i.first_page, i.last_page) for i in split.items] == [
        ("2", "Minutes of the last meeting", 3, 6),
        ("3", "Sufficiency Strategy 2026-29", 7, 11),
        ("4", "Virtual School Annual Report", 12, 14),
    ]
    assert split.agenda_pages == 2


def test_printed_page_numbers_are_read_against_the_packs_own_footers() -> None:
    # An unnumbered cover: printed page 1 is the pack's page 2.
    pages = ["Cover", "Agenda\n1. Budget (Pages 2 - 3)\n2. Fees (Page 4)\nPage 1"]
    pages += _report("Budget", 2, 2) + _report("Fees", 1, 4)

    split = split_pack(pages)

    assert [(i.title, i.first_page, i.last_page) for i in split.items] == [
        ("Budget", 3, 4),
        ("Fees", 5, 5),
    ]


def test_without_contents_the_agenda_item_stamps_split_it() -> None:
    pages = ["Agenda\n1. Apologies\n5. Budget\n6. Fees"]
    pages += _report("Budget Report 2026/27", 3, 2, stamp="5")
    pages += _report("Fees and Charges", 2, 5, stamp="6")

    split = split_pack(pages)

    assert split.by == "stamps"
    assert [(i.number, i.title, i.first_page, i.last_page) for i in split.items] == [
        ("5", "Budget Report 2026/27", 2, 4),
        ("6", "Fees and Charges", 5, 6),
    ]


def test_without_contents_or_stamps_the_agenda_titles_are_found_atop_later_pages() -> None:
    pages = ["Agenda\n1. Apologies for Absence\n2. Fostering Allowances\n3. Respite Care"]
    pages += ["Fostering Allowances\nReport of the Director", "Text."]
    pages += ["3. Respite Care\nReport of the Head of Service"]

    split = split_pack(pages)

    assert split.by == "titles"
    assert [(i.number, i.first_page, i.last_page) for i in split.items] == [
        ("2", 2, 3),
        ("3", 4, 4),
    ]


def test_a_pdf_with_no_item_structure_is_not_split_and_page_refs_are_not_titles() -> None:
    assert split_pack(["Some notes.", "More notes."]).items == ()
    assert without_page_ref("5. Budget (Pages 12 - 40)") == "5. Budget"
    assert without_page_ref("Minutes of 12 March 2026") == "Minutes of 12 March 2026"


def test_a_reports_own_page_references_are_not_contents() -> None:
    pages = ["Agenda\n5.1 Budget (Pages 2 - 3)\n5.2 Fees (Page 4)\nPage 1"]
    pages += ["Budget\n2.1 The detail is on page 9\nPage 2", "Text.\nPage 3", "Fees\nPage 4"]
    pages += [f"Appendix\nPage {n}" for n in range(5, 10)]

    split = split_pack(pages)

    assert [(i.number, i.first_page, i.last_page) for i in split.items] == [
        ("5.1", 2, 3),
        ("5.2", 4, 9),
    ]
