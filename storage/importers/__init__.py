"""Importing council documents: parse (text, HTML, PDF) into plain dataclasses, then store them.

``parse_document`` needs no database; ``import_document`` stores one parsed
document in a session; ``import_paths`` walks files and folders, one
transaction per file. Every refusal is a ``DocumentError`` with a one-line reason.
"""

from storage.importers.errors import DocumentError
from storage.importers.model import (
    ParsedAction,
    ParsedAttendee,
    ParsedDecision,
    ParsedDocument,
    ParsedItem,
    ParsedNextMeeting,
)
from storage.importers.parse import parse_document
from storage.importers.persist import ImportSummary, content_hash, import_document
from storage.importers.runner import FileResult, import_file, import_paths

__all__ = [
    "DocumentError",
    "FileResult",
    "ImportSummary",
    "ParsedAction",
    "ParsedAttendee",
    "ParsedDecision",
    "ParsedDocument",
    "ParsedItem",
    "ParsedNextMeeting",
    "content_hash",
    "import_document",
    "import_file",
    "import_paths",
    "parse_document",
]
