"""Planning is a pure function of a snapshot and a window: explicit times, DST included."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.config import ReminderConfig
from schedules.notify import Target
from schedules.planning import (
    ActionSnap,
    BoardSnap,
    Kind,
    MeetingSnap,
    Snapshot,
    local_instant,
    plan,
)
from tests.schedules.world import LONDON, local, utc

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run

CHAIR, MEMBER, CLERK = 1, 2, 3
NO_QUIET = ReminderConfig(quiet_start=None, quiet_end=None)


def snapshot(
    *meetings: MeetingSnap, actions: tuple[ActionSnap, ...] = (), in_channel: bool = False
) -> Snapshot:
    board = BoardSnap(
        10, "Corporate Parenting Board", LONDON, in_channel, (CHAIR, MEMBER, CLERK), (CLERK,)
    )
    owners = tuple(sorted({a.owner_id for a in actions}))
    return Snapshot({10: board}, list(meetings), list(actions), owners)


def meeting_at(start: dt.datetime, apologised: frozenset[int] = frozenset()) -> MeetingSnap:
    return MeetingSnap(100, 10, start.date(), start.astimezone(dt.UTC), apologised)


def times(found: list, kind: Kind = Kind.MEETING, member: int | None = MEMBER) -> list[dt.datetime]:
    return [p.at for p in found if p.kind is kind and p.member_id == member]


def test_default_meeting_reminders_are_7_days_and_1_day_at_nine_and_2_hours_before() -> None:
    found = plan(
        snapshot(meeting_at(local(2026, 12, 2, 15))),
        utc(2026, 11, 1),
        utc(2027, 1, 1),
        ReminderConfig(),
    )
    assert times(found) == [utc(2026, 11, 25, 9), utc(2026, 12, 1, 9), utc(2026, 12, 2, 13)]
    reasons = [p.reason for p in found if p.member_id == MEMBER and p.kind is Kind.MEETING]
    assert reasons == ["7 days before", "1 day before", "2 hours before"]
    assert {p.member_id for p in found if p.kind is Kind.MEETING} == {CHAIR, MEMBER, CLERK}


def test_the_clerk_gets_matters_arising_a_week_before() -> None:
    found = plan(
        snapshot(meeting_at(local(2026, 12, 2, 15))),
        utc(2026, 11, 1),
        utc(2027, 1, 1),
        ReminderConfig(),
    )
    arising = [p for p in found if p.kind is Kind.MATTERS_ARISING]
    assert [(p.member_id, p.at) for p in arising] == [(CLERK, utc(2026, 11, 25, 9))]


def test_nine_oclock_stays_nine_oclock_across_the_autumn_change() -> None:
    # 7 days before is in BST (08:00 UTC); 1 day before is 2026-10-25, the change day (09:00 UTC).
    found = plan(
        snapshot(meeting_at(local(2026, 10, 26, 15))),
        utc(2026, 10, 1),
        utc(2026, 11, 1),
        ReminderConfig(),
    )
    day_before = times(found)[:2]
    assert day_before == [utc(2026, 10, 19, 8), utc(2026, 10, 25, 9)]
    assert [t.astimezone(LONDON).time() for t in day_before] == [dt.time(9), dt.time(9)]


def test_nine_oclock_stays_nine_oclock_across_the_spring_change() -> None:
    found = plan(
        snapshot(meeting_at(local(2026, 3, 30, 15))),
        utc(2026, 3, 1),
        utc(2026, 4, 1),
        ReminderConfig(),
    )
    assert times(found)[:2] == [utc(2026, 3, 23, 9), utc(2026, 3, 29, 8)]


def test_a_time_in_the_spring_gap_fires_once_when_the_clocks_go_forward() -> None:
    # 01:30 on 2026-03-29 never happens in London: clocks jump from 01:00 GMT to 02:00 BST.
    config = ReminderConfig(send_time=dt.time(1, 30), quiet_start=None, quiet_end=None)
    found = plan(
        snapshot(meeting_at(local(2026, 3, 30, 15))), utc(2026, 3, 28), utc(2026, 3, 31), config
    )
    assert times(found)[0] == utc(2026, 3, 29, 1)
    assert times(found)[0].astimezone(LONDON).strftime("%H:%M %Z") == "02:00 BST"
    assert len(times(found)) == 2  # that one, and 2 hours before


def test_a_time_that_happens_twice_in_autumn_fires_once_at_the_first() -> None:
    config = ReminderConfig(send_time=dt.time(1, 30), quiet_start=None, quiet_end=None)
    found = plan(
        snapshot(meeting_at(local(2026, 10, 26, 15))), utc(2026, 10, 24), utc(2026, 10, 27), config
    )
    assert times(found) == [utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 13)]


def test_local_instant_handles_every_kind_of_local_time() -> None:
    assert local_instant(dt.date(2026, 7, 1), dt.time(9), LONDON) == utc(2026, 7, 1, 8)
    assert local_instant(dt.date(2026, 3, 29), dt.time(1, 0), LONDON) == utc(2026, 3, 29, 1)
    assert local_instant(dt.date(2026, 3, 29), dt.time(1, 59), LONDON) == utc(2026, 3, 29, 1)
    assert local_instant(dt.date(2026, 10, 25), dt.time(1, 0), LONDON) == utc(2026, 10, 25, 0)


@settings(max_examples=60, deadline=None)
@given(
    cuts=st.lists(st.integers(min_value=1, max_value=6 * 24 * 60 - 1), max_size=40, unique=True),
    send_minute=st.integers(min_value=0, max_value=24 * 60 - 1),
    spring=st.booleans(),
)
def test_consecutive_windows_never_repeat_or_skip_a_reminder(
    cuts: list[int], send_minute: int, spring: bool
) -> None:
    """Ticking through a DST change in any steps plans exactly what one big window plans."""
    config = ReminderConfig(
        send_time=dt.time(send_minute // 60, send_minute % 60),
        meeting_days_before=(3, 1),
        meeting_hours_before=(2.0, 0.5),
        action_days_before=(2, 1),
        overdue_every_days=1,
        digest_weekday=6,  # Sunday: the change day itself
        digest_time=dt.time(send_minute // 60, send_minute % 60),
    )
    start = utc(2026, 3, 27) if spring else utc(2026, 10, 23)
    change = dt.date(2026, 3, 29) if spring else dt.date(2026, 10, 25)
    meetings = [
        MeetingSnap(
            100,
            10,
            change + dt.timedelta(days=1),
            local_instant(change + dt.timedelta(days=1), dt.time(1, 30), LONDON),
        ),
        MeetingSnap(101, 10, change, None),
    ]
    actions = (ActionSnap(7, 10, MEMBER, change),)
    snap = snapshot(*meetings, actions=actions)
    whole = plan(snap, start, start + dt.timedelta(days=6), config)
    bounds = [
        start,
        *(start + dt.timedelta(minutes=c) for c in sorted(cuts)),
        start + dt.timedelta(days=6),
    ]
    pieces = [p for lo, hi in itertools.pairwise(bounds) for p in plan(snap, lo, hi, config)]
    assert [p.key for p in pieces] == [p.key for p in whole]
    assert len({p.key for p in whole}) == len(whole)
    assert any(p.kind is Kind.DIGEST for p in whole)


def test_quiet_hours_hold_back_all_but_the_on_the_day_reminder() -> None:
    config = ReminderConfig(send_time=dt.time(6, 30))  # quiet 21:00-08:00 by default
    found = plan(
        snapshot(meeting_at(local(2026, 12, 2, 9))), utc(2026, 11, 1), utc(2027, 1, 1), config
    )
    # 06:30 seven days and one day before → 08:00; 07:00 on the day (2 hours before) stays.
    assert times(found) == [utc(2026, 11, 25, 8), utc(2026, 12, 1, 8), utc(2026, 12, 2, 7)]


def test_members_who_sent_apologies_get_a_short_note_and_no_see_you_today() -> None:
    found = plan(
        snapshot(meeting_at(local(2026, 12, 2, 15), apologised=frozenset({MEMBER}))),
        utc(2026, 11, 1),
        utc(2027, 1, 1),
        ReminderConfig(),
    )
    mine = [p for p in found if p.member_id == MEMBER and p.kind is Kind.MEETING]
    assert [p.at for p in mine] == [utc(2026, 11, 25, 9), utc(2026, 12, 1, 9)]
    assert all("apologies sent" in p.reason for p in mine)
    assert len(times(found, member=CHAIR)) == 3


def test_members_who_sent_apologies_can_get_nothing_at_all() -> None:
    found = plan(
        snapshot(meeting_at(local(2026, 12, 2, 15), apologised=frozenset({MEMBER}))),
        utc(2026, 11, 1),
        utc(2027, 1, 1),
        ReminderConfig(apologised="none"),
    )
    assert times(found) == []


def test_a_board_reminded_in_its_channel_gets_one_message_per_reminder() -> None:
    found = plan(
        snapshot(meeting_at(local(2026, 12, 2, 15)), in_channel=True),
        utc(2026, 11, 1),
        utc(2027, 1, 1),
        ReminderConfig(),
    )
    meeting_reminders = [p for p in found if p.kind is Kind.MEETING]
    assert [p.target for p in meeting_reminders] == [Target.board_channel(10)] * 3
    assert [p.member_id for p in found if p.kind is Kind.MATTERS_ARISING] == [CLERK]


def test_a_date_only_meeting_is_reminded_at_nine_on_the_day() -> None:
    undated = MeetingSnap(100, 10, dt.date(2026, 12, 2), None)
    found = plan(snapshot(undated), utc(2026, 11, 1), utc(2027, 1, 1), ReminderConfig())
    assert times(found) == [utc(2026, 11, 25, 9), utc(2026, 12, 1, 9), utc(2026, 12, 2, 9)]
    # Still worth sending all that day.
    assert {p.useful_until for p in found} == {utc(2026, 12, 3)}


def test_action_owners_are_reminded_before_the_due_date_and_weekly_once_overdue() -> None:
    due = ActionSnap(7, 10, MEMBER, dt.date(2026, 12, 10))
    found = plan(snapshot(actions=(due,)), utc(2026, 11, 23), utc(2026, 12, 25), NO_QUIET)
    assert [(p.kind, p.at, p.reason) for p in found if p.kind is not Kind.DIGEST] == [
        (Kind.ACTION_DUE, utc(2026, 12, 3, 9), "due in 7 days"),
        (Kind.ACTION_DUE, utc(2026, 12, 9, 9), "due in 1 day"),
        (Kind.ACTION_OVERDUE, utc(2026, 12, 11, 9), "1 day overdue"),
        (Kind.ACTION_OVERDUE, utc(2026, 12, 18, 9), "8 days overdue"),
    ]


def test_an_action_not_to_be_started_yet_is_not_chased_before_then() -> None:
    due = ActionSnap(7, 10, MEMBER, dt.date(2026, 12, 10), not_before=dt.date(2026, 12, 5))
    found = plan(snapshot(actions=(due,)), utc(2026, 11, 23), utc(2026, 12, 10), NO_QUIET)
    assert [p.at for p in found if p.kind is Kind.ACTION_DUE] == [utc(2026, 12, 9, 9)]


def test_the_weekly_digest_is_monday_nine_local_either_side_of_the_change() -> None:
    due = ActionSnap(7, 10, MEMBER, dt.date(2027, 1, 10))
    found = plan(snapshot(actions=(due,)), utc(2026, 10, 15), utc(2026, 10, 28), ReminderConfig())
    assert times(found, Kind.DIGEST) == [utc(2026, 10, 19, 8), utc(2026, 10, 26, 9)]


def test_windows_are_half_open_and_need_aware_bounds() -> None:
    snap = snapshot(meeting_at(local(2026, 12, 2, 15)))
    at = utc(2026, 12, 1, 9)
    assert times(plan(snap, at - dt.timedelta(minutes=1), at, ReminderConfig())) == [at]
    assert times(plan(snap, at, at + dt.timedelta(minutes=1), ReminderConfig())) == []


def test_delivery_keys_fold_kind_subject_recipient_and_due_time() -> None:
    found = plan(
        snapshot(meeting_at(local(2026, 12, 2, 15))),
        utc(2026, 12, 1),
        utc(2026, 12, 1, 10),
        ReminderConfig(),
    )
    assert [p.key for p in found] == [
        "meeting:m100:u1:20261201T0900Z",
        "meeting:m100:u2:20261201T0900Z",
        "meeting:m100:u3:20261201T0900Z",
    ]
