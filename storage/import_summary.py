"""What importing one file did, or why it did nothing: the importer's answer for each file.

Kept apart from ``storage.persist`` so that what reports on imports (the folder runner,
the CLI) can name it without loading SQLAlchemy: a folder's parsing processes start
before that load, and are forked the lighter for it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class ImportSummary:
    """What one file did to the database (or why it did nothing)."""

    path: str
    board: str | None = None
    meeting_date: dt.date | None = None
    kind: str | None = None
    items: int = 0
    decisions: int = 0
    actions: int = 0
    attendance: int = 0
    meeting_created: bool = False
    unchanged: bool = False
    error: str | None = None
    meetings_scheduled: list[dt.date] = field(default_factory=list)
    # Share of content lines placed, and the passages no field kept (stored on the meeting).
    coverage: float | None = None
    unplaced: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["meeting_date"] = self.meeting_date.isoformat() if self.meeting_date else None
        data["meetings_scheduled"] = [d.isoformat() for d in self.meetings_scheduled]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)
