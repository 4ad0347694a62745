"""`make bench`: the scale dataset on PostgreSQL, the app under gunicorn, locust driving each endpoint
in turn for a fixed time, then one table (req/s, latency percentiles, errors, ratio to the baseline)
printed and written to docs/benchmarks.md with the machine described.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/revcare_bench), BENCH_REDIS_URL
(default redis://127.0.0.1:6379/8, emptied at the start), BENCH_SECONDS per endpoint (default 20),
BENCH_USERS (default 8), BENCH_BURST_USERS (64), BENCH_FLOOD_USERS (16: clients posting wrong passwords while
the services list is measured), BENCH_ONLY (comma-separated scenarios: run just those and print, e.g.
BENCH_ONLY=baseline,services_list,services_during_login_flood; docs/benchmarks.md is left alone), BENCH_PORT (8011),
BENCH_THREADS (gunicorn threads per worker; unset: sync workers as docs/deploy.md runs them)."""

import csv
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8011"))
ENDPOINTS = ["baseline", "services_list", "services_search", "service_detail", "customer_bookings",
             "booking_detail", "admin_dashboard", "mechanic_assignments", "booking_create"]
READS = set(ENDPOINTS) - {"baseline", "booking_create"}
# The services list read while BENCH_FLOOD_USERS clients post wrong passwords (issue 15.2).
FLOOD = "services_during_login_flood"
TOKENS = "{}"


def env() -> dict:
    database = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/revcare_bench")
    return {**os.environ, "DATABASE_URL": database, "REVCARE_BENCH": "1", "DJANGO_SETTINGS_MODULE": "revcare.settings",
            "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8"),
              "LOGIN_THROTTLE_NAME": "100000/1m", "LOGIN_THROTTLE_IP": "100000/1m",
            # 64 customers book 40–400 days ahead for the whole run: the load is the slot lock, not the caps.
            "BOOKING_HORIZON_DAYS": "400", "BOOKING_MAX_OPEN_PER_CUSTOMER": "100000",
            "BOOKING_MAX_PER_SLOT_PER_CUSTOMER": "100000"}


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env(), check=True)


def create_database():
    url = env()["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", server, "-qc", f"CREATE DATABASE {name}"], capture_output=True)


def serve():
    workers = str(max(2, (os.cpu_count() or 2) * 2))
    threads = ["--threads", os.environ["BENCH_THREADS"]] if os.environ.get("BENCH_THREADS") else []
    process = subprocess.Popen([PYTHON, "-m", "gunicorn", "revcare.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", workers,
                                *threads, "--log-level", "warning"], cwd=ROOT, env=env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # the request log still runs
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=2)
            return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def tokens() -> str:
    return subprocess.run([PYTHON, "manage.py", "bench_tokens"], cwd=ROOT, env=env(), check=True,
                          capture_output=True, text=True).stdout.strip().splitlines()[-1]


def load(endpoint: str, users: int, seconds: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        prefix = f"{folder}/run"
        subprocess.run([PYTHON, "-m", "locust", "-f", "bench/locustfile.py", "--headless", "-u", str(users),
                        "-r", str(users), "-t", f"{seconds}s", "--host", f"http://127.0.0.1:{PORT}", "--csv", prefix,
                        "--only-summary", "--loglevel", "ERROR"], cwd=ROOT,
                       env={**env(), "BENCH_ENDPOINT": endpoint, "BENCH_TOKENS": TOKENS},
                       check=False, capture_output=True)
        with open(f"{prefix}_stats.csv") as stats:
            row = next(r for r in csv.DictReader(stats)
                       if r["Name"] not in ("(login)", "(setup)", "(flood)", "Aggregated"))
    return {"rps": float(row["Requests/s"]), "p50": float(row["50%"]), "p95": float(row["95%"]),
            "p99": float(row["99%"]), "requests": int(row["Request Count"]), "errors": int(row["Failure Count"])}


def overbooked() -> int:
    query = ("SELECT count(*) FROM (SELECT b.pickup_date, b.pickup_timeslot_id, count(*) n, max(t.capacity) cap "
             "FROM bookings_booking b JOIN garage_timeslot t ON t.id = b.pickup_timeslot_id "
             "WHERE b.status <> 'cancelled' AND b.pickup_date >= current_date + 40 "
             "GROUP BY 1, 2) per_slot WHERE n > cap")
    out = subprocess.run(["psql", env()["DATABASE_URL"], "-Atc", query], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))) // 1024 // 1024
    postgres = subprocess.run(["psql", env()["DATABASE_URL"], "-Atc", "SHOW server_version"], capture_output=True,
                              text=True).stdout.strip()
    return (f"{os.cpu_count()} cores ({cpu}), {memory} GB RAM, Python {platform.python_version()}, "
            f"PostgreSQL {postgres}, Redis (cache and broker; no worker takes the booking emails); "
            "gunicorn, PostgreSQL and locust share the machine")


def main():
    seconds = int(os.environ.get("BENCH_SECONDS", "20"))
    users, burst = int(os.environ.get("BENCH_USERS", "8")), int(os.environ.get("BENCH_BURST_USERS", "64"))
    create_database()
    manage("migrate", "-v0")
    manage("bench_data")
    # Fresh statistics and visibility map after the bulk load, as autovacuum would give a real database.
    subprocess.run(["psql", env()["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)
    subprocess.run(["redis-cli", "-u", env()["REDIS_URL"], "FLUSHDB"], check=True, capture_output=True)
    global TOKENS
    TOKENS = tokens()
    flood_users = int(os.environ.get("BENCH_FLOOD_USERS", "16"))
    only = [name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()]
    server = serve()
    try:
        if only:
            for endpoint in only:
                r = load(endpoint, users + (flood_users if endpoint == FLOOD else 0), seconds)
                print(f"{endpoint}: {r['rps']:.0f} req/s, p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms, "
                      f"p99 {r['p99']:.0f} ms, errors {r['errors']} / {r['requests']}")
            return
        results = {endpoint: load(endpoint, users, seconds) for endpoint in ENDPOINTS}
        results[FLOOD] = load(FLOOD, users + flood_users, seconds)
        bursts = {endpoint: load(endpoint, burst, max(seconds // 2, 10))
                  for endpoint in ("services_list", "admin_dashboard", "booking_create")}
    finally:
        server.terminate()
        server.wait(30)
    base = results["baseline"]["rps"] or 1
    lines = ["| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | vs baseline |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for endpoint, r in results.items():
        lines.append(f"| {endpoint.replace('_', ' ')} | {r['rps']:.0f} | {r['p50']:.0f} | {r['p95']:.0f} | "
                     f"{r['p99']:.0f} | {r['errors']} / {r['requests']} | {r['rps'] / base:.0%} |")
    lines += ["", f"Burst of {burst} concurrent clients:", "",
              "| endpoint | req/s | p95 ms | p99 ms | errors |", "| --- | ---: | ---: | ---: | ---: |"]
    for endpoint, r in bursts.items():
        lines.append(f"| {endpoint.replace('_', ' ')} | {r['rps']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | "
                     f"{r['errors']} / {r['requests']} |")
    checks = [
        ("every read ≥ 50% of the baseline's req/s", all(results[e]["rps"] >= base / 2 for e in READS)),
        ("admin dashboard p95 < 150 ms", results["admin_dashboard"]["p95"] < 150),
        (f"no errors at {users} and {burst} clients",
         all(r["errors"] == 0 for r in [*results.values(), *bursts.values()])),
        ("booking creation never overbooked a slot", overbooked() == 0),
        (f"services list p95 while {flood_users} clients post wrong passwords < 3× its p95 without",
         results[FLOOD]["p95"] < 3 * max(results["services_list"]["p95"], 10)),
    ]
    lines += ["", "Targets:", ""] + [f"- {'met' if ok else '**not met**'}: {what}" for what, ok in checks]
    table = "\n".join(lines)
    print(table)
    doc = ROOT / "docs" / "benchmarks.md"
    text = doc.read_text() if doc.exists() else ""
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    block = (f"{begin}\nMeasured {time.strftime('%Y-%m-%d')} with `make bench` ({seconds} s per endpoint, {users} "
             f"clients; the sign-in flood row adds {flood_users} clients posting wrong passwords; dataset: "
             f"100,000 bookings, 5,000 customers, 200 services). Machine: {machine()}.\n\n"
             f"{table}\n{end}")
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end):] if begin in text else text + block
    doc.write_text(text)


if __name__ == "__main__":
    main()
