"""A polite HTTP client for one council site: httpx with timeouts, retries and a rate limit.

Self-hosted ModernGov sites can take up to a minute to answer and some answer
an error with an HTML page and status 200, so every answer is checked for what
it should be (XML from the web service, a PDF for printed minutes) and anything
else is retried with backoff before it counts as a failure.

Every request is bounded (see ``ingest.moderngov.bounded``): ``timeout`` is the
whole of one attempt, first byte to last, and a request with its retries ends
within ``timeout * (retries + 1)``; a body over ``max_bytes`` (five times that
for a PDF) is dropped as it streams; at most five http(s) redirects; and a
linked document (``linked=True``) only from the site's own host or ``allow_hosts``.
Refusals are not retried: the same site would send the same thing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import httpx

from ingest.moderngov.bounded import (
    DEFAULT_MAX_BYTES,
    MAX_REDIRECTS,
    PDF_FACTOR,
    BoundedHTTP,
    Refused,
    check_host,
    read_capped,
    redirect_target,
)

USER_AGENT = "BoardClerk/0.1 (+https://github.com/boardclerk; council meeting assistant)"
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3
DEFAULT_INTERVAL = 1.0  # seconds between requests to one site


class FetchError(RuntimeError):
    """A request that failed after its retries; the message is one line."""


class ServiceOff(FetchError):
    """The site answers, but not from a web service (switched off, or not ModernGov)."""


class FetchRefused(FetchError):
    """An answer refused outright (too big, a bad redirect, another host); not retried."""


@dataclass
class SiteClient:
    """Requests to one site, at most one per ``interval`` seconds, each retried on failure."""

    root: str
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    interval: float = DEFAULT_INTERVAL
    backoff: float = 2.0
    sleep: Callable[[float], None] = time.sleep
    max_bytes: int = DEFAULT_MAX_BYTES
    # Hosts linked documents may come from besides the site's own.
    allow_hosts: frozenset[str] = frozenset()
    _last: float = field(default=0.0, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _http: BoundedHTTP | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.root = self.root.rstrip("/")

    def __enter__(self) -> SiteClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def url(self, page: str, **params: str | int) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return f"{self.root}/{page}{query}"

    def service(self, method: str, **params: str | int) -> str:
        """The web service's XML answer to ``method`` (``GetMeetings``...)."""
        return self.text(self.url(f"mgWebService.asmx/{method}", **params), expect="xml")

    def text(self, url: str, *, expect: str = "html") -> str:
        response = self.get(url, expect=expect)
        return response.text

    def get(self, url: str, *, expect: str = "any", linked: bool = False) -> httpx.Response:
        """GET ``url``, retried with backoff until it answers as ``expect`` (xml|html|pdf|any).

        ``linked``: an address the site's pages link to, so it must be on an allowed host.
        """
        error: FetchError | None = None
        ends = time.monotonic() + self.timeout * (self.retries + 1)
        for attempt in range(self.retries + 1):
            if attempt:
                pause = self.backoff * 2 ** (attempt - 1)
                if time.monotonic() + pause >= ends:
                    break
                self.sleep(pause)
            try:
                response = self._send(url, expect, linked, ends)
            except Refused as exc:
                raise FetchRefused(str(exc)) from exc
            except httpx.TimeoutException:
                error = FetchError(f"{url} did not answer within {self.timeout:g} s")
                continue
            except httpx.HTTPError as exc:
                error = FetchError(f"cannot reach {url}: {exc}")
                continue
            error = _problem(url, response, expect)
            if error is None:
                return response
            if response.status_code == 404:
                break
        assert error is not None
        raise error

    def _send(self, url: str, expect: str, linked: bool, ends: float) -> httpx.Response:
        with self._lock:
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            try:
                return self._fetch(url, expect, linked, min(ends, time.monotonic() + self.timeout))
            finally:
                self._last = time.monotonic()

    def _fetch(self, url: str, expect: str, linked: bool, deadline: float) -> httpx.Response:
        """One attempt: redirects followed by hand, the body read within the cap and deadline."""
        http = self._bounded()
        cap = self.max_bytes * (PDF_FACTOR if expect == "pdf" else 1)
        hosts = self.allow_hosts | {(urlsplit(self.root).hostname or "").lower()}
        target = httpx.URL(url)
        http.deadline.at = deadline
        try:
            for hop in range(MAX_REDIRECTS + 1):
                if linked:
                    check_host(target, hosts, url)
                left = max(deadline - time.monotonic(), 0.001)
                request = http.client.build_request("GET", target, timeout=left)
                response = http.client.send(request, stream=True)
                try:
                    if response.is_redirect:
                        if hop == MAX_REDIRECTS:
                            raise Refused(f"{url} redirected more than {MAX_REDIRECTS} times")
                        target = redirect_target(target, response.headers.get("location"), url)
                        continue
                    body = read_capped(response, cap, deadline, url)
                finally:
                    response.close()
                headers = [
                    (key, value)
                    for key, value in response.headers.multi_items()
                    if key.lower()
                    not in {"content-encoding", "content-length", "transfer-encoding"}
                ]
                return httpx.Response(
                    response.status_code, headers=headers, content=body, request=request
                )
            raise AssertionError("unreachable: the last hop returns or raises")
        finally:
            http.deadline.at = None

    def _bounded(self) -> BoundedHTTP:
        if self._http is None:
            self._http = BoundedHTTP({"User-Agent": USER_AGENT})
        return self._http


def _problem(url: str, response: httpx.Response, expect: str) -> FetchError | None:
    """Why ``response`` is not the answer wanted, or None when it is."""
    head = response.content[:512].lstrip().lower()
    html = head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:200]
    if expect == "xml" and response.status_code < 500 and html:
        return ServiceOff(f"{url} answered with a web page, not the web service's XML")
    if response.status_code >= 400:
        return FetchError(f"{url} answered HTTP {response.status_code}")
    if expect == "xml" and not head.startswith(b"<"):
        return FetchError(f"{url} did not answer with XML")
    if expect == "pdf" and not response.content.startswith(b"%PDF"):
        return FetchError(f"{url} did not answer with a PDF")
    return None
