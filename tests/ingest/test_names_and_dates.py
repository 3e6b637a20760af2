"""Small rules the importer relies on: names, match keys, dates and times."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.parsers.dates import find_dates, find_time, month_deadline
from ingest.parsers.people import split_list
from storage.member_match import compatible, split_key
from storage.names import match_key, strip_honorifics


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("Councillor M Carr (Chair)", "m carr"),
        ("Cllr. J. A. Walker", "j a walker"),
        ("County Councillor Mrs Jane O’Connor OBE", "jane o'connor"),
        ("Dr Anya Petrov", "anya petrov"),
    ],
)
def test_match_keys_drop_honorifics_punctuation_and_roles(printed: str, key: str) -> None:
    assert match_key(printed) == key


def test_presenter_names_lose_their_honorifics() -> None:
    assert strip_honorifics("Councillor Mrs J Smith (Chair)") == "J Smith"


def test_lists_split_at_commas_and_but_not_inside_brackets() -> None:
    assert split_list("M Carr (Chair, acting), J Brunton Dobson and J A Walker.") == [
        "M Carr (Chair, acting)",
        "J Brunton Dobson",
        "J A Walker",
    ]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("j a walker", "j walker", True),
        ("j walker", "c walker", False),
        ("kathy peacock", "k peacock", True),
        ("kathy peacock", "karen peacock", False),
        ("a j walker", "j walker", False),
        ("walker", "j walker", True),
        ("j brunton dobson", "j brunton-dobson", True),
    ],
)
def test_when_two_printed_names_may_be_one_person(a: str, b: str, same: bool) -> None:
    assert compatible(split_key(a), split_key(b)) is same


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Wednesday 27th July, 2022 1.00 pm", dt.date(2022, 7, 27)),
        ("Thursday, 6th December, 2012 6.00 pm", dt.date(2012, 12, 6)),
        ("WEDNESDAY, 7 NOVEMBER 2018 AT 3.00PM", dt.date(2018, 11, 7)),
        ("held on 12/09/2018", dt.date(2018, 9, 12)),
        ("July 27, 2022", dt.date(2022, 7, 27)),
        ("on the 3rd of Sept 2019", dt.date(2019, 9, 3)),
    ],
)
def test_dates_as_councils_print_them(text: str, date: dt.date) -> None:
    assert [m.date for m in find_dates(text)] == [date]


def test_impossible_dates_are_ignored() -> None:
    assert find_dates("31 February 2022 and 22/7 and 8.56%") == []


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("1.00 pm", dt.time(13, 0)),
        ("4:30 p.m.", dt.time(16, 30)),
        ("13:00 – 15:00pm", dt.time(13, 0)),
        ("1.00 – 3.00pm", dt.time(13, 0)),
        ("10.00 – 12.00pm", dt.time(10, 0)),
        ("12 noon", dt.time(12, 0)),
        ("2pm", dt.time(14, 0)),
        ("AT 3.00PM", dt.time(15, 0)),
    ],
)
def test_times_including_ranges(text: str, time: dt.time) -> None:
    assert find_time(text) == time


def test_no_time_in_percentages_or_item_numbers() -> None:
    assert find_time("8.56% of children, item 22/7") is None


def test_deadlines_by_month_are_the_month_end() -> None:
    meeting = dt.date(2022, 7, 27)
    assert month_deadline(" November 2022", meeting) == dt.date(2022, 11, 30)
    assert month_deadline(" 31 March 2023", meeting) == dt.date(2023, 3, 31)
    assert month_deadline(" February", meeting) == dt.date(2023, 2, 28)
    assert month_deadline(" the spring", meeting) is None
