"""Pages per second of each PDF text library on one generated multi-page report.

``PYTHONPATH=. python -m benchmarks.bench_pdf_text [pages]``: the figure the papers reader was chosen by
(see README, "Papers"); ``pdftotext`` (poppler) is the baseline when it is installed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from tests.ingest.pdfmaker import make_pdf

LINE = "The Board is recommended to approve the revised fostering allowances for 2026/27."


def _pypdf(data: bytes) -> int:
    from pypdf import PdfReader

    return sum(len(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)


def _pdfplumber(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def _pypdfium2(data: bytes) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return sum(len(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf)))
    finally:
        pdf.close()


def _pdftotext(data: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        out = subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, check=True)
    return len(out.stdout)


def main(pages: int = 200) -> None:
    data = make_pdf([f"{n}. {LINE}" for n in range(pages * 50)], per_page=50)
    readers: dict[str, Callable[[bytes], int]] = {
        "pypdfium2": _pypdfium2,
        "pypdf": _pypdf,
        "pdfplumber": _pdfplumber,
    }
    if shutil.which("pdftotext"):
        readers["pdftotext (poppler)"] = _pdftotext
    else:
        print("pdftotext (poppler): not installed, no baseline")
    for name, read in readers.items():
        started = time.perf_counter()
        read(data)
        seconds = time.perf_counter() - started
        print(f"{name:22} {pages / seconds:9.0f} pages/s ({pages} pages, {seconds:.2f} s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
