"""Where reminders and notices go, and the one way every chat platform sends them.

A ``Target`` is a member's direct messages or a board's linked channels. Each
chat adapter's notifier is a ``PlatformNotifier``: it writes only ``send`` (one
message to one ``Destination``); looking the destinations up, keeping private
replies out of channels and containing failures happen here, once. The process
holds one ``FanOutNotifier`` over every running platform.

Containment: a notice or a platform that fails is logged in one line and counts
as not delivered; the next destination, notice and platform are still tried.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar, Literal, Protocol

from sqlalchemy.orm import Session, sessionmaker

from handlers.messages import Reply
from schedules.preferences import wants
from storage.db import transaction
from storage.destinations import Destination, board_destinations, member_destinations

log = logging.getLogger(__name__)

__all__ = [
    "Destination",
    "FanOutNotifier",
    "Notifier",
    "PlatformNotifier",
    "RecordingNotifier",
    "Target",
    "Undeliverable",
    "deliver_notices",
    "one_line",
]


@dataclass(frozen=True)
class Target:
    """A member's direct messages, or a board's linked channel(s)."""

    kind: Literal["member", "board-channel"]
    member_id: int | None = None
    board_id: int | None = None

    @classmethod
    def member(cls, member_id: int) -> Target:
        return cls("member", member_id=member_id)

    @classmethod
    def board_channel(cls, board_id: int) -> Target:
        return cls("board-channel", board_id=board_id)

    def __str__(self) -> str:
        return f"member {self.member_id}" if self.kind == "member" else f"board {self.board_id}"


class Notifier(Protocol):
    """Delivers a reply outside a conversation; True when some platform took it."""

    def deliver(self, target: Target, reply: Reply) -> bool: ...


class Undeliverable(Exception):
    """A platform's ``send`` cannot reach a destination (no token, no kept conversation…)."""


def one_line(exc: BaseException) -> str:
    """An exception as one short log line: its type and the first line of its message."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:300]}" if text else type(exc).__name__


class PlatformNotifier(ABC):
    """One chat platform's ``Notifier``: a subclass names its ``platform`` and writes ``send``.

    ``deliver`` is True when at least one destination took the reply, False
    when the target has none on this platform or every send failed. It never
    raises for a failed send: each is logged in one line and the next is tried.
    """

    platform: ClassVar[str]

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory

    @abstractmethod
    def send(self, destination: Destination, reply: Reply) -> None:
        """Post ``reply`` to one user's direct messages or one channel; raise if it did not go."""

    def destinations(self, target: Target, reply: Reply | None = None) -> list[Destination]:
        """Where ``target`` is reached here; none for a member who chose email for ``reply``."""
        with transaction(self.factory) as session:
            if target.kind == "member" and target.member_id is not None:
                if reply is not None and not wants(session, target.member_id, reply, "chat"):
                    return []
                return member_destinations(session, self.platform, target.member_id)
            if target.kind == "board-channel" and target.board_id is not None:
                return board_destinations(session, self.platform, target.board_id)
        return []

    def deliver(self, target: Target, reply: Reply) -> bool:
        if target.kind == "board-channel" and reply.private:
            log.warning("%s: not posting a private reply in %s's channels", self.platform, target)
            return False
        delivered = False
        for destination in self.destinations(target, reply):
            try:
                self.send(destination, reply)
            except Exception as exc:
                log.warning(
                    "%s: %s not delivered to %s: %s",
                    self.platform,
                    target,
                    destination.id,
                    one_line(exc),
                )
                continue
            delivered = True
        return delivered


@dataclass
class RecordingNotifier:
    """Keeps what it was asked to deliver: the console's notifier and the tests'."""

    sent: list[tuple[Target, Reply]] = field(default_factory=list)

    def deliver(self, target: Target, reply: Reply) -> bool:
        self.sent.append((target, reply))
        return True


@dataclass
class FanOutNotifier:
    """Tries every running platform; delivered if any of them took it.

    A platform whose notifier raises is logged in one line and counts as not
    delivered; the others are still tried.
    """

    notifiers: list[Notifier] = field(default_factory=list)

    def deliver(self, target: Target, reply: Reply) -> bool:
        delivered = False
        for notifier in self.notifiers:
            try:
                delivered |= notifier.deliver(target, reply)
            except Exception as exc:
                name = getattr(notifier, "platform", type(notifier).__name__)
                log.warning("%s: %s not delivered: %s", name, target, one_line(exc))
        return delivered


def deliver_notices(notifier: Notifier, reply: Reply) -> int:
    """Delivers a handler reply's notices (the clerk told of an apology); how many arrived.

    Call it after the asker's reply has gone. It never raises: a notice that
    fails or has nowhere to go is logged in one line and the next is tried.
    """
    arrived = 0
    for notice in reply.notices:
        target = Target.member(notice.member_id)
        try:
            delivered = notifier.deliver(target, notice.reply)
        except Exception as exc:
            log.warning("notice for %s not delivered: %s", target, one_line(exc))
            continue
        if delivered:
            arrived += 1
        else:
            log.info("notice for %s not delivered: no reachable chat identity", target)
    return arrived
