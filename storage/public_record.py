"""The public record: a session that cannot see exempt (confidential) agenda items at all.

Someone not linked to a member gets the public record of every board. One filter
on the session, rather than a check in each answer, means no route (search,
agendas, item numbers, summaries) can quote or even name an exempt item.
"""

from __future__ import annotations

from sqlalchemy import event, or_, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from storage.models import Action, AgendaItem

# Core columns, so the item filter below does not empty this subquery too.
_ITEMS = AgendaItem.__table__.c
_EXEMPT_ITEM_IDS = select(_ITEMS.id).where(_ITEMS.exempt.is_(True))


def _without_exempt_items(state: ORMExecuteState) -> None:
    if state.is_select and not state.is_column_load:
        state.statement = state.statement.options(
            with_loader_criteria(AgendaItem, AgendaItem.exempt.is_(False), include_aliases=True),
            # An action minuted under an exempt item would quote it.
            with_loader_criteria(
                Action,
                or_(Action.item_id.is_(None), Action.item_id.not_in(_EXEMPT_ITEM_IDS)),
                include_aliases=True,
            ),
        )


def public_record_only(session: Session) -> None:
    """Make exempt items, and the actions minuted under them, invisible to ``session``."""
    event.listen(session, "do_orm_execute", _without_exempt_items)
