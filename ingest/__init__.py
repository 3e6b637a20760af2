"""Everything that turns the outside world into records: council documents and sites.

``readers`` turn files and pages into lines, ``parsers`` turn lines into the plain
dataclasses of ``storage.parsed`` (pure, no database), ``runner`` imports files and
folders one transaction per file, and ``moderngov`` follows a council's ModernGov
site. What is parsed is handed to ``storage.persist.import_document``.
"""

from ingest.parsers.parse import parse_document
from ingest.runner import FileResult, import_file, import_paths
from storage.parsed import (
    ParsedAction,
    ParsedAttendee,
    ParsedDecision,
    ParsedDocument,
    ParsedItem,
    ParsedNextMeeting,
)
from storage.parsed_errors import DocumentError

__all__ = [
    "DocumentError",
    "FileResult",
    "ParsedAction",
    "ParsedAttendee",
    "ParsedDecision",
    "ParsedDocument",
    "ParsedItem",
    "ParsedNextMeeting",
    "import_file",
    "import_paths",
    "parse_document",
]
