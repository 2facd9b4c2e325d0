"""Hostile and broken uploads: each is refused with PlanReadError, within 2 s and 256 MB.

Every hostile file is read in a fresh subprocess through ``api.read_plan_path`` so that the time and the
peak memory (``VmHWM``) measured are those of refusing that one file.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ishreja.plandoc import safety
from ishreja.plandoc.errors import PlanReadError
from ishreja.plandoc.tests import builders

CHILD = """
import json, sys, time
from ishreja.plandoc import api
from ishreja.plandoc.errors import PlanReadError
start = time.perf_counter()
try:
    api.read_plan_path(sys.argv[1])
    outcome, message = "accepted", ""
except PlanReadError as exc:
    outcome, message = "refused", str(exc)
except BaseException as exc:
    outcome, message = "crashed", repr(exc)
seconds = time.perf_counter() - start
# VmHWM belongs to this address space; ru_maxrss would also count the forking pytest process, whose
# high-water mark Linux carries across execve.
with open("/proc/self/status") as status:
    hwm = next(line for line in status if line.startswith("VmHWM:"))
peak_mb = int(hwm.split()[1]) / 1024
print(json.dumps({"outcome": outcome, "message": message, "seconds": seconds, "peak_mb": peak_mb}))
"""


def _refuse_in_child(path: Path) -> dict[str, object]:
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _docx_bomb() -> bytes:
    return builders.zip_bomb(builders.typed_plan_docx(), "word/document.xml", gigabytes=1.1)


def _xlsx_bomb() -> bytes:
    return builders.zip_bomb(builders.typed_plan_xlsx(), "xl/worksheets/sheet1.xml", gigabytes=1.1)


def _docx_laughs() -> bytes:
    return builders.replace_part(builders.typed_plan_docx(), "word/document.xml", builders.BILLION_LAUGHS)


def _xlsx_laughs() -> bytes:
    laughs = builders.BILLION_LAUGHS.replace(b"w:document", b"worksheet")
    return builders.replace_part(builders.typed_plan_xlsx(), "xl/worksheets/sheet1.xml", laughs)


def _xlsx_external_entity() -> bytes:
    return builders.replace_part(
        builders.typed_plan_xlsx(), "xl/worksheets/sheet1.xml", builders.EXTERNAL_ENTITY
    )


def _executable() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(
        random.Random(1).randbytes(4000)
    )


def _elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + random.Random(2).randbytes(4000)


def _random_bytes() -> bytes:
    return random.Random(3).randbytes(20_000)


def _traversal() -> bytes:
    return builders.replace_part(builders.typed_plan_docx(), "../../evil.sh", b"rm -rf /")


def _nested_zip() -> bytes:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("a.txt", "a")
    return builders.replace_part(builders.typed_plan_docx(), "word/media/x.zip", inner.getvalue())


def _many_entries() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(builders.typed_plan_docx())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for i in range(safety.MAX_ENTRIES + 1):
            dst.writestr(f"customXml/item{i}.bin", b"")
    return out.getvalue()


def _odt_like() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


HOSTILE: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "docx zip bomb": ("plan.docx", _docx_bomb, "zip bomba"),
    "xlsx zip bomb": ("plan.xlsx", _xlsx_bomb, "zip bomba"),
    "docx billion laughs": ("plan.docx", _docx_laughs, "DTD/ENTITY"),
    "xlsx billion laughs": ("plan.xlsx", _xlsx_laughs, "DTD/ENTITY"),
    "xlsx external entity": ("plan.xlsx", _xlsx_external_entity, "DTD/ENTITY"),
    "renamed executable": ("plan.docx", _executable, "emas"),
    "ELF binary": ("plan.txt", _elf, "emas"),
    "random bytes": ("plan.docx", _random_bytes, "emas"),
    "empty file": ("plan.docx", lambda: b"", "bo'sh"),
    "path traversal in zip": ("plan.docx", _traversal, "yo'l"),
    "nested zip": ("plan.docx", _nested_zip, "arxiv"),
    "too many zip entries": ("plan.docx", _many_entries, "ko'p qism"),
    "OpenDocument": ("plan.odt", _odt_like, "emas"),
    "docx without a plan table": ("plan.docx", builders.no_plan_docx, "topilmadi"),
    "xlsx without a plan table": (
        "plan.xlsx",
        lambda: builders.typed_plan_xlsx(with_table=False),
        "topilmadi",
    ),
    "old binary Word": ("plan.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, ".docx"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_file_is_refused_fast_and_small(case: str, tmp_path: Path) -> None:
    name, build, words = HOSTILE[case]
    path = tmp_path / name
    path.write_bytes(build())
    result = _refuse_in_child(path)
    assert result["outcome"] == "refused", result
    assert words in str(result["message"]), result
    assert float(str(result["seconds"])) < 2.0, result
    assert float(str(result["peak_mb"])) < 256, result


def test_a_50_mb_file_is_refused_by_its_size_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    with path.open("wb") as fh:
        fh.truncate(50 * safety.MB)  # sparse: 50 MB by size, no disk or memory spent
    result = _refuse_in_child(path)
    assert result["outcome"] == "refused"
    assert result["message"] == "Fayl hajmi 10 MB dan katta: 50,0 MB."
    assert float(str(result["seconds"])) < 2.0 and float(str(result["peak_mb"])) < 256


def test_a_large_stream_is_refused_after_reading_just_past_the_limit() -> None:
    class Endless(io.RawIOBase):
        read_total = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            n = len(buffer)
            buffer[:n] = b"\0" * n
            self.read_total += n
            return n

    stream = Endless()
    with pytest.raises(PlanReadError, match="10 MB dan katta"):
        safety.read_limited(io.BufferedReader(stream), 10 * safety.MB)
    assert stream.read_total < 11 * safety.MB


def test_upload_stream_is_read_through_the_size_guard() -> None:
    from ishreja.plandoc import api

    with pytest.raises(PlanReadError, match="10 MB dan katta"):
        api.read_plan_stream(io.BytesIO(b"\0" * (11 * safety.MB)), "plan.docx")
    doc = api.read_plan_stream(io.BytesIO(builders.typed_plan_docx()), "plan.docx")
    assert doc.year == 2026


def test_size_message_for_bytes_given_directly() -> None:
    with pytest.raises(PlanReadError, match=r"^Fayl hajmi 10 MB dan katta: 12,5 MB\.$"):
        safety.sniff(b"\0" * int(12.5 * safety.MB))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"Nomi\tMuddati\n1.\tKitob\n", "txt"),
        ("\ufeffNomi\tMuddati\n".encode(), "txt"),
        ("Номи\tМуддати\n".encode("utf-16"), "txt"),
        ("Номи\tМуддати\n".encode("utf-16-le"), "txt"),
        ("Номи\tМуддати\n".encode("cp1251"), "txt"),
    ],
)
def test_text_encodings_are_accepted(data: bytes, kind: str) -> None:
    assert safety.sniff(data) == kind
    assert "\t" in safety.decode_text(data)


def test_office_files_are_told_apart_by_content() -> None:
    assert safety.sniff(builders.typed_plan_docx()) == "docx"
    assert safety.sniff(builders.typed_plan_xlsx()) == "xlsx"


def test_embedded_workbook_in_a_docx_is_allowed() -> None:
    data = builders.replace_part(
        builders.typed_plan_docx(),
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
        builders.typed_plan_xlsx(),
    )
    assert safety.sniff(data) == "docx"
