"""The papers a meeting's public page links under each item, read as ModernGov prints them."""

from __future__ import annotations

from ingest.moderngov.page_papers import page_papers

BASE = "https://democracy.example.gov.uk/ieListDocuments.aspx?CId=133&MId=4003"
PAGE = """<html><body><div id="mgContent"><table class="mgItemTable">
<tr><th>No.</th><th>Item</th></tr>
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">5.</p></td><td>
<p class="mgAiTitleTxt"><a href="mgAi.aspx?ID=51">Sufficiency Strategy 2026-29</a></p>
<div class="mgWordPara"><p>Report of the Director.</p></div>
<ul class="mgActionList">
<li><a href="documents/s9201/Sufficiency%20report.pdf" class="noCookie"
 title="Link to document 'Sufficiency report' (PDF)">Sufficiency report <span>PDF 410 KB</span></a></li>
<li><a href="documents/s9202/Appendix%201.pdf">Appendix 1 - Action plan pdf icon PDF 90 KB</a></li>
</ul></td></tr>
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">6.</p></td><td>
<p class="mgAiTitleTxt">Residential Care Contract</p>
<ul class="mgActionList"><li><a href="documents/s9203/Contract.pdf">Contract report PDF 80 KB</a></li></ul>
</td></tr>
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">7.</p></td><td>
<p class="mgAiTitleTxt">Any Other Business</p></td></tr>
</table></div></body></html>"""


def test_each_items_links_become_its_papers_with_titles_kinds_and_full_addresses() -> None:
    found = page_papers(PAGE, BASE)

    assert [(p.item_number, p.title, p.kind, p.restricted) for p in found] == [
        ("5", "Sufficiency report", "report", False),
        ("5", "Appendix 1 - Action plan", "appendix", False),
        ("6", "Contract report", "report", False),
    ]
    assert (
        found[0].url == "https://democracy.example.gov.uk/documents/s9201/Sufficiency%20report.pdf"
    )
    assert found[0].item_title == "Sufficiency Strategy 2026-29"


def test_an_exempt_items_papers_are_listed_restricted_so_never_fetched() -> None:
    found = page_papers(PAGE, BASE, exempt=["Residential Care Contract"])

    assert [p.restricted for p in found] == [False, False, True]


def test_a_page_without_an_item_table_lists_nothing() -> None:
    assert page_papers("<html><body><p>Sorry</p></body></html>", BASE) == []
