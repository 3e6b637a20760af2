"""Notices to the public printed after an agenda's last item: the agenda's, not the item's.

Agendas end with a word to the public ("Members of the public are welcome to attend",
"The press and public may film the meeting"): under the last item it read as that item's
blurb. A notice is known by what it is about, the public or press and their attending,
speaking or recording, and by where it stands, after the last item's own text. The last
item about the public itself (public questions, participation) keeps its blurb.
"""

from __future__ import annotations

import re

from ingest.parsers.prefilter import holds_any

_NOTICE = re.compile(
    r"^(?:members of the (?:public|press)|the (?:public|press)(?: and (?:public|press))?"
    r"|public (?:questions|participation|speaking))\b"
    r"[^.]*?\b(?:attend|welcome|question|speak|film|record|broadcast|admit)",
    re.IGNORECASE,
)
_ABOUT_THE_PUBLIC = ("public", "question", "participation", "forum")


def is_public_notice(paragraph: str) -> bool:
    return _NOTICE.search(paragraph) is not None


def without_closing_notices(title: str, blurb: list[str]) -> list[str]:
    """The last agenda item's blurb less the notices to the public that follow its text."""
    if holds_any(title, _ABOUT_THE_PUBLIC):
        return blurb
    end = len(blurb)
    while end and is_public_notice(blurb[end - 1]):
        end -= 1
    return blurb[:end]
