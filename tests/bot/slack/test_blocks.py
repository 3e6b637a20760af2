"""A ``Reply`` drawn as Block Kit that Slack accepts: its parts, its limits, its escaping."""

from __future__ import annotations

import datetime as dt

from bot.slack.blocks import MAX_BLOCKS, fallback_text, to_blocks
from handlers.messages import Button, Citation, Reply, ReplyField


def test_each_part_of_a_reply_has_its_block_in_order() -> None:
    reply = Reply(
        text="The next meeting:",
        intent="next-meeting",
        title="Corporate Parenting Board",
        fields=[ReplyField("When", "Wed 2 December 2026, 3.00pm"), ReplyField("Where", "Room 2")],
        items=["Apologies for Absence", "Care Leavers' Local Offer"],
        citations=[Citation("Corporate Parenting Board", dt.date(2026, 10, 21), "5")],
        buttons=[
            Button("Send apologies", "apology-send:7", "7", "primary"),
            Button("Choose another", "apology-choose:7", "7"),
        ],
    )

    blocks = to_blocks(reply)

    assert [b["type"] for b in blocks] == [
        "header",
        "section",
        "section",
        "section",
        "context",
        "actions",
    ]
    assert blocks[0]["text"] == {"type": "plain_text", "text": "Corporate Parenting Board"}
    assert blocks[2]["fields"][0]["text"] == "*When*\nWed 2 December 2026, 3.00pm"
    assert blocks[3]["text"]["text"] == "• Apologies for Absence\n• Care Leavers' Local Offer"
    assert blocks[4]["elements"][0]["text"] == "Corporate Parenting Board, 21 October 2026, item 5"
    assert blocks[5]["elements"] == [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": "Send apologies"},
            "action_id": "apology-send:7",
            "value": "7",
            "style": "primary",
        },
        {
            "type": "button",
            "text": {"type": "plain_text", "text": "Choose another"},
            "action_id": "apology-choose:7",
            "value": "7",
        },
    ]


def test_more_than_ten_fields_are_split_across_sections() -> None:
    reply = Reply(text="x", intent="t", fields=[ReplyField(f"F{i}", str(i)) for i in range(23)])

    sections = [b for b in to_blocks(reply) if "fields" in b]

    assert [len(s["fields"]) for s in sections] == [10, 10, 3]


def test_plain_text_cannot_become_a_mention_or_a_link() -> None:
    reply = Reply(text="Item <@U123> & <!channel>", intent="t")

    [section] = to_blocks(reply)

    assert section["text"]["text"] == "Item &lt;@U123&gt; &amp; &lt;!channel&gt;"
    assert "<" not in fallback_text(reply)


def test_long_text_is_split_into_sections_slack_accepts() -> None:
    reply = Reply(text="\n".join("word " * 20 for _ in range(100)), intent="t")

    sections = to_blocks(reply)

    assert len(sections) > 1
    assert all(len(s["text"]["text"]) <= 3000 for s in sections)


def test_a_huge_reply_is_shortened_but_keeps_its_buttons() -> None:
    reply = Reply(
        text="x",
        intent="t",
        fields=[ReplyField(str(i), "v") for i in range(1000)],
        buttons=[Button("Undo", "apology-undo:1", "1")],
    )

    blocks = to_blocks(reply)

    assert len(blocks) == MAX_BLOCKS
    assert blocks[-1]["type"] == "actions"
    assert blocks[-2]["elements"][0]["text"] == "(Reply shortened.)"


def test_a_long_title_is_cut_to_slacks_header_limit() -> None:
    [header, _] = to_blocks(Reply(text="x", intent="t", title="T" * 200))

    assert len(header["text"]["text"]) == 150


def test_a_replys_closing_line_is_a_context_block_after_the_citations() -> None:
    reply = Reply(
        text="The next meeting is on Wed 2 December.",
        intent="next-meeting",
        citations=[Citation("Corporate Parenting Board", dt.date(2026, 12, 2))],
        footer="You see public information only.",
    )

    *_, citation, footer = to_blocks(reply)

    assert citation["type"] == footer["type"] == "context"
    assert footer["elements"][0]["text"] == "You see public information only."
    assert fallback_text(reply).endswith("You see public information only.")
