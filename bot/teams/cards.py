"""A platform-neutral ``Reply`` drawn as an Adaptive Card (version 1.5, what Teams renders).

The card carries the same parts as Slack's Block Kit: title, text, fields (a
FactSet), items, citations (small subtle lines) and buttons. A button is an
``Action.Submit`` whose data names the router's action id and value, so a
click comes back as the same ``ButtonPress`` any adapter produces.
"""

from __future__ import annotations

from typing import Any

from handlers.messages import Button, ButtonPress, Reply

CARD_VERSION = "1.5"
CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
# The key under which a button's data travels back in the submit activity's value.
SUBMIT_KEY = "boardclerk"

Card = dict[str, Any]
_STYLES = {"primary": "positive", "danger": "destructive"}


def _text(text: str, **extra: Any) -> Card:
    return {"type": "TextBlock", "text": text, "wrap": True, **extra}


def _action(button: Button) -> Card:
    action: Card = {
        "type": "Action.Submit",
        "title": button.label,
        "data": {SUBMIT_KEY: {"action_id": button.action_id, "value": button.value}},
    }
    if button.style in _STYLES:
        action["style"] = _STYLES[button.style]
    return action


def to_card(reply: Reply) -> Card:
    """Title, text, fields, items, citations and buttons, in that order."""
    body: list[Card] = []
    if reply.title:
        body.append(_text(reply.title, weight="Bolder", size="Medium"))
    if reply.text:
        body.append(_text(reply.text))
    if reply.fields:
        facts = [{"title": f.label, "value": f.value} for f in reply.fields]
        body.append({"type": "FactSet", "facts": facts})
    body.extend(_text(f"• {item}", spacing="Small") for item in reply.items)
    body.extend(_text(c.label(), isSubtle=True, size="Small") for c in reply.citations)
    card: Card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
    }
    if reply.buttons:
        card["actions"] = [_action(b) for b in reply.buttons]
    return card


def button_press(value: object) -> ButtonPress | None:
    """The ``ButtonPress`` an ``Action.Submit`` of ours sent back, or None for anything else."""
    if not isinstance(value, dict):
        return None
    data = value.get(SUBMIT_KEY)
    if not isinstance(data, dict) or not isinstance(data.get("action_id"), str):
        return None
    return ButtonPress(action_id=data["action_id"], value=str(data.get("value", "")))
