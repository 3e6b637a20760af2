"""Everything that cannot be imported raises ``DocumentError`` with a one-line reason."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ingest import DocumentError, parse_document


def refused(source: bytes | Path, name: str = "") -> str:
    with pytest.raises(DocumentError) as caught:
        parse_document(source, name=name)
    message = str(caught.value)
    assert message and "\n" not in message
    return message


def test_empty_and_blank_documents() -> None:
    assert "empty" in refused(b"")
    assert "empty" in refused(b" \n\r\n\t ")


def test_binary_junk() -> None:
    junk = bytes(range(256)) * 40
    assert "binary" in refused(junk)


def test_a_document_without_a_meeting_date() -> None:
    assert "no meeting date" in refused(b"Corporate Parenting Board\n\n1. Apologies\n\nNone.\n")


def test_a_text_file_named_pdf() -> None:
    assert "not a PDF" in refused(b"Corporate Parenting Board 3 May 2023", name="minutes.pdf")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "cannot read" in refused(tmp_path / "nope.txt")
    assert "not a file" in refused(tmp_path)


def test_a_huge_file_is_refused_at_once_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB that was never written
    started = time.perf_counter()
    message = refused(path)
    assert time.perf_counter() - started < 0.5
    assert "50.0 MB" in message and "limit" in message


def test_windows_1252_text_is_decoded() -> None:
    text = (
        "Corporate Parenting Board\nMinutes of the meeting held on 4 March 2024\n\n"
        "1. Care Leavers\n\nA setting-up-home allowance of £2,500 was agreed for the Council’s "
        "care leavers.\n\nRESOLVED that the allowance be approved.\n"
    )
    doc = parse_document(text.encode("cp1252"))
    assert "£2,500" in (doc.items[0].minutes_text or "")
    assert "Council's" in (doc.items[0].minutes_text or "")
