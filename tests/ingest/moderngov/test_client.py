"""The site client: names itself, keeps to one request a second, retries, and times out."""

from __future__ import annotations

import itertools

import pytest

from ingest.moderngov.client import (
    DEFAULT_INTERVAL,
    DEFAULT_TIMEOUT,
    FetchError,
    ServiceOff,
    SiteClient,
)
from tests.ingest.moderngov.fake_moderngov import FakeModernGov


def test_defaults_are_a_minute_to_answer_and_one_request_a_second() -> None:
    client = SiteClient("https://democracy.example.gov.uk/")
    assert (client.timeout, client.interval, client.root) == (
        DEFAULT_TIMEOUT,
        DEFAULT_INTERVAL,
        "https://democracy.example.gov.uk",
    )


def test_requests_to_one_site_are_spaced_and_name_board_clerk(site: FakeModernGov) -> None:
    with SiteClient(site.url, interval=0.25) as client:
        for _ in range(3):
            client.service("GetCommittees")

    times = [r.at for r in site.requests]
    assert all(later - earlier >= 0.24 for earlier, later in itertools.pairwise(times))
    assert {r.headers["user-agent"] for r in site.requests} == {
        "BoardClerk/0.1 (+https://github.com/boardclerk; council meeting assistant)"
    }


def test_a_failing_answer_is_retried_with_growing_pauses(site: FakeModernGov) -> None:
    pauses: list[float] = []
    site.fail_next["GetCommittees"] = 2
    with SiteClient(site.url, interval=0, backoff=0.5, sleep=pauses.append) as client:
        text = client.service("GetCommittees")

    assert text.lstrip().startswith("<?xml")
    assert pauses == [0.5, 1.0]
    assert len(site.requests) == 3


def test_an_error_that_outlasts_the_retries_is_one_line(site: FakeModernGov) -> None:
    site.fail_next["GetCommittees"] = 10
    with (
        SiteClient(site.url, interval=0, retries=2, sleep=lambda _s: None) as client,
        pytest.raises(FetchError, match=r"GetCommittees answered HTTP 500$"),
    ):
        client.service("GetCommittees")
    assert len(site.requests) == 3


def test_a_web_page_where_xml_was_expected_means_the_service_is_off(site: FakeModernGov) -> None:
    site.service_off = True
    with (
        SiteClient(site.url, interval=0, retries=1, sleep=lambda _s: None) as client,
        pytest.raises(ServiceOff, match="answered with a web page"),
    ):
        client.service("GetCommittees")


def test_a_missing_page_is_not_retried(site: FakeModernGov) -> None:
    with (
        SiteClient(site.url, interval=0, sleep=lambda _s: None) as client,
        pytest.raises(FetchError, match="HTTP 404"),
    ):
        client.get(client.url("mgConvert2PDF.aspx", ID=1), expect="pdf")
    assert len(site.requests) == 1


def test_a_slow_answer_within_the_timeout_is_waited_for(site: FakeModernGov) -> None:
    site.delay = 0.3
    with SiteClient(site.url, timeout=2, interval=0) as client:
        assert "<committees>" in client.service("GetCommittees")


def test_an_answer_slower_than_the_timeout_fails(site: FakeModernGov) -> None:
    site.delay = 0.5
    with (
        SiteClient(site.url, timeout=0.1, interval=0, retries=0) as client,
        pytest.raises(FetchError, match=r"did not answer within 0\.1 s"),
    ):
        client.service("GetCommittees")
