"""A ``Reply`` as Discord shows it: an embed, and buttons that survive a restart.

Discord caps embeds (title 256, description 4096, 25 fields of 1024, footer
2048, 6000 characters in all) and a button's ``custom_id`` at 100 characters;
rendering trims to those limits rather than let Discord refuse the message.
A button's ``custom_id`` carries its ``action_id`` (and value), so a click is
understood from the id alone, even by a restarted bot: the buttons are
``DynamicItem``s that the client registers once.
"""

from __future__ import annotations

import re
import secrets
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from handlers.messages import Button, ButtonPress, Reply

if TYPE_CHECKING:
    from bot.discord.client import BoardClerkClient

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
CUSTOM_ID_LIMIT = 100
BUTTONS_LIMIT = 25
BUTTON_LABEL_LIMIT = 80

# Separates an action id from a value that is not already its suffix.
VALUE_SEPARATOR = "|"
# Marks a value kept server-side because it would not fit in the custom_id.
TOKEN_MARK = "~"

_COLOURS = {
    "error": discord.Colour.red(),
}
_STYLES = {
    "primary": discord.ButtonStyle.primary,
    "danger": discord.ButtonStyle.danger,
    "default": discord.ButtonStyle.secondary,
}


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when something was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LongValues:
    """Button values too long for a custom_id, kept in memory under a short token.

    Bounded, so an old message's button may outlive its value; the click is then
    answered as expired. Routes keep values short (an id) to avoid this.
    """

    def __init__(self, capacity: int = 1000) -> None:
        self.capacity = capacity
        self._values: OrderedDict[str, str] = OrderedDict()

    def keep(self, value: str) -> str:
        token = secrets.token_urlsafe(9)
        self._values[token] = value
        while len(self._values) > self.capacity:
            self._values.popitem(last=False)
        return token

    def get(self, token: str) -> str | None:
        return self._values.get(token)


LONG_VALUES = LongValues()


def encode_custom_id(button: Button, store: LongValues = LONG_VALUES) -> str:
    """The custom_id for ``button``: its action id, plus its value unless the id already ends with it."""
    action_id, value = button.action_id, button.value
    if VALUE_SEPARATOR in action_id:
        raise ValueError(f"button action id may not contain {VALUE_SEPARATOR!r}: {action_id!r}")
    suffix = action_id.split(":", 1)[1] if ":" in action_id else ""
    if value in ("", suffix):
        custom_id = action_id
    else:
        custom_id = f"{action_id}{VALUE_SEPARATOR}{value}"
        if len(custom_id) > CUSTOM_ID_LIMIT or value.startswith(TOKEN_MARK):
            custom_id = f"{action_id}{VALUE_SEPARATOR}{TOKEN_MARK}{store.keep(value)}"
    if len(custom_id) > CUSTOM_ID_LIMIT:
        raise ValueError(f"button action id too long for Discord: {action_id!r}")
    return custom_id


def decode_custom_id(custom_id: str, store: LongValues = LONG_VALUES) -> ButtonPress | None:
    """The press a custom_id stands for; None when its value was kept and is gone."""
    action_id, separator, value = custom_id.partition(VALUE_SEPARATOR)
    if not separator:
        return ButtonPress(action_id, action_id.split(":", 1)[1] if ":" in action_id else "")
    if value.startswith(TOKEN_MARK):
        kept = store.get(value[len(TOKEN_MARK) :])
        return None if kept is None else ButtonPress(action_id, kept)
    return ButtonPress(action_id, value)


class ActionButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r".+"):
    """Any Board Clerk button: a click goes through the pipeline as a ``ButtonPress``."""

    def __init__(self, button: discord.ui.Button[Any]) -> None:
        super().__init__(button)

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ActionButton:
        assert isinstance(item, discord.ui.Button)
        return cls(item)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        client: BoardClerkClient = interaction.client
        await client.responder.answer_button(interaction, self.custom_id)


@dataclass
class Rendered:
    """The keyword arguments a Discord send takes for one reply."""

    embed: discord.Embed
    view: discord.ui.View | None

    def send_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"embed": self.embed}
        if self.view is not None:
            kwargs["view"] = self.view
        return kwargs


def render(reply: Reply, store: LongValues = LONG_VALUES) -> Rendered:
    return Rendered(embed=render_embed(reply), view=render_view(reply.buttons, store))


def render_embed(reply: Reply) -> discord.Embed:
    """Title, text and items as the description, fields, and citations and footer line last.

    The text is the answer, so it gets the room first; fields that do not fit
    are counted in a closing "…and N more" line.
    """
    embed = discord.Embed(
        title=clip(reply.title, TITLE_LIMIT) if reply.title else None,
        colour=_COLOURS.get(reply.intent, discord.Colour.blurple()),
    )
    # The reply's own closing line (a stranger's "how to get linked") ends the footer.
    footer = "\n".join(
        part for part in (" · ".join(c.label() for c in reply.citations), reply.footer) if part
    )
    if footer:
        embed.set_footer(text=clip(footer, FOOTER_LIMIT))
    lines = [reply.text] if reply.text else []
    lines.extend(f"• {item}" for item in reply.items)
    description = "\n".join(lines)
    reserve = 40  # for the "…and N more" line
    budget = EMBED_TOTAL_LIMIT - len(embed) - reserve
    if description:
        description = clip(description, max(1, min(DESCRIPTION_LIMIT - reserve, budget)))
        budget -= len(description)
    shown = 0
    for f in reply.fields[:FIELD_COUNT_LIMIT]:
        name = clip(f.label or "\u200b", FIELD_NAME_LIMIT)
        room = min(FIELD_VALUE_LIMIT, budget - len(name))
        if room < 20:
            break
        value = clip(f.value or "\u200b", room)
        embed.add_field(name=name, value=value, inline=False)
        budget -= len(name) + len(value)
        shown += 1
    hidden = len(reply.fields) - shown
    if hidden:
        description = f"{description}\n…and {hidden} more" if description else f"…and {hidden} more"
    if description:
        embed.description = description
    return embed


def render_view(buttons: list[Button], store: LongValues = LONG_VALUES) -> discord.ui.View | None:
    """A view of up to 25 buttons; it never times out because clicks are handled by id."""
    if not buttons:
        return None
    view = discord.ui.View(timeout=None)
    for button in buttons[:BUTTONS_LIMIT]:
        item: discord.ui.Button[Any] = discord.ui.Button(
            label=clip(button.label, BUTTON_LABEL_LIMIT),
            style=_STYLES[button.style],
            custom_id=encode_custom_id(button, store),
        )
        view.add_item(ActionButton(item))
    return view
