"""Questions about the record: what was decided, said, presented, attended and left open.

``route`` owns the ``/ask`` command and every plain question no narrower route
claims; the other modules each answer one form of question.
"""

from handlers.ask.route import register

__all__ = ["register"]
