"""A reply Board Clerk did not act on: the member is told what it understood, the clerk gets a copy.

Only an apology recorded or withdrawn is acted on by itself. Anything else (a
question, a note for the clerk, words it could not read) gets one short answer
saying what Board Clerk understood and that the clerk has a copy, and that is
true: the reply is kept (``boardclerk email replies`` lists it) and each clerk
of the meeting's board is sent it, privately, by chat or email as they choose.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from handlers.apologies.replies import INTENT as APOLOGIES
from handlers.messages import Notice, Reply
from storage.email_outbox import keep_reply, reply_facts

INTENT = "email.copied"
# Answers that say only that Board Clerk could not read it (a search finding nothing too).
NOT_UNDERSTOOD = ("unknown", "error", "ask.no-answer")
EXCERPT = 300


def acted_on(answer: Reply) -> bool:
    """Whether the pipeline did something with the reply itself (an apology, a withdrawal)."""
    return answer.intent == APOLOGIES


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def copied(
    session: Session,
    *,
    member_id: int,
    meeting_id: int | None,
    subject: str,
    text: str,
    answer: Reply,
    now: dt.datetime,
) -> Reply:
    """The member's short answer (with the clerks' copies as notices); the reply is kept."""
    facts = reply_facts(session, member_id, meeting_id)
    understood = (
        "It isn't apologies, or a withdrawal of them, so nothing has been recorded."
        if answer.intent in NOT_UNDERSTOOD
        else f"Board Clerk's answer: {answer.as_plain_text()}"
    )
    keep_reply(
        session,
        member_id=member_id,
        meeting_id=meeting_id,
        now=now,
        subject=subject,
        text=text,
        understood=understood,
    )
    about = f" about {facts.meeting}" if facts is not None and facts.meeting else ""
    reply = Reply(
        text=(
            f"Board Clerk read your email{about} as: “{_excerpt(text)}”\n{understood}\n"
            "The clerk has a copy and will reply if it needs an answer."
        ),
        intent=INTENT,
        private=True,
        meeting_id=meeting_id,
    )
    if facts is not None:
        copy = Reply(
            text=f"{facts.member} replied by email{about}: “{text}”\n{understood}",
            title=f"Email from {facts.member}",
            intent=INTENT,
            private=True,
        )
        reply.notices = [Notice(member_id=clerk, reply=copy) for clerk in facts.clerk_ids]
    return reply
