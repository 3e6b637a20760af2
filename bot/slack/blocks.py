"""A platform-neutral ``Reply`` drawn as Slack Block Kit, within Slack's size limits.

Handlers write plain text, so ``&``, ``<`` and ``>`` are escaped: a title such
as "Fostering <update>" must not turn into a broken link or a mention.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from handlers.messages import Button, Reply

Block = dict[str, Any]

# Slack's documented limits (Block Kit reference).
MAX_BLOCKS = 50
HEADER_CHARS = 150
SECTION_CHARS = 3000
FIELD_CHARS = 2000
FIELDS_PER_SECTION = 10
CONTEXT_ELEMENTS = 10
BUTTONS_PER_ACTIONS = 25
BUTTON_LABEL_CHARS = 75
BUTTON_VALUE_CHARS = 2000
FALLBACK_CHARS = 3000


def escape(text: str) -> str:
    """Slack's three control characters, as its formatting guide says to escape them."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _text_sections(text: str) -> list[Block]:
    """Long text split on line ends into sections of at most 3,000 characters."""
    sections: list[str] = []
    current = ""
    for line in escape(text).splitlines() or [""]:
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > SECTION_CHARS and current:
            sections.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        sections.append(current)
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": _cut(s, SECTION_CHARS)}}
        for s in sections
    ]


def _button(button: Button) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": _cut(button.label, BUTTON_LABEL_CHARS)},
        "action_id": button.action_id,
        "value": button.value[:BUTTON_VALUE_CHARS],
    }
    if button.style != "default":
        element["style"] = button.style
    return element


def to_blocks(reply: Reply) -> list[Block]:
    """Header, text, fields, items, citations and footer (context lines), then buttons."""
    blocks: list[Block] = []
    if reply.title:
        header = _cut(reply.title, HEADER_CHARS)
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": header}})
    blocks.extend(_text_sections(reply.text))
    for group in _chunks(reply.fields, FIELDS_PER_SECTION):
        blocks.append(
            {
                "type": "section",
                "fields": [
                    {
                        "type": "mrkdwn",
                        "text": _cut(f"*{escape(f.label)}*\n{escape(f.value)}", FIELD_CHARS),
                    }
                    for f in group
                ],
            }
        )
    if reply.items:
        blocks.extend(_text_sections("\n".join(f"• {item}" for item in reply.items)))
    for group in _chunks(reply.citations, CONTEXT_ELEMENTS):
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {"type": "mrkdwn", "text": _cut(escape(c.label()), SECTION_CHARS)}
                    for c in group
                ],
            }
        )
    if reply.footer:
        footer = {"type": "mrkdwn", "text": _cut(escape(reply.footer), SECTION_CHARS)}
        blocks.append({"type": "context", "elements": [footer]})
    for index, group in enumerate(_chunks(reply.buttons, BUTTONS_PER_ACTIONS)):
        blocks.append(
            {
                "type": "actions",
                "block_id": f"buttons-{index}",
                "elements": [_button(b) for b in group],
            }
        )
    if len(blocks) > MAX_BLOCKS:
        # Keep the buttons (they are what the member acts on) and say what was left out.
        actions = [b for b in blocks if b["type"] == "actions"]
        room = MAX_BLOCKS - len(actions) - 1
        kept = [b for b in blocks if b["type"] != "actions"][:room]
        note = {"type": "context", "elements": [{"type": "mrkdwn", "text": "(Reply shortened.)"}]}
        blocks = [*kept, note, *actions]
    return blocks


def fallback_text(reply: Reply) -> str:
    """The notification and screen-reader text that goes with the blocks."""
    return _cut(escape(reply.as_plain_text()), FALLBACK_CHARS)
