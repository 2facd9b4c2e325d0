"""``ishreja parseplan`` as a person runs it in a terminal: JSON out, one clear line on bad input."""

import json
import os
import subprocess
import sys

import docx
import pytest

from ishreja.plans.tests.conftest import SEED_2026


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "-m", "ishreja", "parseplan", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_it_prints_the_plan_as_json_and_exits_zero_despite_findings(tmp_path):
    path = tmp_path / "reja.txt"
    path.write_bytes(SEED_2026.read_bytes())
    result = _run(str(path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "ishreja.plan/1" and data["year"] == 2026 and data["findings"]


def test_it_writes_a_docx_that_opens(tmp_path):
    path, out = tmp_path / "reja.txt", tmp_path / "reja.docx"
    path.write_bytes(SEED_2026.read_bytes())
    assert _run(str(path), "--format", "docx", "-o", str(out)).returncode == 0
    assert any("ISH REJASI" in p.text for p in docx.Document(str(out)).paragraphs)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bo'sh.txt", b"", "bo'sh"),
        ("dastur.docx", b"MZ\x90\x00" + b"\x00" * 4000, "emas"),
        ("xat.txt", b"Hurmatli hamkasblar, yig'ilish ertaga.\n", "topilmadi"),
        ("katta.txt", None, "10 MB"),
        ("yo'q.txt", "missing", "topilmadi"),
    ],
)
def test_it_refuses_bad_input_with_one_clear_line_and_no_traceback(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is None:
        with path.open("wb") as fh:  # 50 MB, sparse: the size alone must refuse it
            fh.truncate(50 * 1024 * 1024)
    elif content != "missing":
        path.write_bytes(content)
    result = _run(str(path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0], result.stderr
