"""Follow-ups the minutes commit someone to, reworded as short imperatives.

"... this would be circulated after the meeting" becomes "Circulate the ratio
of agency staff after the meeting", tied to its item, with an owner and a due
date only where the text gives them ("by November 2022" is 30 November 2022).
Only firm commitments count: a report that "had been circulated" is history,
and findings "shared with the Children in Care Council" are not a task for the board.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ingest.parsers.action_lines import (
    ACTION_LINE,
    from_action_line,
    from_table_row,
    is_action_header,
    names_owner,
    owner_only,
    owner_to_clauses,
)
from ingest.parsers.commitments import commits
from ingest.parsers.followup_dates import (
    DEADLINE,
    IN_MONTH,
    ItemContext,
    at_meeting,
    due_date,
    meeting_date,
    not_before,
)
from ingest.parsers.imperatives import IMPERATIVE, past_tense
from ingest.parsers.memo import text_cache
from ingest.parsers.narrative import ABOUT, ASKED_ABOUT, PRONOUN, UNDERTOOK, VAGUE, requested
from ingest.parsers.prefilter import Gated, any_string, any_word
from ingest.parsers.sentence_split import sentences, split_sentences
from ingest.parsers.titles import smart_title
from storage.parsed import ParsedAction

_MEMBERS = (
    r"(?:to|with|amongst|among)\s+(?:all\s+)?(?:the\s+)?(?:board\s+|committee\s+|panel\s+)?"
    r"(?:(?:schools?\s+|voting\s+|co-opted\s+)?members|councillors|the\s+(?:[A-Z][\w'\-]*\s+){0,4}(?:board|committee|panel|forum|group)"
    r"|board|committee|panel|cllrs)"
    r"|to\s+(?:the\s+)?(?:cabinet|full\s+council|council|executive)\b"
)
_MEETING = (
    r"(?:to|at|for|before)\s+(?:a|the|an)\s+(?:future|next|subsequent|later|following|forthcoming|"
    r"upcoming|further)\s+(?:meeting|board|session)"
    r"|(?:to|at|for|before)\s+(?:its|the|their)\s+(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)(?:\s+(?:19|20)\d\d)?\s+(?:board\s+|committee\s+)?meeting"
)
_TARGET = re.compile(
    rf"{_MEMBERS}|{_MEETING}|\b(?:back\s+to|after\s+the\s+meeting|following\s+the\s+meeting|"
    r"to\s+the\s+meeting\s+on|outside\s+(?:of\s+)?the\s+meeting)",
    re.IGNORECASE,
)
# "be arranged" is an undertaking whoever does it and whenever (a training session, a visit).
_ALWAYS = frozenset(
    {"circulated", "distributed", "emailed", "e-mailed", "forwarded", "fed back", "arranged"}
)
_TARGETED = frozenset(
    {
        *("shared", "sent", "provided", "presented", "brought", "reported", "submitted"),
        *("made available", "added", "scheduled", "given"),
    }
)
_DEADLINED = frozenset(
    {
        *("completed", "published", "finalised", "finalized", "updated", "reviewed"),
        *("developed", "produced", "prepared", "drafted", "refreshed", "undertaken"),
        *("implemented", "delivered", "displayed"),
    }
)
_VERBS = "|".join(
    sorted(
        (v.replace(" ", r"\s+") for v in _ALWAYS | _TARGETED | _DEADLINED), key=len, reverse=True
    )
)
_PASSIVE = re.compile(
    rf"\b(?:(?P<modal>would|will|to|should|shall|is\s+to|are\s+to|was\s+to|were\s+to)\s+"
    rf"(?:then\s+|also\s+|now\s+|subsequently\s+|further\s+)?be|(?P<bare>be))\s+"
    rf"(?P<verb>{_VERBS})\b(?P<rest>[^;]*)",
    re.IGNORECASE,
)
_ACTIVE = Gated(
    re.compile(
        r"\b(?P<owner>(?:the\s+)?[A-Z][\w'\-]*+(?:\s+(?:of|for|and|[A-Z][\w'\-]*+)){0,7})\s+"
        r"(?:agreed|undertook|offered|would|will|was\s+asked|were\s+asked|was\s+requested|"
        r"were\s+requested|was\s+agreed)\s+(?:to\s+)?"
        r"(?P<verb>circulate|provide|share|send|forward|report(?:\s+back)?|bring|present|feed\s*back|"
        r"arrange|investigate|look\s+into|follow\s+up|liaise|write\s+to|email|explore|confirm|"
        r"check|update|contact|obtain|seek|prepare|organise|organize|publish|chase|put)\b"
        r"(?P<rest>[^.;]*)"
    ),
    any_string("agreed", "undertook", "offered", "would", "will", "asked", "requested"),
)
# "RESOLVED that ... and the Head of Commissioning circulate a breakdown ...": a resolution's
# subjunctive gives an officer a task (its verbs, lower case, gate it).
_SUBJUNCTIVE_VERBS = (
    *("circulate", "display", "provide", "share", "send", "forward", "report", "bring"),
    *("present", "arrange", "write", "email", "contact", "obtain", "investigate", "submit"),
    "publish",
)
_SUBJUNCTIVE = Gated(
    re.compile(
        r"(?:\b(?i:that|and)\s+|[;:]\s+(?=\(?[a-z\d]{1,4}[.)])|\b(?:asks?|requests?|instructs?)\s+)"
        r"(?:\(?[a-z]{1,4}[.)]\s+|\d{1,2}[.)]\s+)?"
        r"(?P<owner>the\s+[A-Z][\w'\-]*+(?:\s+(?:of|for|and|[A-Z][\w'\-]*+|\d{1,3})){0,7}|officers)\s+"
        r"(?:to\s+)?(?P<verb>circulates?|displays?|provides?|shares?|sends?|forwards?|reports?(?:\s+back)?|brings?|"
        r"presents?|arranges?|writes?\s+to|emails?|contacts?|obtains?|investigates?|submits?|publish)\b"
        r"(?P<rest>[^.;]*)"
    ),
    any_string(*_SUBJUNCTIVE_VERBS),
)
# Verbs that commit to a task only with a recipient, a meeting or a deadline named.
_HANDED = frozenset({"present", "bring", "share", "send", "provide", "update"})
# "provide members with a breakdown": the members named straight after the verb.
_INDIRECT = re.compile(
    r"\s+(?:all\s+)?(?:the\s+)?(?:members|councillors|board|committee|panel|forum)\b", re.I
)
# "... agreed to receive a report on X at its next meeting": a report the body awaits.
_RECEIVE = re.compile(
    r"\b(?:receive|request)\s+(?P<np>(?:a|an)\s+[^;.]*?\b(?:report|update|presentation)\b[^;.]*?)\s+"
    r"(?P<rest>(?:at|to)\s+(?:its|the|a)\s+(?:\w+\s+){0,3}?meeting\b[^;.]*)",
    re.IGNORECASE,
)
_BODY = re.compile(
    r"\b(?i:the)\s+(Board|Committee|Panel|Forum|Partnership|Cabinet|Sub-Committee)\b"
)
# "The Chair asked that the protocol be circulated": a request the minutes record as agreed.
_ASKED_THAT = re.compile(r"\b(?:asked|requested|agreed|undertook)\s+that\b", re.IGNORECASE)
# Read in every resolution, a boundary tried at every position: only if it holds the verb.
_DEFERRED = Gated(
    re.compile(r"\b(?:be|was|were|been|is)\s+deferred\b(?P<rest>[^;]*)", re.IGNORECASE),
    any_word("deferred"),
)
# Scottish "agreed to continue consideration of the report to its next meeting": deferred too.
_CONTINUED = Gated(
    re.compile(
        r"\bagreed\s+to\s+(?:continue|defer)\s+(?:consideration\s+of\s+)?(?:the|this)\s+"
        r"(?:[\w'\-]+\s+){0,4}?[\w'\-]+"  # "the report", "the draft statement"
        r"(?P<rest>\s+(?:to|until)\s+(?:its|the|a)\s+(?:\w+\s+){0,3}?meeting\b"
        r"(?:\s+(?:on|in)\s+[^,;.]*?\d{4})?)",
        re.IGNORECASE,
    ),
    any_word("continue", "defer"),
)
_CLAUSE_BREAK = re.compile(
    r"(?:,\s+|;\s+|\bthat\s+|\band\s+|\bhowever\s+|\bbut\s+|\bwhich\s+|\bwhere\s+|\bso\s+)",
    re.IGNORECASE,
)
_FINITE = re.compile(r"\s+(?:was|were|is|are|had|has|have)\b", re.IGNORECASE)
_TRAILING_STATE = re.compile(
    r"\s*\b(?:was|were|is|are|had\s+been|has\s+been)\s+\w+\s+(?:and|but)\s*$", re.IGNORECASE
)


# Real minutes do not repeat their discussion from meeting to meeting; what recurs is the
# same paragraph under several items of one document ("RESOLVED that the report be noted.",
# "No declarations were made.") and a council's boilerplate: each such text is read once.
@text_cache
def _quiet(paragraph: str) -> bool:
    """Whether a paragraph of discussion yields no follow-up, whatever its item: no table
    row, "Action:" line, "Clerk to ..." clause or commitment in any sentence."""
    if " | " in paragraph or ACTION_LINE.search(paragraph) or names_owner(paragraph):
        return False
    return not commits(paragraph) or all(
        not commits(sentence) or not any(_in_minutes(sentence))
        for sentence in split_sentences(paragraph)
    )


_Matches = tuple[re.Match[str], ...]


# A sentence is searched to know whether it yields a follow-up, then again to read those it
# yields, and a resolution ("That an update be presented ...") again under each item: what
# the patterns find depends on its text alone, so each sentence is searched once.
@text_cache
def _in_minutes(sentence: str) -> tuple[_Matches, _Matches, _Matches]:
    """What the patterns ``_from_sentence`` reads in discussion find: passive, active, undertook."""
    return (
        tuple(_PASSIVE.finditer(sentence)),
        tuple(_ACTIVE.finditer(sentence)),
        tuple(UNDERTOOK.finditer(sentence)),
    )


@text_cache
def _in_decision(sentence: str) -> tuple[_Matches, _Matches]:
    """What those it reads in a decision alone find: a report to receive, the subjunctive."""
    return tuple(_RECEIVE.finditer(sentence)), tuple(_SUBJUNCTIVE.finditer(sentence))


def find_actions(item: ItemContext, minutes: list[str], decisions: list[str]) -> list[ParsedAction]:
    """Follow-ups in an item: decisions first, then the discussion, then "Action:" lines."""
    found: list[tuple[str, ParsedAction]] = []
    for text in decisions:
        found.extend(_from_decision(item, text))
    columns: list[str] | None = None
    for paragraph in minutes:
        stripped = paragraph.strip()
        if any(stripped in decision for decision in decisions):  # equal to one, or part of it
            continue
        if _quiet(paragraph):
            columns = None
            continue
        cells = [cell.strip() for cell in paragraph.split("|")] if " | " in paragraph else []
        if cells and is_action_header(cells):
            columns = [cell.lower() for cell in cells]
            continue
        if columns is not None and len(cells) == len(columns):
            found.append(("action", from_table_row(item, columns, cells)))
            continue
        columns = None
        line = ACTION_LINE.search(paragraph)
        if line and owner_only(line.group("body"), found):
            continue
        if line:
            found.append(("action", from_action_line(item, line.group("body"), paragraph)))
            continue
        owned = owner_to_clauses(item, paragraph)
        if owned:
            found.extend(("action", action) for action in owned)
            continue
        if not commits(paragraph):  # nor does any of its sentences
            continue
        previous = ""
        for sentence in sentences(paragraph):
            if commits(sentence):
                found.extend(_from_sentence(item, sentence, previous, "minutes"))
            previous = sentence
    return _dedupe(found)


def _from_decision(item: ItemContext, text: str) -> list[tuple[str, ParsedAction]]:
    out: list[tuple[str, ParsedAction]] = []
    deferred = _DEFERRED.search(text) or _CONTINUED.search(text)
    if deferred:
        rest = re.sub(r"^\s*until\b", " to", deferred.group("rest"))  # "back to", not "back until"
        due = meeting_date(rest, item)
        out.append(
            (
                "deferred",
                ParsedAction(
                    item_position=item.position,
                    item_ref=item.ref,
                    text=f"Bring {readable_title(item.title)} back{_tidy_rest(rest)}",
                    due=due,
                    due_at_meeting=due,
                    source="decision",
                ),
            )
        )
    for sentence in sentences(text):
        out.extend(_from_sentence(item, sentence, "", "decision"))
    return out


def _from_sentence(
    item: ItemContext, sentence: str, previous: str, source: str
) -> list[tuple[str, ParsedAction]]:
    out: list[tuple[str, ParsedAction]] = []
    passives, actives, undertakings = _in_minutes(sentence)
    receives, subjunctives = _in_decision(sentence) if source == "decision" else ((), ())
    if not (passives or actives or undertakings or receives or subjunctives):
        return out
    for match in passives:
        verb = " ".join(match.group("verb").lower().split())
        if (
            match.group("modal") is None
            and source != "decision"
            and not _ASKED_THAT.search(sentence[: match.start()])
        ):
            continue  # a bare "be circulated" is a commitment only when someone asked for it
        rest = match.group("rest")
        if verb in _TARGETED and not (_TARGET.search(rest) or DEADLINE.search(rest)):
            continue
        if verb in _DEADLINED and not DEADLINE.search(rest):
            continue
        if re.search(r"\b(?:had|has|have)\s+been\s*$", sentence[: match.start("verb")]):
            continue
        subject = _subject(sentence[: match.start()], previous, item)
        if subject is None:
            continue
        out.append((verb, _action(item, verb, subject, rest, source)))
    if source == "decision":
        out.extend(_received(item, sentence, receives))
    matches = list(actives)
    matches += [
        m for m in undertakings if not any(a.start() <= m.start() < a.end() for a in matches)
    ]
    if source == "decision":
        matches += subjunctives
    for match in matches:
        owner = match.group("owner").strip()
        if re.match(
            r"^(?:it|this|he|she|they|we|that|the\s+(?:board|committee|panel|forum|council|cabinet))$",
            owner,
            re.IGNORECASE,
        ):
            owner = ""  # "The Board agreed to publish ...": the body decided; no one is named
        # "that the Clerk forwards the objection": the indicative, read as "forward"
        verb = re.sub(r"(?<=[a-z])s(?=\s|$)", "", " ".join(match.group("verb").lower().split()))
        rest = match.group("rest")
        thing = requested(sentence[: match.start()], previous, rest)
        if thing is not None:
            rest = f" {thing}"  # the thing asked for, not "them"
        if (
            thing is None
            and verb in _HANDED
            and not (_TARGET.search(rest) or _INDIRECT.match(rest))
            and due_date(rest, item) is None  # a deadline makes it a task
        ):
            continue
        text = f"{verb[0].upper()}{verb[1:]}{_tidy_rest(rest)}"
        due = due_date(rest, item)
        out.append(
            (
                past_tense(verb),
                ParsedAction(
                    item_position=item.position,
                    item_ref=item.ref,
                    text=text,
                    owner=owner or None,
                    due=due,
                    due_at_meeting=at_meeting(rest, item),
                    not_before=not_before(rest),
                    source=source,
                ),
            )
        )
    return out


def _received(
    item: ItemContext, sentence: str, receives: _Matches
) -> list[tuple[str, ParsedAction]]:
    """ "The Board agreed to ... receive a report on X at its meeting in June 2026": someone
    presents that report to the Board then."""
    out: list[tuple[str, ParsedAction]] = []
    if not receives:
        return out
    body = _BODY.search(sentence)
    to_body = f" to the {body.group(1)}" if body else ""
    for match in receives:
        rest = match.group("rest")
        due = due_date(rest, item)
        action = ParsedAction(
            item_position=item.position,
            item_ref=item.ref,
            text=f"Present {match.group('np')}{to_body}{_tidy_rest(rest)}",
            due=due,
            due_at_meeting=at_meeting(rest, item),
            source="decision",
        )
        out.append(("presented", action))
    return out


def _subject(before: str, previous: str, item: ItemContext) -> str | None:
    """The noun phrase a passive commitment is about, pronouns resolved where possible."""
    clause = _TRAILING_STATE.sub("", before).rstrip(" ,")
    start = 0
    for match in _CLAUSE_BREAK.finditer(clause):
        if match.end() < len(clause):
            start = match.end()
    subject = clause[start:].strip(" ,-–")
    subject = re.sub(
        r"^(?:(?:\w+\s+){0,2}?(?:agreed|resolved|decided|decision)\s*(?:that\s*)?[:\-–]*\s*)?"
        r"(?:that|and|however|but)?\s*",
        "",
        subject,
        flags=re.IGNORECASE,
    )
    # "asked for copies of the leaflet to be sent": the request is not part of the task.
    subject = re.sub(
        r"^(?:\w+\s+){0,3}?(?:asked|called|pressed|requested|arranged)\s+for\s+",
        "",
        subject,
        flags=re.IGNORECASE,
    )
    subject = re.sub(r"^(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,5})[.)]|[-•])\s*", "", subject)
    subject = _FINITE.split(subject, maxsplit=1)[0].strip(" ,")
    if not subject or len(subject.split()) > 30:
        return None
    if subject.lower() == "copies":
        # "welcomed the new handbook and copies to be sent": copies of what came before.
        thing = re.search(r"\b(?:the|a|an)\s+[^,;.]+?(?=\s+and\s*$|,?\s*$)", clause[:start])
        if thing is None:
            return subject
        # "the revised criteria be approved and copies ...": the thing, not what befell it
        return "copies of " + re.sub(r"\s+(?:be|was|were|is|are)\s+\w+$", "", thing.group(0))
    pronoun, vague = PRONOUN.match(subject), VAGUE.match(subject)
    if pronoun or vague:
        topic = _topic(clause[:start], previous)
        if topic is None:
            return f"the information requested on {readable_title(item.title)}"
        if vague:
            lead = subject[0].lower() + subject[1:]
            return topic if topic.lower().startswith(lead.lower()) else f"{lead} on {topic}"
        return topic
    if subject[:1].isupper() and subject[1:2].islower() and not _proper(subject):
        subject = subject[0].lower() + subject[1:]
    return subject


def _topic(before: str, previous: str) -> str | None:
    """What "this" refers to: "enquired about X" here, or "a question surrounding X" before."""
    mentions = list(ABOUT.finditer(before))
    if mentions:
        return mentions[-1].group("np").strip()
    for text in (before, previous):
        asked = ASKED_ABOUT.search(text)
        if asked is not None:
            return (asked.group("np") or asked.group("np2")).strip()
    return None


def _proper(subject: str) -> bool:
    return subject.split()[0] not in _COMMON_OPENINGS


# Words that open a sentence without making its subject a name.
_COMMON_OPENINGS = frozenset(
    {
        *("The", "A", "An", "Details", "Feedback", "Information", "Further", "Any", "All"),
        *("Copies", "Figures", "Data", "Progress", "Updates", "Update", "Minutes", "Notes"),
        *("Slides", "This", "These", "Full"),
    }
)


def _action(item: ItemContext, verb: str, subject: str, rest: str, source: str) -> ParsedAction:
    imperative = IMPERATIVE[verb]
    # "A further update be provided" → "Provide a further update": the article was a sentence start.
    subject = re.sub(r"^(A|An|The)\b", lambda m: m.group(1).lower(), subject)
    owner = None
    by_owner = re.match(
        r"^\s*by\s+(?P<who>(?:the\s+)?[A-Z][\w'\-]*(?:\s+(?:of|for|and|[A-Z][\w'\-]*)){0,6})", rest
    )
    if by_owner and not DEADLINE.match(rest.strip()):
        owner = by_owner.group("who").strip()
        rest = rest[by_owner.end() :]
    if imperative == "Bring" and rest.strip().lower().startswith("back"):
        text = f"Bring {subject} back{_tidy_rest(rest.strip()[4:])}"
    else:
        text = f"{imperative} {subject}{_tidy_rest(rest)}"
    return ParsedAction(
        item_position=item.position,
        item_ref=item.ref,
        text=text,
        owner=owner,
        due=due_date(rest, item),
        due_at_meeting=at_meeting(rest, item),
        not_before=not_before(rest),
        source=source,
    )


def _tidy_rest(rest: str) -> str:
    """The words after the verb, without "in October 2024": that is the due date."""
    if not DEADLINE.search(rest) and not re.search(r"\bmeeting\s+in\b", rest, re.IGNORECASE):
        rest = IN_MONTH.sub("", rest)
    rest = " ".join(rest.split()).rstrip(" .,;:")
    return f" {rest}" if rest and not rest.startswith(",") else rest


def readable_title(title: str) -> str:
    """An upper-case title in ordinary case, for use inside a sentence."""
    return smart_title(title) if title.isupper() else title


def _dedupe(found: list[tuple[str, ParsedAction]]) -> list[ParsedAction]:
    """One action per commitment: a resolution beats the discussion that led to it."""
    kept: list[tuple[str, ParsedAction]] = []
    for verb, action in found:
        duplicate = False
        for index, (other_verb, other) in enumerate(kept):
            same_verb = verb == other_verb or {verb, other_verb} <= {
                "presented",
                "brought",
                "reported",
                "deferred",
            }
            likeness = fuzz.token_set_ratio(action.text, other.text)
            # the discussion and the resolution word one commitment differently
            similar = likeness >= 85 or (other.source != action.source and likeness >= 50)
            if same_verb and similar:
                duplicate = True
                if other.source != "decision" and action.source == "decision":
                    kept[index] = (verb, action)
                break
        if not duplicate:
            kept.append((verb, action))
    return [action for _verb, action in kept]
