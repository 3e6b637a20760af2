"""A hostile council site on 127.0.0.1: the fake ModernGov site, with chosen answers turned bad.

``site.hostile["GetMeeting:4002"] = "endless"`` makes that one meeting's answer an
endless stream (``"GetMeeting"`` alone: every meeting's). The behaviours are what
the probes in issue 20 sent: a huge body (declared or not), an endless stream,
one byte every ``trickle_every`` seconds (body or status line), a redirect loop,
a redirect chain (``/hop/N`` redirects N times before answering), and a redirect
to a non-http scheme. Every writer stops when the client hangs up or the site stops.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from tests.ingest.moderngov.council import build_site
from tests.ingest.moderngov.fake_moderngov import FakeModernGov

CHUNK = b"<" + b"x" * 65535
HUGE = 200 * 1024 * 1024
SMALL_XML = b"<?xml version='1.0'?><committees><committeecount>0</committeecount></committees>"


class HostileSite(FakeModernGov):
    def __init__(self) -> None:
        super().__init__()
        # "GetMeeting:4002" or "GetMeeting" (any path's last part) -> a behaviour below.
        self.hostile: dict[str, str] = {}
        self.trickle_every = 0.3
        self.sent = 0  # bytes the bad answers sent, all told
        self.bad_requests: list[str] = []
        self.stopping = threading.Event()

    def stop(self) -> None:
        self.stopping.set()
        super().stop()

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        query = {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
        method = parts.path.rsplit("/", 1)[-1]
        ident = query.get("lmeetingid") or query.get("id") or query.get("mid")
        behaviour = self.hostile.get(f"{method}:{ident}") or self.hostile.get(method)
        if parts.path.startswith("/hop/"):
            behaviour = "hop"
        if behaviour is None:
            super()._handle(request)
            return
        with self._lock:
            self.bad_requests.append(parts.path)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, TimeoutError):
            self._misbehave(request, behaviour, request.path)

    def _misbehave(self, request: BaseHTTPRequestHandler, behaviour: str, path: str) -> None:
        if behaviour == "trickle-status":
            for byte in b"HTTP/1.0 200 OK\r\n":
                self._write(request, bytes([byte]))
                self._pause()
            return
        if behaviour in {"loop", "scheme", "hop"}:
            hops = int(urlsplit(path).path.rsplit("/", 1)[-1]) if behaviour == "hop" else 0
            if behaviour == "hop" and hops == 0:
                return self._send(request, 200, SMALL_XML)
            target = {
                "loop": path,
                "scheme": "file:///etc/passwd",
                "hop": f"/hop/{hops - 1}",
            }[behaviour]
            request.send_response(302)
            request.send_header("Location", target)
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        request.send_response(200)
        request.send_header("Content-Type", "text/xml; charset=utf-8")
        if behaviour == "huge":
            request.send_header("Content-Length", str(HUGE))
        request.end_headers()
        if behaviour in {"huge", "huge-undeclared", "endless"}:
            limit = HUGE if behaviour != "endless" else None
            for chunk in _chunks(limit):
                if self.stopping.is_set():
                    return
                self._write(request, chunk)
        elif behaviour == "trickle":
            while not self.stopping.is_set():
                self._write(request, b"<")
                self._pause()
        else:
            raise ValueError(f"no such behaviour: {behaviour}")

    def _send(self, request: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
        request.send_response(status)
        request.send_header("Content-Type", "text/xml; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    def _write(self, request: BaseHTTPRequestHandler, data: bytes) -> None:
        request.wfile.write(data)
        request.wfile.flush()
        with self._lock:
            self.sent += len(data)

    def _pause(self) -> None:
        self.stopping.wait(self.trickle_every)


def _chunks(limit: int | None) -> Iterator[bytes]:
    sent = 0
    while limit is None or sent < limit:
        yield CHUNK
        sent += len(CHUNK)


def running_hostile_site() -> Iterator[HostileSite]:
    """The council's site (committee 133, as in tests/ingest/moderngov), ready to turn bad."""
    site = HostileSite()
    build_site(site)
    site.start()
    try:
        yield site
    finally:
        site.stop()


def wait_quiet(site: HostileSite, seconds: float = 0.5) -> None:
    """Until the site's bad writers have stopped sending (the client hung up)."""
    before = -1
    deadline = time.monotonic() + 5
    while site.sent != before and time.monotonic() < deadline:
        before = site.sent
        time.sleep(seconds)
