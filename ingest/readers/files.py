"""Reading a document file safely: regular files only, never more than the size limit.

``st_size`` is 0 for devices and FIFOs and can be anything for a sparse file, so it
is only a first check: the file is resolved, its type checked before it is opened
(a FIFO opened for reading would wait for a writer forever), opened non-blocking,
checked again on the open descriptor, and read to at most one byte past the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from storage.parsed_errors import DocumentError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(path: Path, mode: int) -> DocumentError | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return DocumentError(f"{path} is {kind}, not a file")


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path`` (symlinks followed), refused over ``max_bytes``.

    Raises ``DocumentError`` (one line) for anything else, or ``OSError`` if it cannot be read.
    """
    try:
        real = path.resolve()
    except RuntimeError as exc:  # a loop of symbolic links, before Python 3.13 (then OSError)
        raise DocumentError(f"{path} is a loop of symbolic links, not a file") from exc
    info = real.stat()
    error = _not_regular(path, info.st_mode)
    if error is not None:
        raise error
    size = info.st_size
    if size > max_bytes:
        raise DocumentError(f"{path.name} is {_mb(size)}, over the {_mb(max_bytes)} limit")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(real, flags)
    with os.fdopen(descriptor, "rb") as file:
        # Swapped for something else between the check and the open: checked again.
        error = _not_regular(path, os.fstat(file.fileno()).st_mode)
        if error is not None:
            raise error
        # A buffer the size of the limit costs more than reading a small file: read what
        # the file held when checked, and on to the limit only if it has grown since.
        data = file.read(size + 1)
        if len(data) > size:
            data += file.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:
        raise DocumentError(f"{path.name} is over the {_mb(max_bytes)} limit")
    return data


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
