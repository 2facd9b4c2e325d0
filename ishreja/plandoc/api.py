"""The document core's front door: read any accepted plan file into a ``PlanDocument``, write one out.

Reading always runs the safety checks first, picks the reader by the file's content (never by its name),
interprets the raw rows once for every file type and attaches the validator's findings.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import BinaryIO, Literal

from ishreja.plandoc import interpret, jsonio, safety, validate
from ishreja.plandoc.errors import PlanReadError
from ishreja.plandoc.model import PlanDocument
from ishreja.plandoc.raw import RawDocument
from ishreja.plandoc.read_docx import read_docx
from ishreja.plandoc.read_text import read_text
from ishreja.plandoc.read_xlsx import read_xlsx

Format = Literal["json", "docx", "xlsx", "pdf"]
FORMATS: tuple[Format, ...] = ("json", "docx", "xlsx", "pdf")
MAX_BYTES = safety.MAX_BYTES

# For downloads: the Content-Type header and the file extension of each format.
CONTENT_TYPES: dict[Format, str] = {
    "json": "application/json",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
EXTENSIONS: dict[Format, str] = {"json": ".json", "docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf"}
NO_ITEMS = "Faylda ish rejasi bandlari topilmadi."


def read_raw(data: bytes, filename: str = "", *, max_bytes: int = MAX_BYTES) -> RawDocument:
    """Safety check, then the reader chosen by content. ``filename`` is only a hint for messages."""
    kind = safety.sniff(data, max_bytes)
    if kind == "docx":
        return read_docx(data)
    if kind == "xlsx":
        return read_xlsx(data)
    return read_text(safety.decode_text(data))


def read_plan(data: bytes, filename: str = "", *, max_bytes: int = MAX_BYTES) -> PlanDocument:
    """Read an uploaded plan (.docx, .xlsx or .txt) and validate it; raises only ``PlanReadError``."""
    raw = read_raw(data, filename, max_bytes=max_bytes)
    try:
        doc = interpret.interpret(raw)
    except PlanReadError:
        raise
    except Exception as exc:  # a reader bug must reach the user as a refusal, not as a server error
        raise PlanReadError("Faylni ish rejasi sifatida tushunib bo'lmadi.") from exc
    if not doc.iter_items():
        raise PlanReadError(NO_ITEMS)
    doc.findings = validate.validate(doc)
    return doc


def read_plan_path(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> PlanDocument:
    """Read a plan from disk; the size is checked with ``stat`` before a byte is read."""
    return read_plan(safety.read_path(path, max_bytes), os.fspath(path), max_bytes=max_bytes)


def read_plan_stream(stream: BinaryIO, filename: str = "", *, max_bytes: int = MAX_BYTES) -> PlanDocument:
    """Read a plan from an open binary stream (an upload), reading at most ``max_bytes`` + 1 bytes."""
    return read_plan(safety.read_limited(stream, max_bytes), filename, max_bytes=max_bytes)


def _writers() -> dict[Format, Callable[[PlanDocument], bytes]]:
    # Imported on demand: the PDF writer pulls in WeasyPrint/Pango, which reading never needs.
    from ishreja.plandoc.write_docx import write_docx
    from ishreja.plandoc.write_pdf import write_pdf
    from ishreja.plandoc.write_xlsx import write_xlsx

    return {
        "json": lambda doc: jsonio.to_json(doc).encode("utf-8"),
        "docx": write_docx,
        "xlsx": write_xlsx,
        "pdf": write_pdf,
    }


def write_plan(doc: PlanDocument, fmt: Format) -> bytes:
    """The plan in one of ``FORMATS`` as bytes, ready to send with ``CONTENT_TYPES[fmt]``."""
    writers = _writers()
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    return writers[fmt](doc)


def download_name(doc: PlanDocument, fmt: Format) -> str:
    """A file name for a download: "ish-rejasi-2026.docx"."""
    return f"ish-rejasi-{doc.year or 'yil'}{EXTENSIONS[fmt]}"
