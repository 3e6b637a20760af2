"""A notice to the public after an agenda's last item is the agenda's, not that item's blurb:
it is reported unplaced, and a last item about the public keeps its own."""

from __future__ import annotations

from ingest import parse_document

HEAD = """ASHCOMBE PARISH COUNCIL

A meeting of the Amenities Committee will be held in the Village Hall on Monday
4 October 2027 at 7.00 pm.

AGENDA

1. To receive apologies for absence.

2. Allotments
To consider the waiting list and the rent for 2028.
"""


def _agenda(last: str) -> dict[str, str | None]:
    parsed = parse_document((HEAD + last).encode(), name="agenda.txt")
    assert parsed.kind == "agenda"
    return {item.title: item.agenda_text for item in parsed.items} | {
        "unplaced": " ".join(parsed.unplaced) or None
    }


def test_a_closing_notice_is_not_the_last_item_s_blurb() -> None:
    read = _agenda(
        "\n3. Play area inspection\nThe annual report from RoSPA.\n\n"
        "The press and public may film or record this meeting. Members of the public are "
        "welcome to attend.\n"
    )
    assert read["Play area inspection"] == "The annual report from RoSPA."
    assert read["unplaced"] is not None and "film or record" in read["unplaced"]


def test_a_last_item_about_the_public_keeps_its_blurb() -> None:
    read = _agenda(
        "\n3. Public participation\n\nMembers of the public may ask questions for up to "
        "fifteen minutes.\n"
    )
    assert read["Public participation"] == (
        "Members of the public may ask questions for up to fifteen minutes."
    )


def test_a_notice_before_the_last_item_is_left_where_it_stands() -> None:
    read = _agenda(
        "\n3. Village fete\nMembers of the public are welcome to attend the planning "
        "meeting.\n\n4. Date of the next meeting\n"
    )
    assert read["Village fete"] == (
        "Members of the public are welcome to attend the planning meeting."
    )
