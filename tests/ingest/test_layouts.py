"""More councils' layouts: what the field-by-field expectations cannot say.

Every fixture's header, attendance, items, decisions and actions are compared
with ``expected/<name>.json`` by ``test_fidelity.py``; these tests pin the text
an item keeps (page furniture left out, sub-headings kept) and date reading.
"""

from __future__ import annotations

import datetime as dt

from ingest import parse_document
from tests.ingest.conftest import FIXTURES


def test_page_furniture_is_not_item_text() -> None:
    item = parse_document(FIXTURES / "pdf-footers-interleaved.txt").items[1]
    assert "Page 3" not in (item.minutes_text or "")
    assert "initials" not in (item.minutes_text or "")
    assert "improved and the number of personal education plans" in (item.minutes_text or "")


def test_lettered_sub_item_headings_stay_in_their_item() -> None:
    item = parse_document(FIXTURES / "schools-forum-subitems.txt").items[3]
    assert "(b) Growth and Falling Rolls Fund" in (item.minutes_text or "")


def test_agenda_keeps_agenda_text_and_no_decisions() -> None:
    doc = parse_document(FIXTURES / "agenda-only-county.txt")
    assert doc.items[3].agenda_text == (
        "To consider the report of the Executive Director of Adult Social Care."
    )
    assert not any(item.decisions for item in doc.items)
    assert doc.attendance == ()


def test_two_digit_year_dates() -> None:
    from ingest.parsers.dates import find_dates

    assert [d.date for d in find_dates("held on 27/07/22 at 7.30pm")] == [dt.date(2022, 7, 27)]
    assert find_dates("minute 45/22 and item 18/9") == []
    assert find_dates("version 1.2/3/45") == []


def test_a_purpose_tag_set_apart_is_dropped_and_a_title_s_own_words_are_kept() -> None:
    text = (
        "SCHOOLS FORUM\n\nAgenda for the meeting on 3 March 2027\n\n"
        "1. Early years funding formula                 For decision\n\n"
        "2. De-delegation of central services (for noting)\n\n"
        "3. Finance: budget 2027/28 for approval\n\n"
        "4. Forward plan – for information\n"
    ).encode()
    titles = [item.title for item in parse_document(text, name="agenda.txt").items]
    assert titles == [
        "Early years funding formula",
        "De-delegation of central services",
        "Finance: budget 2027/28 for approval",
        "Forward plan",
    ]
