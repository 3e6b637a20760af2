"""Recommendations found in reports of many shapes, quoted as printed with their pages."""

from __future__ import annotations

from ingest.parsers.papers import asks_decision, paper_kind, purpose, recommendations


def test_a_numbered_recommendations_section_ends_at_the_next_numbered_heading() -> None:
    page = (
        "Report to Cabinet\n\n1. Purpose of Report\n\n1.1 To set out the fostering allowances.\n\n"
        "2. Recommendations\n\n2.1 That Cabinet approves the revised allowances.\n"
        "2.2 That the Director be authorised to implement them.\n\n"
        "3. Background\n\n3.1 The allowances were last set in 2019.\n"
    )
    [section] = recommendations([page])
    assert section.text == (
        "2.1 That Cabinet approves the revised allowances.\n"
        "2.2 That the Director be authorised to implement them."
    )
    assert (section.start_page, section.end_page) == (1, 1)
    found = purpose([page])
    assert found is not None and found.text == "1.1 To set out the fostering allowances."


def test_the_board_is_recommended_to_with_lettered_parts() -> None:
    page = (
        "Summary of the report.\n\nThe Board is recommended to:\n(a) approve the strategy; and\n"
        "(b) note the action plan.\n\nThe report sets out the context below.\n"
    )
    [section] = recommendations([page])
    assert section.text == (
        "The Board is recommended to:\n(a) approve the strategy; and\n(b) note the action plan."
    )


def test_recommended_that_and_a_cover_sheets_recommended_action() -> None:
    [one] = recommendations(["Intro.\n\nRECOMMENDED that the policy be adopted.\n\nBACKGROUND\n"])
    assert one.text == "RECOMMENDED that the policy be adopted."
    [two] = recommendations(["Recommended action: Cabinet agrees the plan.\n\nReport author: J"])
    assert two.text == "Recommended action: Cabinet agrees the plan."
    [three] = recommendations(["Decisions required\n\nTo agree the fees.\n\nReasons\n\nBecause."])
    assert three.text == "To agree the fees."


def test_a_recommendation_across_a_page_break_is_quoted_whole_without_the_footer() -> None:
    pages = [
        "Text.\n\nRecommendations\n\n1. That the Committee approves the new licensing\nPage 1",
        "policy for taxis, to take effect on 1 April.\n\nReasons for Recommendations\nPage 2",
    ]
    [section] = recommendations(pages)
    assert section.text == (
        "1. That the Committee approves the new licensing "
        "policy for taxis, to take effect on 1 April."
    )
    assert (section.start_page, section.end_page) == (1, 2)


def test_a_report_without_recommendations_says_none_and_noting_is_not_a_decision() -> None:
    assert recommendations(["This report is for information.\n\nBackground\n\nText."]) == []
    [noting] = recommendations(["Recommendation\n\nThat the report be noted.\n\nBackground\n"])
    assert not asks_decision([noting])
    assert paper_kind("Appendix 1 - Action plan") == "appendix"
    assert paper_kind("Fostering allowances report") == "report"


def test_a_cover_sheets_table_row_quotes_the_cell_and_a_two_column_line_stops_at_its_next_field() -> (
    None
):
    [row] = recommendations(["Title Fees 2027\nRecommended action To agree the fees.\n\nPurpose\n"])
    assert row.text == "To agree the fees."
    [line] = recommendations(["Recommendation: That the fees are approved. Key decision: No\n"])
    assert line.text == "Recommendation: That the fees are approved."


def test_running_chrome_carrying_the_page_number_is_dropped_even_on_one_page() -> None:
    page = "Licensing Sub-Committee\n\nRECOMMENDED that the licence be granted.\n\nOFFICIAL 1"
    [section] = recommendations([page])
    assert section.text == "RECOMMENDED that the licence be granted."
    assert recommendations(["Recommendations\n\nNone. The report is for information.\n"]) == []


def test_short_numbered_recommendations_and_unnumbered_that_paragraphs_stay_in_the_section() -> (
    None
):
    page = "Recommendations\n\n1. Approve the budget\n\n2. Note the risks\n\nBackground\n\nText.\n"
    [numbered] = recommendations([page])
    assert numbered.text == "1. Approve the budget\n2. Note the risks"
    page = (
        "Recommendations\n\nThat the Board approves the plan.\n\nThat the Board notes the risks.\n"
    )
    [worded] = recommendations([page + "\nThe plan was drafted in May.\n"])
    assert worded.text == "That the Board approves the plan.\nThat the Board notes the risks."


def test_a_recommendations_table_with_a_reason_column_quotes_only_the_recommendations() -> None:
    # The reader puts a tab before each cell that stands beside another.
    page = (
        "Decisions sought\nNo Recommendation Reason\n\n1\n\tThat the plan is approved.\n"
        "\tThe plan expires in March.\n\n2\n\tThat the risks are noted.\n\tFor information.\n\n"
        "Summary\n\nText.\n"
    )
    [section] = recommendations([page])
    assert section.text == "That the plan is approved.\nThat the risks are noted."
