"""Rendering: embeds within Discord's limits, and button ids that carry their action."""

from __future__ import annotations

import datetime as dt

import discord
from hypothesis import given
from hypothesis import strategies as st

from bot.discord.render import (
    CUSTOM_ID_LIMIT,
    EMBED_TOTAL_LIMIT,
    LongValues,
    decode_custom_id,
    encode_custom_id,
    render,
)
from handlers.messages import Button, ButtonPress, Citation, Reply, ReplyField


def test_title_text_items_fields_and_citation_footer() -> None:
    reply = Reply(
        text="The board resolved:",
        intent="ask",
        title="Foster carer allowances",
        fields=[ReplyField("Decision", "Allowances rise by 3%.")],
        items=["From April 2027"],
        citations=[Citation("Corporate Parenting Board", dt.date(2026, 9, 16), "5")],
    )

    embed = render(reply).embed

    assert embed.title == "Foster carer allowances"
    assert embed.description == "The board resolved:\n• From April 2027"
    assert [(f.name, f.value) for f in embed.fields] == [("Decision", "Allowances rise by 3%.")]
    assert embed.footer.text == "Corporate Parenting Board, 16 September 2026, item 5"
    assert render(reply).view is None


def test_an_oversized_reply_is_trimmed_to_discords_limits() -> None:
    reply = Reply(
        text="x" * 10_000,
        intent="agenda",
        title="t" * 400,
        fields=[ReplyField(f"Item {n}", "y" * 2000) for n in range(30)],
    )

    embed = render(reply).embed

    assert 0 < len(embed.fields) <= 25
    assert all(len(f.value or "") <= 1024 for f in embed.fields)
    assert len(embed.title or "") <= 256
    assert len(embed) <= EMBED_TOTAL_LIMIT
    assert (embed.description or "").endswith(f"…and {30 - len(embed.fields)} more")


def test_error_replies_are_red() -> None:
    assert render(Reply(text="Sorry", intent="error")).embed.colour == discord.Colour.red()


def test_the_custom_id_is_the_action_id_when_it_carries_the_value() -> None:
    button = Button("Undo", "apology-undo:123", "123", "danger")

    view = render(Reply(text="Recorded", intent="apologies", buttons=[button])).view

    assert view is not None
    [item] = view.children
    assert item.custom_id == "apology-undo:123"  # type: ignore[attr-defined]
    assert decode_custom_id("apology-undo:123") == ButtonPress("apology-undo:123", "123")


@given(
    action=st.from_regex(r"[a-z-]{1,20}:[0-9]{1,10}", fullmatch=True),
    value=st.text(max_size=300),
)
def test_every_press_comes_back_as_it_was_offered(action: str, value: str) -> None:
    store = LongValues()
    custom_id = encode_custom_id(Button("Go", action, value), store)

    assert len(custom_id) <= CUSTOM_ID_LIMIT
    press = decode_custom_id(custom_id, store)
    assert press is not None and press.action_id == action
    assert press.value == (value or action.split(":", 1)[1])


def test_a_forgotten_long_value_reads_as_expired() -> None:
    custom_id = encode_custom_id(Button("Go", "apology-choose:1", "v" * 200), LongValues())

    assert decode_custom_id(custom_id, LongValues()) is None


def test_a_replys_closing_line_ends_the_footer_after_its_citations() -> None:
    reply = Reply(
        text="The next meeting is on Wed 2 December.",
        intent="next-meeting",
        citations=[Citation("Corporate Parenting Board", dt.date(2026, 12, 2))],
        footer="You see public information only.",
    )

    footer = render(reply).embed.footer.text

    assert footer == "Corporate Parenting Board, 2 December 2026\nYou see public information only."
