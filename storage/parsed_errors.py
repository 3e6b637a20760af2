"""The one error the importers raise for a document they cannot read."""

from __future__ import annotations


class DocumentError(ValueError):
    """A document cannot be imported; ``str(error)`` is one line for the person importing.

    Every refusal (empty file, binary junk, a PDF without text, no meeting date,
    a file over the size cap) is this class, so callers catch exactly one thing.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(" ".join(reason.split()))
