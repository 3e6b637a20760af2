"""``/actions`` and ``/done``: what members owe from the minutes, and closing it.

An action may be closed by its owner, the board's chair (or vice-chair) or
its clerk; closing someone else's action tells its owner.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from handlers.messages import Button, Notice, Reply
from handlers.router import Context, Route, Router
from storage.actions import (
    ActionError,
    actions_for_boards,
    describe,
    get_action,
    mark_done,
    open_actions_for_member,
    parse_ref,
)
from storage.models import Action, Board
from storage.queries import find_board

ACTIONS_HELP = "/actions [mine|all|board [name]]: your open actions, or a board's."
DONE_HELP = "/done <action number>: mark an action done (its owner, the chair or the clerk)."
HELP = (ACTIONS_HELP, DONE_HELP)
DONE_BUTTONS = 5
FUZZY_CUTOFF = 75

_ASKS = re.compile(
    r"\b(?:my\s+(?:open\s+|outstanding\s+)?actions|what\s+do\s+i\s+owe|"
    r"(?:open|outstanding)\s+actions)\b",
    re.IGNORECASE,
)
_SAYS_DONE = re.compile(
    r"^\s*(?:i(?:'ve| have)\s+done\s+|mark\s+)?action\s+#?(\d+)\s+(?:is\s+|as\s+)?"
    r"(?:done|complete|completed|finished)\b|^\s*done\s+#(\d+)\b",
    re.IGNORECASE,
)


def _unknown() -> Reply:
    return Reply(
        text="I don't know who you are yet: ask the clerk to link your chat account.",
        intent="actions.unknown",
        private=True,
    )


def _may_close(context: Context, action: Action) -> bool:
    asker = context.asker
    own = asker.member is not None and action.owner_member_id == asker.member.id
    return own or asker.is_chair(action.board_id) or asker.is_clerk(action.board_id)


def _listing(context: Context, title: str, actions: list[Action], empty: str) -> Reply:
    if not actions:
        return Reply(text=empty, intent="actions.list", private=True)
    boards = {a.board_id for a in actions}
    items = [describe(a) + (f", {a.board.name}" if len(boards) > 1 else "") for a in actions]
    closable = [a for a in actions if _may_close(context, a)][:DONE_BUTTONS]
    return Reply(
        title=f"{title} ({len(actions)})",
        text=f"{len(actions)} open action{'s' if len(actions) != 1 else ''}.",
        intent="actions.list",
        items=items,
        buttons=[Button(f"Done #{a.id}", f"action-done:{a.id}", str(a.id)) for a in closable],
        private=True,
    )


def _board_for(context: Context, name: str) -> Board | str:
    """The board asked about, or the one-line reason there is none."""
    asker = context.asker
    if name:
        board = find_board(context.session, name)
        if board is None or board.id not in asker.board_ids:
            return f"I don't know a board called {name!r} that you can see."
        return board
    if context.channel_board is not None:
        return context.channel_board
    if len(asker.roles) == 1:
        board = context.session.get(Board, next(iter(asker.roles)))
        if board is not None:
            return board
    return "Which board? Try /actions board <name>."


def handle_actions(context: Context) -> Reply:
    asker = context.asker
    if not asker.known:
        return _unknown()
    if context.message.command is None:
        # Plain words: "what are my actions?" or "outstanding actions" (this board's, or all).
        if re.search(r"\b(?:my|i)\b", context.text, re.IGNORECASE):
            words = ""
        else:
            words = "board" if context.channel_board is not None else "all"
    else:
        words = " ".join(context.text.lower().split())
    scope, _, rest = words.partition(" ")
    if scope == "help":
        return Reply(text=ACTIONS_HELP, intent="actions.help", private=True)
    if scope in ("", "mine", "my", "me"):
        if asker.member is None:
            return handle_all(context)
        return _listing(
            context,
            "Your open actions",
            open_actions_for_member(context.session, asker.member.id),
            "You have no open actions.",
        )
    if scope == "all":
        return handle_all(context)
    board = _board_for(context, rest.strip() if scope == "board" else words.strip())
    if isinstance(board, str):
        return Reply(text=board, intent="actions.error", private=True)
    return _listing(
        context,
        f"Open actions: {board.name}",
        actions_for_boards(context.session, [board.id]),
        f"{board.name} has no open actions.",
    )


def handle_all(context: Context) -> Reply:
    return _listing(
        context,
        "Open actions on your boards",
        actions_for_boards(context.session, context.asker.board_ids),
        "There are no open actions on your boards.",
    )


def _which(context: Context) -> Action | str:
    message = context.message
    if message.button is not None:
        ref = parse_ref(message.button.action_id.split(":", 1)[1])
        text = ""
    elif message.command is not None:
        text = context.text
        ref = parse_ref(text)
    else:
        match = _SAYS_DONE.search(context.text)
        text = ""
        ref = int(match.group(1) or match.group(2)) if match else None
    if ref is not None:
        try:
            return get_action(context.session, ref)
        except ActionError as exc:
            return f"Sorry, {exc}."
    if not text:
        return "Which action? Try /done #12 (see /actions for the numbers)."
    mine = (
        open_actions_for_member(context.session, context.asker.member.id)
        if context.asker.member is not None
        else []
    )
    best = process.extractOne(
        text, {a.id: a.text for a in mine}, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF
    )
    if best is None:
        return f"I can't find an open action of yours like {text!r}. Try /done #12."
    return next(a for a in mine if a.id == best[2])


def handle_done(context: Context) -> Reply:
    asker = context.asker
    if context.message.command is not None and context.text.lower() == "help":
        return Reply(text=DONE_HELP, intent="action.done.help", private=True)
    if not asker.known:
        return _unknown()
    action = _which(context)
    if isinstance(action, str):
        return Reply(text=action, intent="action.done.error", private=True)
    if not _may_close(context, action):
        return Reply(
            text=f"Only the owner of action #{action.id}, the chair or the clerk can close it.",
            intent="action.done.refused",
            private=True,
        )
    who = asker.member.name if asker.member is not None else "operator"
    try:
        mark_done(context.session, action, by=who, now=context.message.now)
    except ActionError as exc:
        return Reply(text=f"{str(exc)[0].upper()}{str(exc)[1:]}.", intent="action.done.error")
    reply = Reply(text=f"Done: #{action.id} {action.text}.", intent="action.done")
    owner = action.owner_member_id
    if owner is not None and (asker.member is None or asker.member.id != owner):
        reply.notices.append(
            Notice(
                owner,
                Reply(
                    text=f"{who} marked your action #{action.id} done: {action.text}.",
                    intent="action.done.notice",
                    private=True,
                ),
            )
        )
    return reply


def register(router: Router) -> None:
    router.add(
        Route(
            intent="actions",
            handle=handle_actions,
            commands=("actions",),
            recognises=lambda context: bool(_ASKS.search(context.text)),
            priority=40,
        )
    )
    router.add(
        Route(
            intent="action.done",
            handle=handle_done,
            commands=("done",),
            recognises=lambda context: bool(_SAYS_DONE.search(context.text)),
            priority=40,
            button_prefixes=("action-done",),
        )
    )
