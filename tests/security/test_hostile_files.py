"""Probes with files that are not documents: devices, FIFOs, sockets, sparse and lying files.

``boardclerk import`` refuses each in one line, at once (a FIFO must not hang it),
reads no more than the size limit whatever ``st_size`` says, and writes nothing.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ingest.readers.files import read_limited
from ingest.readers.text import read_document
from ingest.runner import import_paths
from storage.models import Meeting
from storage.parsed_errors import DocumentError
from tests.bot.cli_runner import Boardclerk
from tests.conftest import Database
from tests.ingest.moderngov.council import PRINTED_MINUTES
from tests.ingest.pdfmaker import make_pdf
from tests.security.conftest import MB, measured

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")


@pytest.fixture
def clerk(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> Boardclerk:
    return Boardclerk(sqlite_db.url, monkeypatch)


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "minutes.txt"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        yield path


def hostile_files(tmp_path: Path) -> dict[str, Path]:
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as file:
        file.truncate(50 * 1024 * 1024 * 1024)  # 50 GB, none of it on disk
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    return {"character device": zero, "FIFO": fifo, "MB, over the": sparse, "symbolic link": loop}


def test_each_file_that_is_not_a_document_is_refused_at_once(
    tmp_path: Path, unix_socket: Path
) -> None:
    cases = hostile_files(tmp_path) | {"socket": unix_socket}
    for words, path in cases.items():
        error, cost = measured(lambda path=path: _refusal(path))  # type: ignore[misc]
        assert words in error and "\n" not in error, error
        assert cost.seconds < 2 and cost.peak_bytes < 4 * MB


def _refusal(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    return str(caught.value)


def test_reading_stops_at_the_limit_whatever_st_size_says() -> None:
    # /proc files are regular files whose st_size is 0, however much they hold.
    lying = Path("/proc/self/maps")
    if not lying.exists() or lying.stat().st_size != 0:
        pytest.skip("needs Linux /proc")
    with pytest.raises(DocumentError, match=r"^maps is over the 0\.0 MB limit$"):
        read_limited(lying, 100)


def test_the_import_command_refuses_each_in_one_line_and_writes_nothing(
    clerk: Boardclerk, sqlite_db: Database, tmp_path: Path, unix_socket: Path
) -> None:
    paths = [*hostile_files(tmp_path).values(), unix_socket]

    started = time.monotonic()
    outcome = clerk("import", *map(str, paths))

    assert time.monotonic() - started < 10
    assert outcome.exit_code == 1
    errors = outcome.stderr.strip().splitlines()
    assert len(errors) == len(paths)
    assert all(line.startswith("error: ") for line in errors)
    assert "is a FIFO (named pipe), not a file" in outcome.stderr
    assert "is a character device, not a file" in outcome.stderr
    with sqlite_db.factory() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 0


def test_a_folder_import_skips_what_is_not_a_file(sqlite_db: Database, tmp_path: Path) -> None:
    hostile_files(tmp_path)

    results = import_paths(sqlite_db.factory, [tmp_path])

    assert [r.path for r in results] == [str(tmp_path / "sparse.txt")]
    assert results[0].error is not None and "over the" in results[0].error


def test_pdf_library_warnings_are_one_line_per_file(caplog: pytest.LogCaptureFixture) -> None:
    data = make_pdf(PRINTED_MINUTES * 40)
    head, _, tail = data.partition(b"xref")
    # Every object's offset a few bytes off: pypdf warns about each one it finds.
    broken = head + b"xref" + re.sub(rb"(\d{10}) 00000 n", _shift, tail)

    with caplog.at_level(logging.WARNING):
        source = read_document(broken, name="broken.pdf")

    assert source.lines
    [record] = caplog.records
    assert record.name == "ingest.pdf"
    message = record.getMessage()
    assert re.match(
        r"broken\.pdf: \d{2,} warning\(s\) from the PDF libraries, the first: ", message
    )
    assert "\n" not in message


def _shift(match: re.Match[bytes]) -> bytes:
    return b"%010d 00000 n" % (int(match[1]) + 7)
