"""A dashboard filter's first drawing with a worker: how long its visitor's page takes, and how long
until the worker has drawn its charts (issue 13).

Usage: python bench/first_drawing.py [--database newsdesk_archive] [--broker redis://127.0.0.1:6379/6]
       [--repeat 3]

On the archive ``bench/make_archive.py`` builds, with a Celery worker (one pool process, production
settings) consuming the run's own Redis database (flushed; database 0 is refused) and sharing the
cache in the next one: for the busiest
country, the busiest official and the whole archive, every chart is forgotten (what beat keeps
otherwise is computed first, as beat would), then the dashboard
is asked as a visitor asks it (Django's test client in this process, a broker configured, so the
page asks the worker for charts never drawn for its filter) and asked again every 0.5 s until it
shows its charts. Printed: the first page's server time, and the seconds until the charts were there.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
TIMEOUT = 120.0
# How often the page is asked again while the worker draws (a browser reloads it every 3 s; each ask
# renders the page in this process, on the cores the worker draws on).
POLL_SECONDS = 0.5


def environment(database: str, broker: str, static_root: str) -> dict[str, str]:
    parts = urlsplit(broker)
    cache_url = parts._replace(path=f"/{int(parts.path.strip('/')) + 1}").geturl()  # the next database
    return {
        **{k: v for k, v in os.environ.items() if k not in {"CELERY_BROKER_URL", "REDIS_URL", "CACHE_URL"}},
        "DATABASE_URL": f"{PG}/{database}",
        "CELERY_BROKER_URL": broker,
        "CACHE_URL": cache_url,  # emptied before each measure: never the broker's
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        "STATIC_ROOT": static_root,  # production settings serve collected, hashed files
        "LOG_LEVEL": "WARNING",
    }


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "newsdesk",
        "worker",
        "--concurrency=1",
        "-Q",
        "celery,sweep",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "-n",
        f"first-drawing-{os.getpid()}@%h",
    ]
    with log.open("w", encoding="utf-8") as out:
        worker = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**env, "LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"},
            stdout=out,
            stderr=out,
        )
    deadline = time.monotonic() + 60
    while " ready." not in log.read_text(encoding="utf-8", errors="replace"):
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            sys.exit(f"the worker did not start; see {log}")
        time.sleep(0.2)
    return worker


def forget_charts(cache_url: str) -> None:
    """No chart drawn for any filter (what else the cache keeps, as beat keeps it, stays)."""
    import redis

    client = redis.Redis.from_url(cache_url)
    for key in client.scan_iter("*meetings:chart:*"):
        client.delete(key)


def measure(client, path: str) -> tuple[float, float]:
    """(server ms of the first page, seconds until the page shows its charts)."""
    forget_charts(os.environ["CACHE_URL"])
    started = time.perf_counter()
    first = client.get(path, secure=True)  # production settings: HTTPS only
    first_ms = (time.perf_counter() - started) * 1000
    if first.status_code != 200:
        sys.exit(f"{path}: HTTP {first.status_code}")
    page = first.content.decode()
    while "<svg" not in page:
        if time.perf_counter() - started > TIMEOUT:
            sys.exit(f"{path}: no charts after {TIMEOUT:.0f} s")
        time.sleep(POLL_SECONDS)
        page = client.get(path, secure=True).content.decode()
    return first_ms, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="newsdesk_archive")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if (urlsplit(args.broker).path or "/0").strip("/") in {"", "0"}:
        sys.exit("--broker: a Redis database of the bench's own (not 0) is needed")
    static_root = tempfile.mkdtemp(prefix="first-drawing-static-")
    env = environment(args.database, args.broker, static_root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    import redis
    from django.db import connection
    from django.test import Client

    redis.Redis.from_url(args.broker).flushdb()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT country FROM meetings_participant WHERE side = 'counterpart' AND country <> '' "
            "GROUP BY country ORDER BY count(*) DESC LIMIT 1"
        )
        [country] = cursor.fetchone()
        cursor.execute(
            "SELECT person_id FROM meetings_participant WHERE side = 'kz' AND person_id IS NOT NULL "
            "GROUP BY person_id ORDER BY count(*) DESC LIMIT 1"
        )
        [official] = cursor.fetchone()
    paths = {
        "dashboard ?country (busiest)": f"/dashboard/?country={country}",
        "dashboard ?person (busiest)": f"/dashboard/?person={official}",
        "dashboard (whole archive)": "/dashboard/",
    }
    from meetings.selectors import warm
    from newsdesk.celery import app

    warm.refresh()  # the choice lists and index pages, as beat keeps them
    with app.producer_or_acquire() as producer:  # a web process's broker connection, made once
        producer.connection.ensure_connection()
    worker = start_worker(env, ROOT / "artifacts" / "bench-first-drawing" / "worker.log")
    try:
        client = Client()
        print(f"{'filter':<32}{'first page ms':>15}{'charts there s':>16}   (medians of {args.repeat})")
        for label, path in paths.items():
            runs = [measure(client, path) for _ in range(args.repeat)]
            page_ms = statistics.median(ms for ms, _ in runs)
            drawn_s = statistics.median(s for _, s in runs)
            print(f"{label:<32}{page_ms:>15.0f}{drawn_s:>16.1f}")
    finally:
        worker.terminate()
        worker.wait(timeout=30)


if __name__ == "__main__":
    main()
