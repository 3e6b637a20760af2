"""Probes against the one site client that ``sync``, ``import URL`` and linked documents share.

Each answer a hostile site can send is refused in one line, within the request's
deadline, without holding more than the size cap in memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from ingest.moderngov.client import FetchError, FetchRefused, SiteClient
from tests.security.conftest import MB, measured
from tests.security.hostile_site import HUGE, HostileSite, wait_quiet

CAP = 1 * MB


def client(site: HostileSite, *, timeout: float = 5.0, retries: int = 0) -> SiteClient:
    return SiteClient(
        site.url, timeout=timeout, retries=retries, interval=0, backoff=0.1, max_bytes=CAP
    )


def failure(work: Callable[[], object]) -> FetchError:
    with pytest.raises(FetchError) as caught:
        work()
    return caught.value


def one_line(error: Exception) -> str:
    text = str(error)
    assert text and "\n" not in text
    return text


def test_a_huge_declared_answer_is_refused_before_its_body_is_read(hostile: HostileSite) -> None:
    hostile.hostile["GetCommittees"] = "huge"
    with client(hostile) as site:
        error, cost = measured(lambda: failure(lambda: site.service("GetCommittees")))

    assert isinstance(error, FetchRefused)
    assert "over the 1 MB limit" in one_line(error)
    assert cost.peak_bytes < 8 * MB
    wait_quiet(hostile)
    assert hostile.sent < HUGE // 10
    assert len(hostile.bad_requests) == 1  # a refusal is not retried


def test_a_huge_undeclared_answer_is_dropped_at_the_cap(hostile: HostileSite) -> None:
    hostile.hostile["GetCommittees"] = "huge-undeclared"
    with client(hostile, retries=2) as site:
        error, cost = measured(lambda: failure(lambda: site.service("GetCommittees")))

    assert "more than the 1 MB limit" in one_line(error)
    assert cost.peak_bytes < 8 * MB
    assert len(hostile.bad_requests) == 1


def test_an_endless_stream_is_dropped_at_the_cap_in_bounded_memory(hostile: HostileSite) -> None:
    hostile.hostile["GetCommittees"] = "endless"
    with client(hostile) as site:
        error, cost = measured(lambda: failure(lambda: site.service("GetCommittees")))

    assert "more than the 1 MB limit" in one_line(error)
    assert cost.peak_bytes < 8 * MB
    assert cost.seconds < 5
    wait_quiet(hostile)
    sent = hostile.sent
    time.sleep(0.5)
    assert hostile.sent == sent  # the connection was closed: the site stopped sending


def test_a_pdf_may_be_five_times_the_cap(hostile: HostileSite) -> None:
    hostile.hostile["mgConvert2PDF.aspx"] = "endless"
    with client(hostile) as site:
        error = failure(lambda: site.get(site.url("mgConvert2PDF.aspx", ID=1), expect="pdf"))

    assert "more than the 5 MB limit" in one_line(error)


def test_one_byte_every_so_often_cannot_outlast_the_deadline(hostile: HostileSite) -> None:
    hostile.hostile["GetCommittees"] = "trickle"
    hostile.trickle_every = 0.2
    with client(hostile, timeout=1.0, retries=1) as site:
        error, cost = measured(lambda: failure(lambda: site.service("GetCommittees")))

    assert "did not answer within 1 s" in one_line(error)
    # Two attempts of a second each (and a 0.1 s pause), never a read's worth more.
    assert 1.0 <= cost.seconds < 2 * 1.0 * 1.1 + 0.3
    assert len(hostile.bad_requests) == 2


def test_a_status_line_sent_a_byte_at_a_time_cannot_outlast_the_deadline(
    hostile: HostileSite,
) -> None:
    hostile.hostile["GetCommittees"] = "trickle-status"
    hostile.trickle_every = 0.2
    with client(hostile, timeout=1.0) as site:
        error, cost = measured(lambda: failure(lambda: site.service("GetCommittees")))

    assert "did not answer within 1 s" in one_line(error)
    assert cost.seconds < 1.0 * 1.1 + 0.3


def test_a_read_waits_no_longer_than_the_time_left(hostile: HostileSite) -> None:
    # Bytes for most of the deadline, then the site stalls: the last read is cut short.
    hostile.hostile["GetCommittees"] = "trickle"
    hostile.trickle_every = 0.7
    with client(hostile, timeout=1.0) as site:
        _, cost = measured(lambda: failure(lambda: site.service("GetCommittees")))

    assert cost.seconds < 1.0 * 1.1 + 0.3


def test_five_redirects_are_followed(hostile: HostileSite) -> None:
    with client(hostile) as site:
        text = site.text(f"{hostile.url}/hop/5", expect="xml")

    assert text.startswith("<?xml")
    assert len(hostile.bad_requests) == 6


def test_a_sixth_redirect_is_refused(hostile: HostileSite) -> None:
    with client(hostile, retries=2) as site:
        error = failure(lambda: site.text(f"{hostile.url}/hop/6", expect="xml"))

    assert isinstance(error, FetchRefused)
    assert "redirected more than 5 times" in one_line(error)
    assert len(hostile.bad_requests) == 6  # not retried


def test_a_redirect_loop_is_refused(hostile: HostileSite) -> None:
    hostile.hostile["GetCommittees"] = "loop"
    with client(hostile) as site:
        error = failure(lambda: site.service("GetCommittees"))

    assert "redirected more than 5 times" in one_line(error)


def test_a_redirect_to_another_scheme_is_refused(hostile: HostileSite) -> None:
    hostile.hostile["GetCommittees"] = "scheme"
    with client(hostile) as site:
        error = failure(lambda: site.service("GetCommittees"))

    assert "redirected to a file: address" in one_line(error)


def test_a_linked_document_on_another_host_is_refused_without_a_request(
    hostile: HostileSite,
) -> None:
    elsewhere = hostile.url.replace("127.0.0.1", "localhost") + "/mgConvert2PDF.aspx?ID=9001"
    with client(hostile, retries=2) as site:
        error = failure(lambda: site.get(elsewhere, expect="pdf", linked=True))

    assert "is on localhost, not the council's site" in one_line(error)
    assert hostile.requests == []


def test_a_linked_document_may_redirect_only_to_an_allowed_host(hostile: HostileSite) -> None:
    hostile.hostile["mgConvert2PDF.aspx"] = "scheme"
    with client(hostile) as site:
        error = failure(lambda: site.get(site.url("mgConvert2PDF.aspx", ID=1), linked=True))

    assert "redirected to a file: address" in one_line(error)


def test_a_host_allowed_by_the_setting_is_fetched_from(hostile: HostileSite) -> None:
    elsewhere = hostile.url.replace("127.0.0.1", "localhost") + "/mgConvert2PDF.aspx?ID=9001"
    site = client(hostile)
    site.allow_hosts = frozenset({"localhost"})
    with site:
        response = site.get(elsewhere, expect="pdf", linked=True)

    assert response.content.startswith(b"%PDF")
