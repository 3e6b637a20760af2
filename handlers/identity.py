"""Who is asking, and which boards they may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from handlers.messages import IncomingMessage
from storage.boards import all_board_ids
from storage.directory import find_member_by_name
from storage.identities import adopt_email, identity_of, member_with_email, remember_identity
from storage.models import Member, Role

OPERATOR = "operator"


@dataclass(frozen=True)
class Asker:
    """The person behind a message; ``member`` is None for strangers and the operator.

    The local operator (the console without ``--as``) sees every board, as a
    clerk does. A stranger sees only public information.
    """

    member: Member | None
    is_operator: bool = False
    roles: dict[int, frozenset[Role]] = field(default_factory=dict)
    all_board_ids: frozenset[int] = frozenset()

    @property
    def known(self) -> bool:
        return self.member is not None or self.is_operator

    def is_clerk(self, board_id: int) -> bool:
        return self.is_operator or Role.CLERK in self.roles.get(board_id, frozenset())

    def is_chair(self, board_id: int) -> bool:
        board_roles = self.roles.get(board_id, frozenset())
        return Role.CHAIR in board_roles or Role.VICE_CHAIR in board_roles

    @property
    def is_any_clerk(self) -> bool:
        return self.is_operator or any(Role.CLERK in r for r in self.roles.values())

    @property
    def is_public(self) -> bool:
        """Someone Board Clerk has not linked to a member: they get public information only."""
        return not self.known

    @property
    def board_ids(self) -> frozenset[int]:
        """The boards whose record this person may ask about.

        A clerk's cover every board; so do a stranger's, whose questions are
        answered from the public record of all boards since none is theirs.
        """
        if self.is_any_clerk or self.is_public:
            return self.all_board_ids
        return frozenset(self.roles)

    def sits_on(self, board_id: int) -> bool:
        return board_id in self.roles


def _asker_for(session: Session, member: Member | None, *, operator: bool = False) -> Asker:
    roles: dict[int, set[Role]] = {}
    if member is not None:
        for role in member.roles:
            roles.setdefault(role.board_id, set()).add(role.role)
    all_ids = all_board_ids(session)
    return Asker(
        member=member,
        is_operator=operator,
        roles={board: frozenset(r) for board, r in roles.items()},
        all_board_ids=all_ids,
    )


def _link(session: Session, member: Member, message: IncomingMessage) -> None:
    """Remember the chat account; a concurrent first message may have done it already."""
    remember_identity(session, member, message.platform, message.user_id, message.team_id)


def resolve(session: Session, message: IncomingMessage) -> Asker:
    """The asker of ``message``: by platform identity, else by a matching email.

    Nobody is matched on a display name alone. A console message names the
    member directly (``boardclerk say --as``) or comes from the operator. An email names
    the member its reply token was issued to.
    """
    if message.platform == "console":
        if message.user_id == OPERATOR:
            return _asker_for(session, None, operator=True)
        return _asker_for(session, find_member_by_name(session, message.user_id))
    if message.platform == "email":
        # bot.email sets user_id to the member a verified reply token belongs to; never From.
        member = session.get(Member, int(message.user_id)) if message.user_id.isdigit() else None
        return _asker_for(session, member)
    identity = identity_of(session, message.platform, message.user_id)
    if identity is not None:
        if identity.team_id is None and message.team_id is not None:
            identity.team_id = message.team_id  # linked by hand: now we know the workspace
        if message.email and identity.member.email is None:
            adopt_email(session, identity.member, message.email)  # so email can reach them
        return _asker_for(session, identity.member)
    if message.email:
        member = member_with_email(session, message.email)
        if member is not None:
            _link(session, member, message)
            return _asker_for(session, member)
    return _asker_for(session, None)
