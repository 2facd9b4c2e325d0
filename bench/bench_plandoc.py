"""Benchmarks the plan document core: median times to read and write each seed plan, against targets.

Run by ``make bench``. Prints a table (median wall ms over N runs, median CPU ms, which a loaded machine
does not inflate, and the ratio to an in-process baseline, so numbers from different machines compare)
and writes bench/out/plandoc.json. Exits 1 when the 2026 plan misses a target (median wall time):
read < 50 ms, .docx write < 300 ms, .pdf write < 2 s.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ishreja.plandoc import api, jsonio  # noqa: E402

SEEDS = {
    "2024": ROOT / "ishreja/plandoc/tests/seeds/000_a6982a61a53db08a.txt",
    "2026": ROOT / "ishreja/plandoc/tests/seeds/001_544bea1e7323bf63.txt",
}
RUNS_FAST, RUNS_PDF = 20, 5
TARGETS_MS = {("2026", "read .txt"): 50.0, ("2026", "write .docx"): 300.0, ("2026", "write .pdf"): 2000.0}


def medians_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time in ms; CPU time tells a loaded machine from a slow change."""
    fn()  # warm-up: imports, font discovery and caches are not what is measured
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def bench_plan(year: str, path: Path) -> list[dict[str, object]]:
    """The medians for one seed: reading it as text, as our .docx/.xlsx exports, and writing each format."""
    data = path.read_bytes()
    doc = api.read_plan(data, path.name)
    plan_dict = jsonio.to_dict(doc)
    # Baseline: serialising the same plan to JSON, a pure-Python cost that scales with the machine.
    baseline, _ = medians_ms(lambda: json.dumps(plan_dict, ensure_ascii=False), RUNS_FAST)
    docx_bytes = api.write_plan(doc, "docx")
    xlsx_bytes = api.write_plan(doc, "xlsx")
    cases: list[tuple[str, Callable[[], object], int]] = [
        ("read .txt", lambda: api.read_plan(data, "plan.txt"), RUNS_FAST),
        ("read .docx", lambda: api.read_plan(docx_bytes, "plan.docx"), RUNS_FAST),
        ("read .xlsx", lambda: api.read_plan(xlsx_bytes, "plan.xlsx"), RUNS_FAST),
        ("write .docx", lambda: api.write_plan(doc, "docx"), RUNS_FAST),
        ("write .xlsx", lambda: api.write_plan(doc, "xlsx"), RUNS_FAST),
        ("write .pdf", lambda: api.write_plan(doc, "pdf"), RUNS_PDF),
    ]
    rows: list[dict[str, object]] = []
    for name, fn, runs in cases:
        ms, cpu_ms = medians_ms(fn, runs)
        target = TARGETS_MS.get((year, name))
        rows.append(
            {
                "plan": year,
                "case": name,
                "runs": runs,
                "median_ms": round(ms, 2),
                "median_cpu_ms": round(cpu_ms, 2),
                "baseline_ms": round(baseline, 3),
                "ratio": round(ms / baseline, 1),
                "target_ms": target,
                "ok": target is None or ms < target,
            }
        )
    return rows


def main() -> int:
    rows = [row for year, path in SEEDS.items() for row in bench_plan(year, path)]
    failed = not all(r["ok"] for r in rows)
    print(
        f"{'plan':<5} {'case':<12} {'median ms':>10} {'cpu ms':>8} {'x baseline':>11} {'target ms':>10}  ok"
    )
    for r in rows:
        shown = "" if r["target_ms"] is None else f"{r['target_ms']:.0f}"
        print(
            f"{r['plan']:<5} {r['case']:<12} {r['median_ms']:>10.1f} {r['median_cpu_ms']:>8.1f}"
            f" {r['ratio']:>11.1f} {shown:>10}"
            f"  {'yes' if r['ok'] else 'NO'}"
        )
    print(f"baseline: json.dumps of the plan dict ({rows[0]['baseline_ms']} ms for the 2024 plan)")
    out = ROOT / "bench/out/plandoc.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"results": rows, "targets_met": not failed}, indent=2), encoding="utf-8")
    print(f"written {out.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
