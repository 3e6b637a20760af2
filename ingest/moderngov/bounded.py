"""Limits on what one answer from a site may cost: bytes, seconds, redirects and hosts.

A hostile or broken site can send an endless body, a byte every few seconds, a
redirect loop or a link to somewhere else. httpx's own timeouts apply to each
read, so a trickle never times out; here every read (headers included) waits at
most until the request's deadline, the body is counted as it streams and
dropped at the cap, and redirects are followed by hand so each hop is checked.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

MAX_REDIRECTS = 5
SCHEMES = frozenset({"http", "https"})
MB = 1024 * 1024
# Pages and XML answers may be this big; a PDF (printed minutes, a report pack) five times it.
DEFAULT_MAX_BYTES = 20 * MB
PDF_FACTOR = 5


class DeadlinePassed(httpx.TimeoutException):
    """The request's whole deadline passed while it was still being answered."""


class _Deadline:
    """The monotonic time the current request must end by (None: no request running)."""

    def __init__(self) -> None:
        self.at: float | None = None

    def clamp(self, timeout: float | None) -> float | None:
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the request's deadline passed")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner, self._deadline = inner, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.clamp(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._deadline.clamp(timeout))
        return _Stream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """httpcore's own sockets, every connect, read and write cut short at the deadline."""

    def __init__(self, deadline: _Deadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, self._deadline.clamp(timeout), local_address, socket_options
        )
        return _Stream(stream, self._deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(
            path, self._deadline.clamp(timeout), socket_options
        )
        return _Stream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class BoundedHTTP:
    """An httpx client that never follows redirects itself and whose reads obey a deadline."""

    def __init__(self, headers: dict[str, str]) -> None:
        self.deadline = _Deadline()
        transport = httpx.HTTPTransport()
        # The only way to give httpx a deadline per request rather than per read: its
        # connection pool, on sockets whose every read is cut short at the deadline.
        transport._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=_Backend(self.deadline)
        )
        self.client = httpx.Client(transport=transport, follow_redirects=False, headers=headers)

    def close(self) -> None:
        self.client.close()


def read_capped(response: httpx.Response, cap: int, deadline: float, url: str) -> bytes:
    """The (decoded) body, refused past ``cap`` bytes or once ``deadline`` has passed."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise TooLarge(
            f"{url} answered {int(declared) / MB:.1f} MB, over the {cap / MB:g} MB limit"
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise TooLarge(f"{url} answered more than the {cap / MB:g} MB limit")
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise DeadlinePassed("the request's deadline passed")
    return b"".join(chunks)


def redirect_target(current: httpx.URL, location: str | None, url: str) -> httpx.URL:
    """Where a redirect points, refused unless it is an http(s) address."""
    try:
        target = current.join(location or "")
    except httpx.InvalidURL as exc:
        raise Refused(f"{url} redirected to an invalid address") from exc
    if target.scheme not in SCHEMES:
        raise Refused(f"{url} redirected to a {target.scheme or 'relative'}: address")
    return target


def check_host(target: httpx.URL, hosts: frozenset[str], url: str) -> None:
    """A linked document comes only from the source's own host or an allowed one."""
    if target.scheme not in SCHEMES:
        raise Refused(f"{url} is not an http(s) address")
    if (target.host or "").lower() not in hosts:
        raise Refused(
            f"{url} is on {target.host}, not the council's site "
            "(allow it with BOARDCLERK_FETCH_ALLOW_HOSTS)"
        )


def parse_hosts(text: str) -> frozenset[str]:
    """``BOARDCLERK_FETCH_ALLOW_HOSTS``: comma-separated host names, any case."""
    return frozenset(part.strip().lower() for part in text.split(",") if part.strip())


class Refused(RuntimeError):
    """An answer not taken at all (too big, a bad redirect, another host): never retried."""


class TooLarge(Refused):
    """An answer over the size cap."""
