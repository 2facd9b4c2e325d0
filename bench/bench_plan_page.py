"""Plan page under load: 20 concurrent users on PostgreSQL against a real server (gunicorn).

Measures, in one run and against one server, a trivial view (/health/: one SELECT 1) and the plan page of
Jondor's real 2026 plan, each with 20 concurrent clients: closed loop (every user asks again as soon as
the answer comes: the server's throughput) and with a think time of 0.5-1.5 s (people reading the page:
the latency they see). Reports medians, p95 and the throughput ratio plan page / trivial view.
Run with `make bench`; needs the PostgreSQL server of these machines (BENCH_DATABASE_URL to change it).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DB = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ishreja_pagebench")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
USERS = 20
SECONDS = float(os.environ.get("BENCH_SECONDS", "12"))
SEED = ROOT / "ishreja" / "plans" / "demo_data" / "jondor-2026.txt"


def server_env(static_root: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env | {
        "DATABASE_URL": DB,
        "DEBUG": "0",
        "SECURE_SSL": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "bench-" + "x9Qm2Lp7Rt4Vw8Zc1Nb5Hd3Jf6Kg0Sa" * 2,
        "STATIC_ROOT": static_root,
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
    }


def prepare(env: dict[str, str]) -> None:
    import psycopg

    name = DB.rsplit("/", 1)[1]
    with psycopg.connect(DB.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    for args in (["migrate", "-v0"], ["loaddemo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([BIN / "ishreja", *args], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [BIN / "ishreja", "importplan", str(SEED), "--centre", "1706246"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_server(env: dict[str, str]) -> subprocess.Popen[bytes]:
    workers = str(2 * (os.cpu_count() or 2) + 1)
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "ishreja.wsgi:application",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            workers,
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/health/")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def login(username: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    conn.request("GET", "/login/")
    response = conn.getresponse()
    html = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert csrf_cookie and token
    body = f"username={username}&password=ishreja-demo&csrfmiddlewaretoken={token.group(1)}"
    conn.request(
        "POST",
        "/login/",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf_cookie.group(1)}"},
    )
    response = conn.getresponse()
    response.read()
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie") or "")
    assert session, "login failed"
    return f"sessionid={session.group(1)}"


def load(path: str, cookie: str, think: tuple[float, float] | None) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + SECONDS

    def user(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            took = time.perf_counter() - start
            with lock:
                latencies.append(took)
                errors += response.status != 200
            if think:
                time.sleep(rng.uniform(*think))

    started = time.perf_counter()
    threads = [threading.Thread(target=user, args=(i,)) for i in range(USERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
    }


def main() -> int:
    static_root = tempfile.mkdtemp(prefix="ishreja-static-")
    env = server_env(static_root)
    prepare(env)
    server = start_server(env)
    try:
        cookie = login("jondor-direktor")
        conn = http.client.HTTPConnection("127.0.0.1", PORT)
        conn.request("GET", "/api/v1/plans/", headers={"Cookie": cookie})
        plans = json.loads(conn.getresponse().read())["plans"]
        plan_id = next(p["id"] for p in plans if p["year"] == 2026)
        page = f"/plans/{plan_id}/"
        load(page, cookie, None)  # warm-up: templates compiled, connections open in every worker
        results = {
            "trivial_closed": load("/health/", cookie, None),
            "plan_closed": load(page, cookie, None),
            "plan_think": load(page, cookie, (0.5, 1.5)),
        }
    finally:
        server.terminate()
        server.wait()
    ratio = results["plan_closed"]["rps"] / results["trivial_closed"]["rps"]
    print(
        f"{USERS} concurrent users, {SECONDS:.0f} s each, gunicorn {2 * (os.cpu_count() or 2) + 1} workers, "
        f"PostgreSQL, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'scenario':<34}{'requests':>9}{'req/s':>8}{'median ms':>11}{'p95 ms':>9}{'errors':>8}")
    for name, r in results.items():
        print(
            f"{name:<34}{r['requests']:>9.0f}{r['rps']:>8.1f}{r['median_ms']:>11.1f}{r['p95_ms']:>9.1f}{r['errors']:>8.0f}"
        )
    print(f"throughput ratio plan page / trivial view: {ratio:.3f} (target >= 0.1)")
    print(f"plan page p95 with 20 users reading: {results['plan_think']['p95_ms']:.0f} ms (target < 150 ms)")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "plan_page.json").write_text(json.dumps(results | {"ratio": ratio}, indent=2))
    ok = (
        ratio >= 0.1
        and results["plan_think"]["p95_ms"] < 150
        and not any(r["errors"] for r in results.values())
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
