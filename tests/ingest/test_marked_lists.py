"""Attendance printed as marks against a membership list, read by its key."""

from __future__ import annotations

from ingest.parsers.marked_lists import MARK_KEY, legend_codes, marked_members


def test_a_starred_member_came_and_an_unstarred_one_did_not() -> None:
    assert MARK_KEY.search("Members of the Committee (* denotes present):")
    members, used = marked_members(
        ["*County Councillor A Bell (Chair)    County Councillor B Cole", "*Mr C Dunn", "", "1. X"]
    )
    assert members == [
        ("present", "County Councillor A Bell (Chair)"),
        ("absent", "County Councillor B Cole"),
        ("present", "Mr C Dunn"),
    ]
    assert used == 2  # the list ends at the blank line


def test_a_grid_key_maps_each_code_to_what_it_means() -> None:
    assert legend_codes("Attendance (P = present, A = apologies, X = absent)") == {
        "P": "present",
        "A": "apologies",
        "X": "absent",
    }
    assert legend_codes("Note: A = amended") == {}  # one code naming no attendance is no key
