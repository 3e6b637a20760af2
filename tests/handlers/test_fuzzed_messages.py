"""Whatever arrives (any text, any number, any button value), the router answers without failing.

A handler failure is answered with ``FAILURE_TEXT`` and intent "error"; no
message may produce one. Numbers out of any id's range ("/done #99999999999999999999")
are answered like any unknown id.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.messages import ButtonPress, IncomingMessage
from handlers.pipeline import Pipeline
from tests.conftest import Database, _sqlite
from tests.handlers.builders import NOW, build

SPEAKERS = ("Councillor J Walker", "Jo Bell", "operator", "Someone Else")
COMMANDS = ("done", "actions", "apologies", "agenda", "next-meeting", "ask", "boardclerk", "help")
BUTTONS = ("apology-undo", "apology-choose", "apology-no", "action-done", "ask-history")
HUGE = st.integers(min_value=-(10**30), max_value=10**30)
# Days, months and years near their edges (0th, 32nd, year 0000) as well as any number.
NUMBER = st.one_of(st.integers(0, 40), st.integers(0, 9999), HUGE)
TEMPLATES = (
    "/done #{n}",
    "done #{n}",
    "action {n} is done",
    "what did we decide at {n}/{n}?",
    "Sorry, I can't make {n}/{n}/{n}",
    "apologies for the {n}th",
    "apologies for January {n}",
    "agenda for {n} November {n}",
    "what happened at the {n} meeting?",
    "who sent apologies to the {n} March meeting?",
)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    """One database for every example: no message may change what the next one finds."""
    database: Database = next(_sqlite(tmp_path_factory.mktemp("fuzz")))
    build(database.factory)
    yield Pipeline(database.factory)


def _said(text: str, who: str, command: str | None = None) -> IncomingMessage:
    return IncomingMessage(platform="console", user_id=who, text=text, now=NOW, command=command)


FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(text=st.text(max_size=80), who=st.sampled_from(SPEAKERS))
def test_any_text_is_answered(pipeline: Pipeline, text: str, who: str) -> None:
    assert pipeline.handle(_said(text, who)).intent != "error"


@FUZZ
@given(template=st.sampled_from(TEMPLATES), n=NUMBER, who=st.sampled_from(SPEAKERS))
def test_any_number_in_words_is_answered(
    pipeline: Pipeline, template: str, n: int, who: str
) -> None:
    text = template.format(n=n)
    if text.startswith("/"):
        name, _, rest = text[1:].partition(" ")
        message = _said(rest, who, command=name)
    else:
        message = _said(text, who)
    assert pipeline.handle(message).intent != "error"


@FUZZ
@given(
    command=st.sampled_from(COMMANDS),
    argument=st.one_of(st.text(max_size=40), HUGE.map(lambda n: f"#{n}")),
    who=st.sampled_from(SPEAKERS),
)
def test_any_command_argument_is_answered(
    pipeline: Pipeline, command: str, argument: str, who: str
) -> None:
    assert pipeline.handle(_said(argument, who, command=command)).intent != "error"


@FUZZ
@given(
    prefix=st.sampled_from(BUTTONS),
    target=st.one_of(HUGE.map(str), st.text(max_size=12)),
    value=st.one_of(
        st.text(max_size=40),
        st.builds(
            lambda m, p: f'{{"k":"a","m":{m},"p":{p!r},"prev":null}}'.replace("'", '"'),
            HUGE,
            st.text(alphabet="abcdefgh ", max_size=12),
        ),
    ),
    who=st.sampled_from(SPEAKERS),
)
def test_any_button_press_is_answered(
    pipeline: Pipeline, prefix: str, target: str, value: str, who: str
) -> None:
    message = IncomingMessage(
        platform="console",
        user_id=who,
        text="",
        now=NOW,
        button=ButtonPress(f"{prefix}:{target}", value),
    )
    assert pipeline.handle(message).intent != "error"


def test_an_id_too_large_for_the_database_is_an_unknown_action(pipeline: Pipeline) -> None:
    reply = pipeline.handle(_said("#99999999999999999999", "Jo Bell", command="done"))
    assert reply.text == "Sorry, there is no action #99999999999999999999."


@pytest.mark.parametrize(
    "text", ["apologies for the 0th", "apologies for January 0000", "Sorry, I can't make 0/0/0000"]
)
def test_impossible_dates_are_asked_about(pipeline: Pipeline, text: str) -> None:
    reply = pipeline.handle(_said(text, "Councillor J Walker"))
    assert reply.intent == "apologies" and "couldn't tell which meeting" in reply.text
