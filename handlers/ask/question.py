"""What a plain-words question about the record is asking, and about what.

Deliberately small and rule-based: the kinds of question a board member asks
are few, and a wrong guess must fall back to "what was decided about X".
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from storage.search import words


class Kind(enum.StrEnum):
    DECISION = "decision"
    LAST_DISCUSSED = "last-discussed"
    PRESENTER = "presenter"
    ATTENDANCE = "attendance"
    OUTSTANDING = "outstanding"
    CHAIR = "chair"
    # "how many care leavers were in education?", "what was said about PEPs?": a sentence.
    SAID = "said"
    # "what actions came out of the away day item?": the actions of the item, any status.
    ITEM_ACTIONS = "item-actions"
    # "who was elected chair?": the resolution that elected them.
    ELECTED = "elected"
    # "what has the board decided on sufficiency over time?": every resolution, a line each.
    HISTORY = "history"


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# Words that say what kind of question it is, never what it is about.
STOP_WORDS = frozenset(
    words(
        """
    a about all an and any anything are as at be been by can could did do does done for from
    had has have how i in into is it its it's just know last let me my of on or our over
    please re regarding s said say see show so tell that the their them then there these
    they this those to us was we were what whats what's when whens where which while who
    whom why will with would you your agree agreed agreement decide decided decision
    decisions resolve resolved resolution resolutions approve approved approval happen
    happened happening discuss discussed discussion talk talked consider considered
    latest previously recently presented present presents presenting introduced gave
    outstanding open pending still action actions follow followup followups up board meeting
    meetings item items minute panel committee subcommittee forum summarise summarize
    summary recap overview give outcome outcomes go went responsible owns owner routine
    everything including include ask asked asking request requested came come comes coming
    back out many much number numbers elected appointed became become chosen voted history
    year years figure figures mentioned mention after made whos named got sits sit serve now
    currently
    serves
    """
    )
)
# Phrases that only say what kind of question it is ("have we looked at X"); single words
# like "looked" stay topic words ("looked after children").
_STOP_PHRASES = re.compile(
    r"\b(look(ed|ing)?|talk(ed|ing)?)\s+(at|into|about)\b|\bsign(ed|ing)?\s+off\b"
    # "2 year olds", "16-17 yr olds": the age is the topic, not the words for it.
    r"|\b(year|yr)s?[- ]olds?\b",
    re.I,
)
# Words that only say which meeting: dropped from the topic once the meeting is known.
MEETING_WORDS = frozenset(["previous", "recent", "most", "held", "dated", "date", "day"])
# "minutes" stays a topic word: "did we approve the minutes of 7 August?"

_ATTENDANCE = re.compile(
    r"\bwho\b.*\b(apolog\w*|absent|attended|attending|present\s+at|was\s+there|were\s+there|came)\b"
    r"|\bwho\s+(was|were|is)\s+(at|in\s+attendance)\b|\bwho\s+(turned\s+up|came)\b"
    r"|\battendance\s+(at|for|of)\s+(the\s+)?([\w']+\s+){0,3}?meeting"
)
# "did Councillor Ashdown attend in March?", "was Cllr Hart at the last meeting?"
_PERSON_ATTENDED = re.compile(
    r"^\s*(?:did|was|were|has|had)\s+(?P<who>.+?)\s+(?:attend\w*|(?:make|made)\s+it|there\b|"
    r"present\b|(?:at|go\s+to)\s+the\b|send\s+apolog\w*|(?:give|gave)\s+apolog\w*|apolog\w*)"
)
_TITLES = re.compile(r"^(councillors?|cllrs?|county|mr|mrs|ms|miss|dr|prof|professor|sir)$", re.I)
_ELECTED = re.compile(
    r"\bwho\b.*\b(elected|appointed|became|become|becomes|chosen|voted\s+in|nominated|"
    r"(made|named|picked|selected)\s+(as\s+)?(the\s+)?(vice|deputy|chair))\b"
)
# "who's the chair", "who is our vice chairman of the hwb": the role now, from the resolution
# that gave it (unless a meeting is named: "who is the chair of the June meeting").
_CURRENT_ROLE = re.compile(
    r"\bwho\s*(is|'s|s)\s+(the\s+|our\s+)?((vice|deputy)[- ]?)?"
    r"(chair|chairman|chairwoman|chairperson|convener)\b(?!\s*(of|at|for)\s+(the\s+)?"
    r"([\w']+\s+){0,2}meeting)"
)
_HISTORY = re.compile(
    r"^\s*history\b|\bover\s+(time|the\s+years)\b|\bhistory\s+of\b|\ball\s+(the\s+)?"
    r"(decisions|resolutions)\b|\b(decisions|resolutions)\s+(on|about)\b.*\bso\s+far\b"
)
# "CLA numbers", "care leavers EET figures": a topic then the word for a figure.
_FIGURES_OF = r"|\b(numbers|figures|stats|statistics)\s*[?.!]*$"
_SAID = re.compile(
    r"\bhow\s+(many|much)\b|\bwhat\s+(was|were|got)\s+(said|mentioned|reported)\b|\bwhat\s+%"
    r"|\bwhat\s+(came|come)\s+back\b|\bwhat\s+(figure|number|percentage|proportion)s?\b"
    r"|\bwhat\s+did\s+(we|they|the\s+\w+)\s+(hear|say|learn|report)\b" + _FIGURES_OF
)
_COUNTING = re.compile(
    r"\bhow\s+(many|much)\b|\bwhat\s+(number|percentage|proportion|figure|%|per\s*cent)"
    + _FIGURES_OF
)
# "who is on the task group", "who sits on the panel": a sentence naming people answers.
_MEMBERS = re.compile(
    r"\bwho\s*(is|are|'s|s|sits?|serves?)\s+on\b|\bwho\s+(is|are)\s+(the\s+)?members\b"
    r"|\bmembers\s+of\s+the\b.*\b(group|panel|review)\b"
)
FIGURE = re.compile(r"\d")
PEOPLE = re.compile(r"\b(Councillors?|Cllrs?|Mrs?|Ms|Dr)\b")
_ITEM_ACTIONS = re.compile(
    r"\bactions?\b.*\b(came|come|coming|arose|arising|resulted|result)\b"
    r"|\bactions?\s+(from|out\s+of)\s+(the\s+)?(?!(last|latest|previous|\w+'?s?\s+meeting))"
)
_CHAIR = re.compile(r"\bwho\b.*\b(chair(ed|ing|man|woman|person)?|conven(er|or|ed)|presided)\b")
_PRESENTER = re.compile(r"\bwho\b.*\b(present(ed|s|ing)?|introduc\w*|gave|spoke|led|report(ed)?)\b")
# "when did we last discuss X", "has X come back": the latest meeting that took it up.
_LAST = re.compile(
    r"\b(has|have|did)\b.*\bc[ao]me\s+back\b|\bwhen\b.*\b(last|previously|recently)\b"
    r"|\bwhen\s+(did|have|was|were)\b.*"
    r"\b(discuss\w*|talk\w*|consider\w*|look\w*|come\s+up|came\s+up)\b"
)
_OUTSTANDING = re.compile(
    r"\b(outstanding|open\s+actions?|still\s+(open|to\s+do)|pending|follow[- ]?ups?|"
    r"actions?\s+(on|for|about)|responsible\s+for|who\s+(owns|is\s+doing|is\s+leading)|"
    r"owner\s+of)\b"
)
# "item 44", "minute 22/7", "agenda item 4(b)", "item CYP/16/24": a number as printed.
_ITEM_NUMBER = re.compile(
    r"\b(?:agenda\s+)?(?:item|minute|min)s?\.?\s*(?:no\.?\s*|number\s*)?"
    r"(?P<number>[a-z]{0,6}/?\d[\w/.()-]*)",
    re.I,
)
# "22/7", "18/14", "CYP/15/24": a printed number unambiguous without "item" (a slash or a code);
# not a date ("14/03/2023") or a year span ("2023/24").
_BARE_NUMBER = re.compile(
    r"(?<![\w/])(?P<number>(?:[a-z]{1,6}/?)?\d{1,3}/\d{1,3}(?:/\d{1,3})?)(?![\w/])", re.I
)
# "yesterday's meeting", "last week's meeting", "the meeting before last".
_RELATIVE = (
    ("yesterday", re.compile(r"\byesterday'?s?\s+meeting\b|\bmeeting\s+yesterday\b")),
    ("last-week", re.compile(r"\blast\s+week'?s?\s+meeting\b|\bmeeting\s+last\s+week\b")),
    # "last month's meeting", "who gave apologies last month": the calendar month before.
    ("last-month", re.compile(r"\blast\s+month\b")),
    (
        "before-last",
        re.compile(r"\b(meeting|one)\s+before\s+(the\s+)?last\b|\blast\s+meeting\s+but\s+one\b"),
    ),
)
RELATIVE_WORDS = frozenset(["yesterday", "week", "month", "before", "one", "but"])
_ROUTINE = re.compile(r"\b(routine|all\s+(the\s+)?items|every\s+item|everything|in\s+full)\b")
_LAST_MEETING = re.compile(
    r"\b(last|latest|previous|most\s+recent|recent)\s+(board\s+|panel\s+|committee\s+)?"
    r"meeting\b"
)
_MAY_MEETING = re.compile(r"\bmay'?s?\s+meeting\b|\bin\s+may\s*(\d|[?.!]|$)")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_DAY_MONTH_YEAR = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?("
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\b\.?(?:\s+(\d{4}))?"
)


@dataclass(frozen=True)
class MeetingRef:
    """A meeting named by date: a day, or only a month (and perhaps a year)."""

    month: int
    day: int | None = None
    year: int | None = None

    def matches(self, date: dt.date) -> bool:
        return (
            date.month == self.month
            and (self.day is None or date.day == self.day)
            and (self.year is None or date.year == self.year)
        )

    def describe(self) -> str:
        month = dt.date(2000, self.month, 1).strftime("%B")
        parts = [str(self.day)] if self.day else []
        parts.append(month)
        if self.year:
            parts.append(str(self.year))
        return " ".join(parts)


@dataclass(frozen=True)
class Question:
    kind: Kind
    terms: tuple[str, ...]
    # The words as the member wrote them (case kept), to spot abbreviations like "VSM".
    raw_terms: tuple[str, ...]
    meeting: MeetingRef | None
    wants_next: bool = False
    # "the last meeting": the most recent meeting held.
    wants_last: bool = False
    # "item 44": the item number as the member wrote it.
    item_number: str | None = None
    # The topic words without the words that only name a meeting (its date, "last").
    topic_terms: tuple[str, ...] = ()
    topic_raw: tuple[str, ...] = ()
    # Longer words that only say what kind of question it is ("approved", "recruited"):
    # never search terms, but between two sentences the one saying them answers better.
    form_words: tuple[str, ...] = ()
    # Every word as typed, in order: a run of them printed verbatim ("could you foster")
    # names the item better than the same topic words apart.
    said_as: tuple[str, ...] = ()
    # "did Councillor Ashdown attend?": the person asked about.
    person: str | None = None
    # "yesterday", "last-week", "last-month" or "before-last": a meeting counted back from now.
    relative: str | None = None
    # "summarise the last meeting including routine items".
    wants_routine: bool = False
    # "how many ...", "what percentage ...": a sentence with a figure answers.
    counting: bool = False
    # "who is on the task group": a sentence naming people answers.
    members: bool = False

    @property
    def wanted(self) -> re.Pattern[str] | None:
        """What the answering sentence should hold: a figure, or people's names."""
        return FIGURE if self.counting else PEOPLE if self.members else None

    @property
    def names_meeting(self) -> bool:
        return self.meeting is not None or self.wants_last or self.relative is not None

    @property
    def topic(self) -> str:
        """What it is about, without the words that only say which meeting."""
        return " ".join(self.topic_raw or self.raw_terms)


def meeting_ref(text: str) -> MeetingRef | None:
    numeric = _NUMERIC_DATE.search(text)
    if numeric is not None:
        d, m, y = (int(g) for g in numeric.groups())
        if 1 <= m <= 12 and 1 <= d <= 31:
            return MeetingRef(m, d, y)
    match = _DAY_MONTH_YEAR.search(text.lower())
    if match is None:
        return None
    day, month, year = match.groups()
    # "may" is also a verb; only a date when a day, a year or "meeting" sits beside it.
    if month == "may" and not (day or year or _MAY_MEETING.search(text.lower())):
        return None
    return MeetingRef(MONTHS[month], int(day) if day else None, int(year) if year else None)


def _date_words(text: str) -> set[str]:
    """The words of ``text`` that spell a date: "14", "March", "2023", "14/03/2023"."""
    found: set[str] = set()
    for pattern in (_NUMERIC_DATE, _DAY_MONTH_YEAR):
        for match in pattern.finditer(text.lower()):
            if (
                pattern is _DAY_MONTH_YEAR
                and match.group(2) == "may"
                and not (match.group(1) or match.group(3) or _MAY_MEETING.search(text.lower()))
            ):
                continue
            found.update(words(match.group(0)))
    return found


_NOT_NAMES = frozenset(
    [
        "we",
        "i",
        "you",
        "they",
        "anyone",
        "anybody",
        "everyone",
        "the",
        "it",
        "this",
        "that",
        "there",
        "anything",
        "a",
        "an",
        "our",
        "my",
        "any",
        "item",
        "he",
        "she",
    ]
)


def _person(text: str) -> str | None:
    match = _PERSON_ATTENDED.search(text)
    if match is None:
        return None
    names = list(re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", match.group("who")))
    if not names or names[0].lower() in _NOT_NAMES:
        return None
    names = [w for w in names if not _TITLES.match(w)]
    return " ".join(names) or None


def item_number(text: str) -> str | None:
    match = _ITEM_NUMBER.search(text) or _BARE_NUMBER.search(_NUMERIC_DATE.sub(" ", text))
    if match is None:
        return None
    number = match.group("number").rstrip(".,;:?!-/")
    if number.endswith(")") and "(" not in number:
        number = number[:-1]
    return number


def parse(text: str) -> Question:
    lowered = " ".join(text.lower().replace("’", "'").split())
    person = _person(lowered)
    if _ELECTED.search(lowered) or (_CURRENT_ROLE.search(lowered) and meeting_ref(lowered) is None):
        kind = Kind.ELECTED
    elif _HISTORY.search(lowered):
        kind = Kind.HISTORY
    elif _CHAIR.search(lowered):
        kind = Kind.CHAIR
    elif _ATTENDANCE.search(lowered) or person is not None:
        kind = Kind.ATTENDANCE
    elif _ITEM_ACTIONS.search(lowered):
        kind = Kind.ITEM_ACTIONS
    elif _OUTSTANDING.search(lowered):
        kind = Kind.OUTSTANDING
    elif _SAID.search(lowered) or _MEMBERS.search(lowered):
        kind = Kind.SAID
    elif _PRESENTER.search(lowered):
        kind = Kind.PRESENTER
    elif _LAST.search(lowered):
        kind = Kind.LAST_DISCUSSED
    else:
        kind = Kind.DECISION
    topic_text = _STOP_PHRASES.sub(" ", text)
    raw = [w for w in re.findall(r"[^\W_]+", topic_text) if w.lower() not in STOP_WORDS]
    if kind is Kind.ATTENDANCE:
        raw = [w for w in raw if not w.lower().startswith(("apolog", "sent", "send", "absen"))]
    if kind is Kind.HISTORY:
        raw = [w for w in raw if w.lower() != "time"]  # "over time"
    number = item_number(text)
    if number is not None:
        # The number (and the word "item") says which item, not what it is about.
        raw = [w for w in raw if w.lower() not in set(words(number)) | {"no", "number"}]
    terms = tuple(w for r in raw for w in words(r))
    meeting = meeting_ref(lowered)
    relative = next((name for name, pattern in _RELATIVE if pattern.search(lowered)), None)
    wants_last = bool(_LAST_MEETING.search(lowered)) and relative is None
    dropped = _date_words(text) if meeting is not None else set()
    if wants_last or relative is not None:
        dropped |= MEETING_WORDS | RELATIVE_WORDS
    topic_raw = tuple(w for w in raw if w.lower() not in dropped)
    if person is not None:
        topic_raw = ()
    return Question(
        kind=kind,
        terms=terms,
        raw_terms=tuple(raw),
        meeting=meeting,
        wants_next=bool(re.search(r"\b(next|upcoming|coming)\s+meeting\b", lowered)),
        wants_last=wants_last,
        item_number=number,
        topic_terms=tuple(w for r in topic_raw for w in words(r)),
        topic_raw=topic_raw,
        form_words=tuple(w for w in words(text) if w in STOP_WORDS and len(w) >= 6),
        said_as=tuple(words(text)),
        person=person,
        relative=relative,
        wants_routine=bool(_ROUTINE.search(lowered)),
        counting=bool(_COUNTING.search(lowered)),
        members=bool(_MEMBERS.search(lowered)),
    )


def same_word(asked: str, printed: str) -> bool:
    """Loose word-form match: apology/apologies, approve/approved, but not sufficiency/sufficient."""
    a, b = asked.lower(), printed.lower()
    if a == b:
        return True
    if a.endswith("ies") and b.endswith("y"):
        a = a[:-3] + "y"
    elif b.endswith("ies") and a.endswith("y"):
        b = b[:-3] + "y"
    if a == b or a.rstrip("s") == b.rstrip("s"):
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 5 and longer.startswith(shorter) and len(longer) - len(shorter) <= 3


def covers(terms: tuple[str, ...] | list[str], text: str) -> bool:
    """Every asked word appears in ``text`` in some form."""
    printed = words(text)
    return all(any(same_word(term, word) for word in printed) for term in terms)
