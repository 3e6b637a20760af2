"""Where reminders and notices go: each chat adapter implements ``Notifier``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from handlers.messages import Reply


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


class Notifier(Protocol):
    """Delivers a reply outside a conversation; True when some platform took it.

    Implementations look up the member's chat identities (or the board's
    channels) for their own platform and return False when there are none.
    """

    def deliver(self, target: Target, reply: Reply) -> bool: ...


@dataclass
class RecordingNotifier:
    """Keeps what it was asked to deliver: the console's notifier and the tests'."""

    sent: list[tuple[Target, Reply]] = field(default_factory=list)

    def deliver(self, target: Target, reply: Reply) -> bool:
        self.sent.append((target, reply))
        return True


@dataclass
class FanOutNotifier:
    """Tries every configured platform; delivered if any of them took it."""

    notifiers: list[Notifier] = field(default_factory=list)

    def deliver(self, target: Target, reply: Reply) -> bool:
        results = [notifier.deliver(target, reply) for notifier in self.notifiers]
        return any(results)


def deliver_notices(notifier: Notifier, reply: Reply) -> int:
    """Delivers a handler reply's notices (the clerk told of an apology); how many arrived.

    Call it after the asker's message has been committed and answered.
    """
    return sum(
        1
        for notice in reply.notices
        if notifier.deliver(Target.member(notice.member_id), notice.reply)
    )
