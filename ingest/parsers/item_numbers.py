"""Item numbers as a series: "18/9" follows "18/8", "IV" follows "III", "2" follows "1".

Numbers count as items only as a consistent, increasing series, so a numbered list
inside the discussion never becomes an item; a single missing number in that series
is filled by the line that carries it ("2 Notes of the last meeting were agreed.").
"""

from __future__ import annotations

import re

from ingest.parsers.titles import clean_title, is_caps

Candidate = tuple[int, str, str, tuple[str, tuple[int, int]]]


# Each heading's number is read against these in turn: compiled once, not looked up each time.
_CODED_SLASHED = re.compile(r"([A-Z]{1,6})/(\d+)/(\d+)")
_CODED = re.compile(r"([A-Z]{1,6})[/.](\d+)")
_SLASHED = re.compile(r"(\d+)/(\d+)")
_DECIMAL = re.compile(r"(\d+)\.(\d+)")
_PART = re.compile(r"([A-H])(\d{1,2})")
_ROMAN = re.compile(r"[IVX]+")
_PLAIN = re.compile(r"(\d+)\(?([a-z]?)\)?")


def number_key(number: str) -> tuple[str, tuple[int, int]] | None:
    """The series a number belongs to and its place in it ("18/9" → ("slash", (18, 9)))."""
    if match := _CODED_SLASHED.fullmatch(number):
        return (f"code:{match[1]}", (int(match[3]), int(match[2])))
    if match := _CODED.fullmatch(number):  # "OS/14", "OS.51": a code
        return (f"code:{match[1]}", (0, int(match[2])))
    if match := _SLASHED.fullmatch(number):
        return ("slash", (int(match[1]), int(match[2])))
    if match := _DECIMAL.fullmatch(number):
        return ("decimal", (int(match[1]), int(match[2])))
    if match := _PART.fullmatch(number):  # "A5" then "B1": parts of the agenda
        return ("code:part", (ord(match[1]), int(match[2])))
    if _ROMAN.fullmatch(number):  # "IV WINTER PLANNING": a Scottish article number
        return ("roman", (_roman(number), 0))
    if match := _PLAIN.fullmatch(number):
        return ("plain", (int(match[1]), ord(match[2]) - 96 if match[2] else 0))
    return None


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for index, char in enumerate(numeral):
        value = values[char]
        later = values[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < later else value
    return total


def _follows(before: tuple[str, tuple[int, int]], after: tuple[str, tuple[int, int]]) -> bool:
    if before[0] != after[0] or after[1] <= before[1]:
        return False
    (a1, a2), (b1, b2) = before[1], after[1]
    if before[0] == "slash" or before[0].startswith("code:"):
        return (b1 == a1 and b2 - a2 <= 30) or (b1 == a1 + 1 and b2 <= 30)
    return b1 - a1 <= 30


def longest_series(
    candidates: list[tuple[int, str, str, tuple[str, tuple[int, int]]]],
) -> list[tuple[int, str, str, tuple[str, tuple[int, int]]]]:
    if not candidates:
        return []
    weight = [_heading_weight(c[2]) for c in candidates]
    best = list(weight)
    back = [-1] * len(candidates)
    for i, (_, _, _, key) in enumerate(candidates):
        for j in range(max(0, i - 80), i):
            if best[j] + weight[i] > best[i] and _follows(candidates[j][3], key):
                best[i] = best[j] + weight[i]
                back[i] = j
    end = max(range(len(candidates)), key=lambda i: (best[i], -i))
    chain = []
    while end != -1:
        chain.append(candidates[end])
        end = back[end]
    chain.reverse()
    return chain


def _heading_weight(title: str) -> float:
    """How much a numbered line looks like an item heading rather than a list entry."""
    if is_caps(title, min_letters=3):
        return 1.2
    return 0.3 if title.endswith(".") else 1.0


def fill_gaps(lines: list[str], chain: list[Candidate]) -> list[Candidate]:
    """A plain series missing one number ("1", "3") takes the line between that starts
    with it ("2 Notes of the last meeting were agreed as accurate.") as its item."""
    out: list[Candidate] = []
    for position, candidate in enumerate(chain):
        out.append(candidate)
        if position + 1 == len(chain):
            break
        (kind, (number, sub)), following = candidate[3], chain[position + 1]
        if kind != "plain" or sub or following[3] != ("plain", (number + 2, 0)):
            continue
        for index in range(candidate[0] + 1, following[0]):
            match = re.match(rf"^{number + 1}\.?\s+(?P<title>[A-Z].{{2,120}})$", lines[index])
            if match:
                title = clean_title(match.group("title")).rstrip(".")
                out.append((index, str(number + 1), title, ("plain", (number + 1, 0))))
                break
    return out


# A cell or line holding only an item's number: "7", "Item 4", "12(a)", "CAB/12/24".
_NUMBER_ONLY = re.compile(
    r"^(?:[Ii]tem\s+)?(?P<num>[A-Z]{1,6}/\d{1,3}/\d{2,4}|[A-Z]{1,6}[/.]\d{1,4}|\d{1,3}/\d{1,4}"
    r"|\d{1,3}\.\d{1,2}|\d{1,3}\([a-z]\)"
    r"|\d{1,3}[a-z]?)[.):]?$"
)


def number_only(text: str) -> str | None:
    """The number, when ``text`` is nothing but an item's number."""
    match = _NUMBER_ONLY.match(text.strip())
    return match.group("num") if match else None
