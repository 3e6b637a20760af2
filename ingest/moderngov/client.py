"""A polite HTTP client for one council site: httpx with timeouts, retries and a rate limit.

Self-hosted ModernGov sites can take up to a minute to answer and some answer
an error with an HTML page and status 200, so every answer is checked for what
it should be (XML from the web service, a PDF for printed minutes) and anything
else is retried with backoff before it counts as a failure.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import httpx

USER_AGENT = "BoardClerk/0.1 (+https://github.com/boardclerk; council meeting assistant)"
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3
DEFAULT_INTERVAL = 1.0  # seconds between requests to one site


class FetchError(RuntimeError):
    """A request that failed after its retries; the message is one line."""


class ServiceOff(FetchError):
    """The site answers, but not from a web service (switched off, or not ModernGov)."""


@dataclass
class SiteClient:
    """Requests to one site, at most one per ``interval`` seconds, each retried on failure."""

    root: str
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    interval: float = DEFAULT_INTERVAL
    backoff: float = 2.0
    sleep: Callable[[float], None] = time.sleep
    _last: float = field(default=0.0, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _http: httpx.Client | None = field(default=None, init=False)

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

    def get(self, url: str, *, expect: str = "any") -> httpx.Response:
        """GET ``url``, retried with backoff until it answers as ``expect`` (xml|html|pdf|any)."""
        error: FetchError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self._send(url)
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

    def _send(self, url: str) -> httpx.Response:
        with self._lock:
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            try:
                return self._client().get(url)
            finally:
                self._last = time.monotonic()

    def _client(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(
                timeout=self.timeout,
                follow_redirects=True,
                headers={"User-Agent": USER_AGENT},
            )
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
