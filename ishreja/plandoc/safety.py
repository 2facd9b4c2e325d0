"""Checks an uploaded file before any parser touches it: size, type by content, zip bombs, XML bombs.

Everything refused raises ``PlanReadError`` with one Uzbek sentence; the checks read only the bytes they
need (the zip central directory and each XML part's prolog), so a hostile file is refused in milliseconds.
"""

from __future__ import annotations

import contextlib
import io
import os
import unicodedata
import zipfile
from pathlib import PurePosixPath
from typing import BinaryIO, Literal
from xml.etree.ElementTree import Element

# defusedxml ships no type stubs; "unused-ignore" keeps the project's mypy config (which ignores missing
# imports globally) quiet as well.
from defusedxml import DefusedXmlException  # type: ignore[import-untyped, unused-ignore]
from defusedxml.ElementTree import DefusedXMLParser  # type: ignore[import-untyped, unused-ignore]

from ishreja.plandoc.errors import PlanReadError

FileKind = Literal["docx", "xlsx", "txt"]

MB = 1024 * 1024
MAX_BYTES = 10 * MB
# Limits on what a .docx/.xlsx may unpack to. A real plan is well under 1 MB unpacked; these leave room for
# pictures and embedded objects while keeping a hostile file far below the 256 MB memory budget.
MAX_UNCOMPRESSED = 100 * MB
MAX_ENTRIES = 2000
MAX_RATIO = 100
# One XML part is parsed into a tree (python-docx, openpyxl) that takes ~10x its size in memory; a plan's
# document.xml is 1-3 MB, so this bounds the tree well inside the 256 MB budget.
MAX_XML_PART = 16 * MB
# Highly compressible entries below this size are harmless whatever their ratio (XML compresses ~10-50:1).
RATIO_MIN_SIZE = 1 * MB
# Archive formats that have no business inside an Office file; we never unpack nested archives, so these
# are refused as a sign of a crafted file rather than for what they would do.
NESTED_ARCHIVES = (".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".jar", ".cab")
# Office puts embedded workbooks/documents (charts, OLE objects) here; we never open them.
EMBEDDING_DIRS = ("word/embeddings/", "xl/embeddings/")

NOT_A_PLAN_FILE = "Fayl Word (.docx), Excel (.xlsx) yoki matn (.txt) emas."
DAMAGED = "Fayl shikastlangan yoki to'liq yuklanmagan, uni ochib bo'lmadi."
XML_BOMB = "Fayl ichida ruxsat etilmagan XML e'lonlari (DTD/ENTITY) bor, bu xavfli fayl."

_MAIN_TYPES: dict[str, FileKind] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
}
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_PROLOG_CHUNK = 64 * 1024


def _mb(n: int) -> str:
    # Uzbek writes a decimal comma: "50,0 MB".
    return f"{n / MB:.1f}".replace(".", ",") + " MB"


def _limit(n: int) -> str:
    return f"{n // MB} MB" if n % MB == 0 else _mb(n)


def check_size(size: int, max_bytes: int = MAX_BYTES) -> None:
    """Refuse an empty file or one larger than ``max_bytes``."""
    if size <= 0:
        raise PlanReadError("Fayl bo'sh.")
    if size > max_bytes:
        raise PlanReadError(f"Fayl hajmi {_limit(max_bytes)} dan katta: {_mb(size)}.")


def read_limited(stream: BinaryIO, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a stream, refusing it as soon as it proves longer than ``max_bytes`` (never reads it all)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        # Report the real size when the stream can tell it cheaply, else "more than the limit".
        size = len(data)
        with contextlib.suppress(OSError, AttributeError, io.UnsupportedOperation):
            size = max(size, os.fstat(stream.fileno()).st_size)
        check_size(size, max_bytes)
    check_size(len(data), max_bytes)
    return data


def read_path(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file after checking its size with ``stat`` (a 50 MB file is refused without reading it)."""
    try:
        check_size(os.stat(path).st_size, max_bytes)
        with open(path, "rb") as fh:
            return read_limited(fh, max_bytes)
    except OSError as exc:
        raise PlanReadError("Faylni o'qib bo'lmadi.") from exc


def sniff(data: bytes, max_bytes: int = MAX_BYTES) -> FileKind:
    """The file's kind by its content, after all safety checks; raises ``PlanReadError`` otherwise."""
    check_size(len(data), max_bytes)
    if data.startswith(b"PK\x03\x04"):
        return check_office(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise PlanReadError(
            "Eski Word/Excel (.doc, .xls) formati qabul qilinmaydi: faylni .docx yoki .xlsx qilib saqlang."
        )
    if data.startswith((b"PK", b"MZ", b"\x7fELF", b"%PDF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa")):
        raise PlanReadError(NOT_A_PLAN_FILE)
    decode_text(data)
    return "txt"


def decode_text(data: bytes) -> str:
    """Decode a plain-text plan: UTF-8 (with or without BOM), UTF-16 (with or without BOM), cp1251."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = [_try_decode(data, "utf-16")]
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = [_try_decode(data[3:], "utf-8")]
    else:
        # Without a BOM: UTF-8 first (strict, so binary rarely passes); then UTF-16 as Notepad's "Unicode"
        # saves it; then cp1251, which old Windows editors use for Cyrillic Uzbek. The guesses decode
        # almost any bytes, so they must also read as Latin/Cyrillic text to count.
        candidates = [_try_decode(data, "utf-8")]
        guesses = [_try_decode(data, enc) for enc in ("utf-16-le", "utf-16-be")] if len(data) % 2 == 0 else []
        guesses.append(_try_decode(data, "cp1251"))
        candidates += [text for text in guesses if text is not None and _plausible_script(text)]
    for text in candidates:
        if text is not None and _looks_like_text(text):
            return text
    raise PlanReadError(NOT_A_PLAN_FILE)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_like_text(text: str) -> bool:
    if not text.strip():
        return False
    sample = text[:200_000]
    controls = sum(1 for ch in sample if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cs"))
    # Binary data decoded as cp1251 is ~12 % control characters; real text has essentially none.
    return controls <= len(sample) // 1000


def _plausible_script(text: str) -> bool:
    """At least 95 % of the characters are ASCII, Latin, Cyrillic, Uzbek apostrophes or punctuation."""
    sample = text[:200_000]
    ok = sum(
        1
        for ch in sample
        if ch < "\u0250"
        or "\u02b0" <= ch < "\u0300"
        or "\u0400" <= ch < "\u0530"
        or "\u2000" <= ch < "\u2170"
    )
    return ok >= 0.95 * len(sample)


def check_office(data: bytes) -> FileKind:
    """Validate a ZIP container from its central directory and XML prologs; return "docx" or "xlsx"."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, and NotImplementedError for a version byte damaged to 6.4
        raise PlanReadError(DAMAGED) from exc
    with zf:
        infos = zf.infolist()
        _check_entries(infos)
        kind = _main_kind(zf)
        for info in infos:
            if info.filename.lower().endswith(_XML_SUFFIXES):
                scan_xml(zf, info)
        return kind


def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise PlanReadError(f"Fayl ichida juda ko'p qism bor ({len(infos)}), bu xavfli fayl belgisi.")
    total = 0
    for info in infos:
        name = info.filename
        path = PurePosixPath(name.replace("\\", "/"))
        if name.startswith(("/", "\\")) or ".." in path.parts or (len(name) > 1 and name[1] == ":"):
            raise PlanReadError("Fayl ichida ruxsat etilmagan yo'l bor, bu xavfli fayl belgisi.")
        lower = name.lower()
        if lower.endswith(NESTED_ARCHIVES) or (
            lower.endswith((".docx", ".xlsx", ".docm", ".xlsm")) and not lower.startswith(EMBEDDING_DIRS)
        ):
            raise PlanReadError("Fayl ichida boshqa arxiv joylashgan, bunday fayl qabul qilinmaydi.")
        total += info.file_size
        if total > MAX_UNCOMPRESSED:
            raise PlanReadError(
                f"Fayl ochilganda {_limit(MAX_UNCOMPRESSED)} dan katta bo'ladi, bu xavfli (zip bomba) fayl."
            )
        if info.file_size > MAX_XML_PART and lower.endswith(_XML_SUFFIXES):
            raise PlanReadError(f"Fayl ichidagi {name} qismi {_limit(MAX_XML_PART)} dan katta, bu xavfli.")
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PlanReadError("Fayl g'ayritabiiy darajada siqilgan, bu xavfli (zip bomba) fayl.")


def _main_kind(zf: zipfile.ZipFile) -> FileKind:
    try:
        info = zf.getinfo("[Content_Types].xml")
    except KeyError as exc:
        raise PlanReadError(NOT_A_PLAN_FILE) from exc
    root = _parse_small_xml(zf, info)
    kinds = {
        _MAIN_TYPES[ct]
        for el in root
        if (ct := el.get("ContentType", "")) in _MAIN_TYPES and el.get("PartName")
    }
    if len(kinds) != 1:
        raise PlanReadError(NOT_A_PLAN_FILE)
    return kinds.pop()


def _parse_small_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Element:
    if info.file_size > MB:
        raise PlanReadError(DAMAGED)
    parser = DefusedXMLParser(forbid_dtd=True)
    try:
        parser.feed(zf.read(info))
        root: Element = parser.close()
        return root
    except DefusedXmlException as exc:
        raise PlanReadError(XML_BOMB) from exc
    except Exception as exc:  # zlib, CRC and XML syntax errors all mean a damaged file
        raise PlanReadError(DAMAGED) from exc


class _RootReached(Exception):
    """Raised by the scanning target at the first element: nothing after it can declare entities."""


class _StopAtRoot:
    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _RootReached

    def end(self, tag: str) -> None:
        pass

    def data(self, data: str) -> None:
        pass

    def close(self) -> None:
        pass


def scan_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse an XML part that declares a DTD or entities (billion laughs, external entities).

    A DTD can only stand in the prolog, before the root element, so the part is streamed through
    defusedxml only up to its first element: python-docx/openpyxl then parse a part proven DTD-free.
    """
    parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True)
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_PROLOG_CHUNK):
                parser.feed(chunk)
            parser.close()
    except _RootReached:
        return
    except DefusedXmlException as exc:
        raise PlanReadError(XML_BOMB) from exc
    except Exception as exc:  # zlib, CRC and XML syntax errors all mean a damaged file
        raise PlanReadError(DAMAGED) from exc
