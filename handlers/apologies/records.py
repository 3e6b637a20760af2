"""Apologies in words: whom a name means among a board's members, and the minutes' sentence.

The rows themselves (record, withdraw, undo, list, the quorum check) are
``storage.attendance``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storage.models import Member
from storage.names import match_key


def find_named(candidates: Sequence[Member], name: str) -> Member | None:
    """The one member ``name`` means: full key, else a unique surname (with initial if given)."""
    key = match_key(name)
    if not key:
        return None
    exact = [m for m in candidates if m.match_key == key or m.name.lower() == name.lower()]
    if len(exact) == 1:
        return exact[0]
    words = key.split()
    surname = [m for m in candidates if m.match_key.split()[-1:] == words[-1:]]
    if len(words) > 1:
        surname = [m for m in surname if m.match_key.split()[0][:1] == words[0][:1]]
    unique = {m.id: m for m in surname}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _short_name(name: str) -> str:
    return re.sub(r"^(?:councillor|cllr)\.?\s+", "", name, flags=re.I)


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def minutes_sentence(names: Sequence[str]) -> str:
    """ "Apologies for absence were received from Councillors A, B and C." in minutes style."""
    if not names:
        return "No apologies for absence were received."
    councillors = [_short_name(n) for n in names if re.match(r"^(?:councillor|cllr)\.?\s", n, re.I)]
    others = [n for n in names if not re.match(r"^(?:councillor|cllr)\.?\s", n, re.I)]
    parts: list[str] = []
    if councillors:
        title = "Councillors" if len(councillors) > 1 else "Councillor"
        parts.append(f"{title} {_join(councillors)}")
    if parts and others:
        return f"Apologies for absence were received from {parts[0]}, and from {_join(others)}."
    return f"Apologies for absence were received from {_join(parts or others)}."
