"""The same person across documents is one member; two different people are never merged.

"J A Walker" and "J Walker" are compatible (same surname, one set of initials
a prefix of the other); "J Walker" and "C Walker" never are, whatever rapidfuzz
says. A bare surname ("Councillor Walker") joins a member only when exactly one
person of that surname is known; otherwise the attendance row stays unlinked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from storage.models import Member


@dataclass(frozen=True)
class NameKey:
    given: tuple[str, ...]
    surname: str
    folded_surname: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded_surname", _surname(self.surname))

    @property
    def initials(self) -> tuple[str, ...]:
        return tuple(token[0] for token in self.given)

    @property
    def first_name(self) -> str | None:
        return self.given[0] if self.given and len(self.given[0]) > 1 else None


@lru_cache(maxsize=16384)
def split_key(key: str) -> NameKey:
    """ "j a walker" → (j, a) + walker; "j brunton dobson" → (j,) + brunton dobson."""
    tokens = key.split()
    if not tokens:
        return NameKey((), "")
    initials = 0
    while initials < len(tokens) - 1 and len(tokens[initials]) == 1:
        initials += 1
    if initials:
        return NameKey(tuple(tokens[:initials]), " ".join(tokens[initials:]))
    if len(tokens) == 1:
        return NameKey((), tokens[0])
    return NameKey((tokens[0],), " ".join(tokens[1:]))


def _surname(value: str) -> str:
    return re.sub(r"[\s'\-]", "", value)


def compatible(a: NameKey, b: NameKey) -> bool:
    """Could these be the same person? Surnames equal and given names/initials agreeing."""
    if not a.surname or a.folded_surname != b.folded_surname:
        return False
    if not a.given or not b.given:
        return True
    if a.first_name and b.first_name and a.first_name != b.first_name:
        return False
    shorter, longer = sorted((a.initials, b.initials), key=len)
    return longer[: len(shorter)] == shorter


@dataclass
class Person:
    """A member as the directory knows them: stored (an id) or created by this import."""

    key: str
    member_id: int | None = None
    member: Member | None = None

    @property
    def ref(self) -> int | Member:
        """The id, or the new member object (it gets its id when the session flushes)."""
        if self.member_id is not None:
            return self.member_id
        assert self.member is not None
        return self.member


@dataclass
class MemberDirectory:
    """Members already known with the surnames a document mentions, plus those it creates.

    Only (id, match key) pairs are read (``storage.persist.base``): matching needs
    nothing else, and loading full member objects for every document would dominate
    a folder import.
    """

    session: Session
    # By folded surname: only people sharing a surname can be the same person.
    people: dict[str, list[Person]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, session: Session, keys: list[str], members: Iterable[tuple[int, str]]
    ) -> MemberDirectory:
        """Those of ``members`` (id, match key) sharing a surname with ``keys``."""
        directory = cls(session)
        surnames = {split_key(key).folded_surname for key in keys if key}
        if surnames:
            for member_id, key in members:
                surname = split_key(key).folded_surname
                if surname in surnames:
                    directory.people.setdefault(surname, []).append(Person(key, member_id))
        return directory

    def resolve(self, name: str, key: str, *, create: bool = True) -> Person | None:
        """The member this name denotes; a new one if nobody fits; None if it is ambiguous."""
        wanted = split_key(key)
        if not wanted.surname:
            return None
        namesakes = self.people.setdefault(wanted.folded_surname, [])
        fits = [p for p in namesakes if compatible(wanted, split_key(p.key))]
        exact = [p for p in fits if p.key == key]
        if exact:
            return exact[0]
        if fits:
            if not all(
                compatible(split_key(a.key), split_key(b.key))
                for a in fits
                for b in fits
                if a is not b
            ):
                return None  # "Walker" when both J Walker and C Walker are known
            return max(fits, key=lambda p: fuzz.ratio(p.key, key))
        if not create:
            return None
        member = Member(name=name[:200], match_key=key[:200])  # the columns' width
        self.session.add(member)
        person = Person(key, member=member)
        namesakes.append(person)
        return person
