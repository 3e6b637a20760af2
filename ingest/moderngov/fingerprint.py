"""A meeting's fingerprint: a hash of what the site sent, in a canonical form.

A sync writes a meeting only when its fingerprint changes, so the fingerprint
is taken from the site's own answer (the ``GetMeeting`` XML, or the meeting's
page) and the listing's date, time and status, never from our dataclasses: a
field added to them must not make every followed meeting look changed.
Canonical: XML in C14N with text trimmed (attribute order and indentation do
not count); HTML without scripts, styles and hidden form state, which some
sites regenerate on every request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import xml.etree.ElementTree as ET

from selectolax.lexbor import LexborHTMLParser

_VOLATILE = ("script", "style", "noscript")


def _listed(
    date: dt.date | None, time: dt.time | None, status: str | None
) -> dict[str, str | None]:
    return {
        "date": date.isoformat() if date else None,
        "time": time.isoformat() if time else None,
        "status": status,
    }


def _hash(content: bytes, listed: dict[str, str | None]) -> str:
    canonical = {"content": hashlib.sha256(content).hexdigest(), "listed": listed}
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_xml(text: str) -> bytes:
    """The XML in canonical form (C14N 2.0, text trimmed, no comments)."""
    return ET.canonicalize(text.lstrip("\ufeff \r\n\t"), strip_text=True).encode("utf-8")


def canonical_page(data: bytes) -> bytes:
    """An HTML page without what changes on every request; a PDF (or anything else) as sent."""
    if data.startswith(b"%PDF"):
        return data
    tree = LexborHTMLParser(data)
    tree.strip_tags(list(_VOLATILE))
    for hidden in tree.css("input[type=hidden]"):
        hidden.decompose()
    return (tree.html or "").encode("utf-8")


def meeting_fingerprint(
    text: str, *, date: dt.date | None, time: dt.time | None, status: str | None
) -> str:
    """A ``GetMeeting`` answer with how ``GetMeetings`` listed the meeting."""
    return _hash(canonical_xml(text), _listed(date, time, status))


def page_fingerprint(
    data: bytes, *, date: dt.date | None, time: dt.time | None, status: str | None
) -> str:
    """A meeting's public page with how the committee's meetings page listed it."""
    return _hash(canonical_page(data), _listed(date, time, status))
