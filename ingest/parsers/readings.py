"""Readings of a parsed document that storage acts on, made here so storage never reads text.

Which earlier meetings' minutes a decision approves, and whether an action's owner
is a person's name, are questions about wording: the parsers answer them once, for
files and sites alike, and persistence only stores what they say.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ingest.parsers.dates import find_dates
from ingest.parsers.people import looks_like_name
from storage.parsed import ParsedDocument, ParsedItem

MINUTES_CONFIRMED = re.compile(
    r"\bminutes\b.{0,200}?\b(?:approved|confirmed|agreed|accepted|signed|adopted)\b",
    re.IGNORECASE | re.S,
)
DEFERRED = re.compile(r"\bdefer", re.IGNORECASE)


def confirmed_dates(items: tuple[ParsedItem, ...]) -> tuple[dt.date, ...]:
    """Earlier meetings whose minutes the decisions say were approved (in text order)."""
    dates: list[dt.date] = []
    for item in items:
        for decision in item.decisions:
            if not MINUTES_CONFIRMED.search(decision.text) or DEFERRED.search(decision.text):
                continue
            dates += [found.date for found in find_dates(decision.text)]
    return tuple(dates)


def is_person(owner: str | None) -> bool:
    return bool(owner) and looks_like_name(owner or "") and len((owner or "").split()) >= 2


def with_readings(doc: ParsedDocument) -> ParsedDocument:
    """``doc`` with the minutes it confirms and which action owners are people."""
    actions = tuple(
        dataclasses.replace(action, owner_is_person=is_person(action.owner))
        for action in doc.actions
    )
    return dataclasses.replace(doc, actions=actions, confirms_minutes_of=confirmed_dates(doc.items))
