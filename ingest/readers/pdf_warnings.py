"""PDF libraries' warnings about one file, gathered into one log line instead of thousands.

A damaged PDF makes pypdf and pdfminer (under pdfplumber) log a warning per bad
object, often thousands, and a few come as Python warnings. While a file is read
they are counted here, and one line names the file, the count and the first.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

LIBRARIES = ("pypdf", "pdfminer", "pdfplumber")
log = logging.getLogger("ingest.pdf")
_lock = threading.Lock()


class _Gathered(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0
        self.first: str | None = None

    def note(self, message: str) -> None:
        self.count += 1
        if self.first is None:
            self.first = " ".join(message.split())[:200]

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.note(record.getMessage())


@contextmanager
def gathered_pdf_warnings(name: str) -> Iterator[_Gathered]:
    """While reading ``name``: the libraries' warnings counted, then one line if any."""
    gathered = _Gathered()
    with _lock, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loggers = [logging.getLogger(library) for library in LIBRARIES]
        saved = [(logger.propagate, logger.level) for logger in loggers]
        for logger in loggers:
            logger.addHandler(gathered)
            logger.propagate = False
            logger.setLevel(logging.WARNING)
        try:
            yield gathered
        finally:
            for logger, (propagate, level) in zip(loggers, saved, strict=True):
                logger.removeHandler(gathered)
                logger.propagate = propagate
                logger.setLevel(level)
            for warning in caught:
                gathered.note(str(warning.message))
    if gathered.count:
        log.warning(
            "%s: %d warning(s) from the PDF libraries, the first: %s",
            name or "a PDF",
            gathered.count,
            gathered.first,
        )
