"""Teams activities in, platform-neutral ``IncomingMessage`` out.

A person is known by their Entra object id (``aadObjectId``), which stays the
same across chats, channels and tenants' Teams clients; Teams' own ``29:…``
id is used only when no object id comes with the activity.
"""

from __future__ import annotations

import datetime as dt
import re

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.msteams import TeamsActivity

from bot.teams.cards import button_press
from bot.teams.commands import split_command
from handlers.messages import IncomingMessage

_AT_TAG = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)


def person_id(activity: Activity) -> str:
    sender = activity.from_property
    return str(getattr(sender, "aad_object_id", None) or getattr(sender, "id", None) or "")


def is_personal(activity: Activity) -> bool:
    conversation = activity.conversation
    kind = getattr(conversation, "conversation_type", None) if conversation else None
    return kind in (None, "personal")


def channel_id(activity: Activity) -> str | None:
    """A team channel's id (not the thread's), or the group chat's id."""
    teams = activity.model_copy()
    teams.__class__ = TeamsActivity  # how the SDK itself gives an activity Teams' accessors
    assert isinstance(teams, TeamsActivity)
    found = teams.get_channel_id()
    if found:
        return str(found)
    conversation = activity.conversation
    if conversation is None or not conversation.id:
        return None
    return str(conversation.id).split(";", 1)[0]


def addressed_text(activity: Activity) -> str:
    """The words for Board Clerk: its @mention removed, white space folded."""
    text = activity.text or ""
    if activity.entities:
        text = activity.remove_recipient_mention() or ""
    return " ".join(_AT_TAG.sub(" ", text).split())


def from_activity(
    activity: Activity, now: dt.datetime, *, email: str | None = None
) -> IncomingMessage:
    """A personal, group-chat or channel message, or an Adaptive Card submit."""
    personal = is_personal(activity)
    sender = activity.from_property
    command, text = split_command(addressed_text(activity))
    return IncomingMessage(
        platform="teams",
        user_id=person_id(activity),
        text=text,
        command=command,
        now=now,
        is_direct=personal,
        channel_id=None if personal else channel_id(activity),
        # Teams delivers channel and group messages only when they @mention the bot.
        mentioned=not personal,
        email=email,
        display_name=getattr(sender, "name", None) if sender else None,
        button=button_press(activity.value),
    )
