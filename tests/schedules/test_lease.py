"""A claim is a lease: a reminder whose claimer died mid-send is sent by another process."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import String, column, insert, select, table

from handlers.messages import Reply
from schedules.config import ReminderConfig, config_from_strings
from schedules.dispatch import Dispatcher, pending
from schedules.notify import RecordingNotifier, Target
from storage.db import alembic_config, transaction, upgrade
from storage.models import Delivery, Role
from storage.types import UTCDateTime
from tests.conftest import Database
from tests.schedules import world
from tests.schedules.world import utc

pytestmark = pytest.mark.dates  # also run under faketime by .ci/run

CONFIG = ReminderConfig(lease=dt.timedelta(minutes=2))
DUE = utc(2026, 11, 25, 9)


class DiesMidSend:
    """The process is killed while its post to the chat platform hangs."""

    def deliver(self, target: Target, reply: Reply) -> bool:
        raise KeyboardInterrupt


def meeting_next_week(db: Database) -> None:
    with transaction(db.factory) as session:
        board, _ = world.board(session, people={"Councillor J Walker": Role.MEMBER})
        world.meeting(session, board, utc(2026, 12, 2, 15))


def the_row(db: Database) -> Delivery:
    with db.factory() as session:
        return session.scalars(select(Delivery)).one()


def test_a_claim_left_by_a_dead_process_is_retried_once_its_lease_lapses(db: Database) -> None:
    meeting_next_week(db)
    with pytest.raises(KeyboardInterrupt):
        Dispatcher(db.factory, DiesMidSend(), CONFIG).run(DUE)
    dead = the_row(db)
    assert (dead.outcome, dead.lease_until) == ("claimed", DUE + dt.timedelta(minutes=2))

    notifier = RecordingNotifier()
    survivor = Dispatcher(db.factory, notifier, CONFIG)
    early = survivor.run(DUE + dt.timedelta(minutes=1))
    assert (early.sent, len(early.taken), notifier.sent) == ([], 0, [])
    late = survivor.run(DUE + dt.timedelta(minutes=2))
    assert late.retried == late.sent == [dead.key]
    assert [r.title for _, r in notifier.sent] == ["Corporate Parenting Board meets in 7 days"]
    row = the_row(db)
    assert (row.outcome, row.attempts, row.claimed_by, row.lease_until) == (
        "sent",
        2,
        survivor.name,
        None,
    )
    assert survivor.run(DUE + dt.timedelta(minutes=10)).sent == []
    assert len(notifier.sent) == 1


def test_a_lapsed_claim_is_taken_over_by_one_process_only(db: Database) -> None:
    meeting_next_week(db)
    with pytest.raises(KeyboardInterrupt):
        Dispatcher(db.factory, DiesMidSend(), CONFIG).run(DUE)
    later = DUE + dt.timedelta(minutes=5)
    first = Dispatcher(db.factory, RecordingNotifier(), CONFIG).run(later)
    second = Dispatcher(db.factory, RecordingNotifier(), CONFIG).run(later)
    assert len(first.retried) == len(first.sent) == 1
    assert second.sent == second.retried == []


def test_a_process_that_outlived_its_lease_does_not_overwrite_the_new_claimers_outcome(
    db: Database,
) -> None:
    meeting_next_week(db)
    survivor_notifier = RecordingNotifier()
    survivor = Dispatcher(db.factory, survivor_notifier, CONFIG)

    class SlowSend:
        """Hangs so long that the survivor takes the reminder over and sends it meanwhile."""

        def deliver(self, target: Target, reply: Reply) -> bool:
            survivor.run(DUE + dt.timedelta(minutes=3))
            return False

    Dispatcher(db.factory, SlowSend(), CONFIG).run(DUE)
    row = the_row(db)
    assert (row.outcome, row.claimed_by) == ("sent", survivor.name)
    assert len(survivor_notifier.sent) == 1


def test_a_lapsed_claim_no_longer_worth_sending_is_recorded_as_dropped(db: Database) -> None:
    meeting_next_week(db)
    two_hours_before = utc(2026, 12, 2, 13)
    with pytest.raises(KeyboardInterrupt):
        Dispatcher(db.factory, DiesMidSend(), CONFIG).run(two_hours_before)
    notifier = RecordingNotifier()
    # Back after the meeting began: nothing is sent, and the claim is closed.
    Dispatcher(db.factory, notifier, CONFIG).run(utc(2026, 12, 2, 15, 30))
    with db.factory() as session:
        outcomes = {d.due_at: d.outcome for d in session.scalars(select(Delivery))}
    assert notifier.sent == []
    assert outcomes[two_hours_before] == "dropped"


def test_the_lease_setting_reads_minutes_seconds_and_hours() -> None:
    assert config_from_strings().lease == dt.timedelta(minutes=2)
    assert config_from_strings(lease="90s").lease == dt.timedelta(seconds=90)
    assert config_from_strings(lease="5m").lease == dt.timedelta(minutes=5)
    assert config_from_strings(lease="0.5h").lease == dt.timedelta(minutes=30)
    with pytest.raises(ValueError, match="invalid reminder lease '45': no unit: give a unit"):
        config_from_strings(lease="45")


def test_claims_left_stuck_before_leases_existed_are_retried_after_the_upgrade(
    db: Database,
) -> None:
    meeting_next_week(db)
    with db.factory() as session:
        [stuck] = pending(session, DUE - dt.timedelta(minutes=1), DUE, CONFIG)[1]
    command.downgrade(alembic_config(db.engine), "0002")
    old_deliveries = table(
        "deliveries",
        column("key", String),
        column("kind", String),
        column("due_at", UTCDateTime),
        column("claimed_at", UTCDateTime),
        column("outcome", String),
    )
    with db.engine.begin() as connection:
        connection.execute(
            insert(old_deliveries).values(
                key=stuck.key, kind="meeting", due_at=DUE, claimed_at=DUE, outcome="claimed"
            )
        )
    upgrade(db.engine)
    notifier = RecordingNotifier()
    report = Dispatcher(db.factory, notifier, CONFIG).run(DUE + dt.timedelta(minutes=1))
    assert report.retried == report.sent == [stuck.key]
    assert len(notifier.sent) == 1
