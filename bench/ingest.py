"""Ingestion through Celery: stored bulletins extracted by real worker processes, against the engine alone.

Usage: python bench/ingest.py [--bulletins 600] [--workers 1,2] [--concurrency 1] [--repeat 1]
       [--corpus bench/real-dev] [--db newsdesk_ingest] [--broker redis://127.0.0.1:6379/5]
       [--queries 48] [--blas-comparison] [--no-engine]

1. A scratch PostgreSQL database (``--db`` on ``BENCH_PG``'s server, dropped, created and migrated)
   and a Redis database of the run's own (``--broker``, flushed; database 0 is refused: it is the
   shared one).
2. Queries per bulletin: ``--queries`` bulletins stored and extracted in this process in batches of
   ``EXTRACTION_BATCH_SIZE`` (``records.extract_and_save_batch``, as the task runs them) under
   ``CaptureQueriesContext``, once while their people are new and once more, as copies, once they
   are known.
3. Then, for each worker count of ``--workers`` (``--repeat`` rounds of them, alternating), on a fresh
   database:

   a. ``--bulletins`` bulletins stored through ``newsdesk.services.store_bulletins``: the corpus's
      ``*.txt`` files repeated, each round with a suffix line (``[копия N]``) so its SHA-256
      differs; their extraction messages wait in Redis.
   b. The engine alone on exactly the stored texts, in a process of its own with one BLAS thread
      (as the workers have): models loaded, ten texts of warm-up, then
      ``meetings.extraction.extract`` on each text once. Measured right before the workers, so both
      see the same machine (its two cores are shared with whatever else runs).
   c. That many ``celery -A newsdesk worker --concurrency C`` commands (C = ``--concurrency``,
      default 1: a worker process per core is how the README scales out, on one host or several;
      ``--workers 1 --concurrency 2`` is the single prefork worker with two pool processes), with
      production settings (DEBUG off). They start on an idle queue; once every pool process has
      loaded the models, one broadcast (``add_consumer``) makes them all take the extraction queue
      at the same moment, so start-up is not counted. The bench polls until every bulletin is
      ``done`` or ``failed``, sampling the pool processes' memory and the CPU time of the workers and
      of the PostgreSQL backends serving them.

``--blas-comparison`` also runs the engine alone once with OpenBLAS's default threads (one per core).

Printed: bulletins/s of ingestion and of the engine alone, their ratio, two workers against one,
the pool processes' resident memory when ready and at peak, CPU milliseconds per bulletin of each
kind of process, and queries per bulletin. Worker logs: ``artifacts/bench-ingest/``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CORPUS = ROOT / "bench" / "real-dev"
ARTIFACTS = ROOT / "artifacts" / "bench-ingest"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/5")
IDLE_QUEUE = "bench-ingest-idle"
BLAS_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
START_TIMEOUT = 120.0
RUN_TIMEOUT = 1800.0


# ---- the engine alone (a process of its own) --------------------------------------------------------


def engine_alone(texts_file: str) -> None:
    """Child mode: time ``extract`` on every text of ``texts_file``; print one JSON line."""
    import resource

    sys.path.insert(0, str(ROOT))
    from meetings.extraction import extract, load_pipeline

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    started = time.perf_counter()
    load_pipeline()
    load = time.perf_counter() - started
    for text in texts[:10]:  # warm-up
        extract(text, aliases={})
    started, cpu_started = time.perf_counter(), time.process_time()
    for text in texts:
        extract(text, aliases={})
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        json.dumps(
            {
                "bulletins_s": len(texts) / elapsed,
                "seconds": elapsed,
                "cpu_ms": cpu * 1000 / len(texts),
                "load_s": load,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def measure_engine(texts: list[str], *, one_blas_thread: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in BLAS_VARIABLES}
    if one_blas_thread:
        env.update(dict.fromkeys(BLAS_VARIABLES, "1"))
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(texts, handle, ensure_ascii=False)
    try:
        out = subprocess.run(
            [PYTHON, __file__, "--engine-alone", handle.name],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(handle.name)
    return json.loads(out.strip().splitlines()[-1])


# ---- the scratch database and broker ----------------------------------------------------------------


def check_broker(url: str) -> None:
    parts = urlsplit(url)
    database = (parts.path or "/0").lstrip("/") or "0"
    if parts.scheme not in {"redis", "rediss"} or database == "0":
        sys.exit(f"--broker {url}: a Redis URL with a database of the bench's own (not 0) is needed")


def build(db: str, broker: str) -> None:
    import redis

    redis.Redis.from_url(broker).flushdb()
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--verbosity", "0"],
        cwd=ROOT,
        env={
            **base_env(),
            "DATABASE_URL": f"{PG}/{db}",
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
            "LOG_LEVEL": "WARNING",
        },
        check=True,
    )


def base_env() -> dict[str, str]:
    """This environment without broker, cache and database addresses (each run sets its own); other
    settings (``CELERY_WORKER_PREFETCH_MULTIPLIER=4``, ``OPENBLAS_NUM_THREADS=2``...) reach the workers."""
    return {
        k: v
        for k, v in os.environ.items()
        if k not in {"CELERY_BROKER_URL", "REDIS_URL", "CACHE_URL", "DATABASE_URL"}
    }


def django_setup(db: str, broker: str) -> None:
    """Django in this process against the scratch database, publishing to the run's broker."""
    env = base_env()
    os.environ.clear()
    os.environ.update(env)
    os.environ.update(
        DATABASE_URL=f"{PG}/{db}",
        CELERY_BROKER_URL=broker,
        CACHE_URL=broker,
        DJANGO_SETTINGS_MODULE="newsdesk.settings",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# ---- bulletins ----------------------------------------------------------------------------------------


def corpus_files(corpus: Path) -> list[tuple[str, bytes]]:
    files = sorted(corpus.glob("*.txt"))
    if not files:
        sys.exit(f"no bulletins in {corpus}")
    return [(path.name, path.read_bytes()) for path in files]


def copies(files: list[tuple[str, bytes]], count: int, *, mark: str):
    """``count`` uploads: the files in turn, round N with the line ``[копия MARK-N]`` appended."""
    from newsdesk.intake import decode

    for index in range(count):
        name, data = files[index % len(files)]
        round_ = index // len(files)
        text, _ = decode(name, data)  # UTF-8, with a BOM or Windows-1251: uploaded again as UTF-8
        yield f"{mark}{round_}-{name}", (text.rstrip() + f"\n[копия {mark}-{round_}]\n").encode("utf-8")


def store(files) -> list[int]:
    from newsdesk import services

    outcomes = services.store_bulletins(files=files)
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        sys.exit(f"refused: {failed[:3]}")
    return [pk for outcome in outcomes for pk in outcome.bulletin_ids]


# ---- queries per bulletin -----------------------------------------------------------------------------


def count_queries(ids: list[int]) -> dict:
    """Extract ``ids`` in this process as a worker does (batches of ``EXTRACTION_BATCH_SIZE``),
    counting the statements of each batch."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings.models import Meeting, Participant
    from meetings.services import records

    size = settings.EXTRACTION_BATCH_SIZE
    per_batch = []
    kinds: Counter[str] = Counter()
    for first in range(0, len(ids), size):
        batch = ids[first : first + size]
        with CaptureQueriesContext(connection) as captured:
            records.extract_and_save_batch([(bulletin_id, str(uuid.uuid4())) for bulletin_id in batch])
        per_batch.append(len(captured.captured_queries))
        for query in captured.captured_queries:
            sql = query["sql"].lstrip()
            kinds[sql.split(None, 1)[0].upper() if sql else "?"] += 1
    meetings = Meeting.objects.filter(bulletin_id__in=ids).count()
    participants = Participant.objects.filter(meeting__bulletin_id__in=ids).count()
    return {
        "bulletins": len(ids),
        "batch_size": size,
        "mean": sum(per_batch) / len(ids),
        "batch_median": statistics.median(per_batch),
        "batch_max": max(per_batch),
        "meetings_per_bulletin": meetings / len(ids),
        "participants_per_bulletin": participants / len(ids),
        "kinds": {kind: count / len(ids) for kind, count in kinds.most_common()},
    }


# ---- workers ------------------------------------------------------------------------------------------


def start_worker(index: int, *, db: str, broker: str, concurrency: int) -> tuple[subprocess.Popen, Path]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"worker-{index}.log"
    env = {
        **base_env(),
        "DATABASE_URL": f"{PG}/{db}",
        "CELERY_BROKER_URL": broker,
        "CACHE_URL": broker,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "INFO",  # the log says when each pool process has loaded the models
        # Production settings: with DEBUG on, Django records every query of a worker process.
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
    }
    command = [
        PYTHON,
        "-m",
        "celery",
        "-A",
        "newsdesk",
        "worker",
        "--loglevel=INFO",
        f"--concurrency={concurrency}",
        "--pool=prefork",
        "-Q",
        IDLE_QUEUE,
        "-n",
        f"ingest{index}-{uuid.uuid4().hex[:6]}@%h",
    ]
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process, log_path


def stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=30)


def wait_ready(workers: list[tuple[subprocess.Popen, Path]], concurrency: int) -> None:
    """Every worker ready and each of its pool processes done loading the models."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        done = 0
        for process, log_path in workers:
            if process.poll() is not None:
                sys.exit(f"a worker exited while starting; see {log_path}")
            text = log_path.read_text(encoding="utf-8", errors="replace")
            if " ready." in text and text.count("extraction models loaded") >= concurrency:
                done += 1
        if done == len(workers):
            return
        time.sleep(0.1)
    sys.exit(f"workers not ready after {START_TIMEOUT:.0f} s; see {ARTIFACTS}")


class Sampler:
    """Resident memory of each pool process and CPU seconds of the workers' processes and of the
    PostgreSQL backends serving the scratch database, sampled while the run goes on (a process
    that appears mid-run, a replaced pool process or a reopened connection, counts from zero)."""

    KINDS = ("worker main", "pool", "postgres")

    def __init__(self, workers: list[tuple[subprocess.Popen, Path]], db: str) -> None:
        self.workers = workers
        self.db = db
        self.first: dict[tuple[str, int], float] = {}
        self.last: dict[tuple[str, int], float] = {}
        self.rss: dict[int, list[float]] = {}

    def processes(self):
        import psutil
        from django.db import connection

        for process, _ in self.workers:
            with contextlib.suppress(psutil.Error):
                main = psutil.Process(process.pid)
                yield "worker main", main
                for child in main.children(recursive=False):
                    yield "pool", child
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.db]
            )
            backends = [pid for (pid,) in cursor.fetchall()]
        for pid in backends:
            with contextlib.suppress(psutil.Error):
                yield "postgres", psutil.Process(pid)

    def sample(self, *, initial: bool = False) -> None:
        import psutil

        for kind, process in self.processes():
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                key = (kind, process.pid)
                self.last[key] = times.user + times.system
                self.first.setdefault(key, self.last[key] if initial else 0.0)
                if kind == "pool":
                    self.rss.setdefault(process.pid, []).append(process.memory_info().rss / 2**20)

    def cpu(self) -> dict[str, float]:
        totals = dict.fromkeys(self.KINDS, 0.0)
        for (kind, pid), used in self.last.items():
            totals[kind] += used - self.first[(kind, pid)]
        return totals


def run_workers(ids: list[int], *, db: str, broker: str, count: int, concurrency: int) -> dict:
    from newsdesk.celery import app
    from newsdesk.models import Bulletin, ExtractionState

    workers = [start_worker(i, db=db, broker=broker, concurrency=concurrency) for i in range(count)]
    sampler = Sampler(workers, db)
    try:
        launched = time.monotonic()
        wait_ready(workers, concurrency)
        startup = time.monotonic() - launched
        sampler.sample(initial=True)
        pending = Bulletin.objects.filter(pk__in=ids).exclude(
            state__in=[ExtractionState.DONE, ExtractionState.FAILED]
        )
        started = time.monotonic()
        app.control.add_consumer(app.conf.task_default_queue, reply=False)
        deadline = started + RUN_TIMEOUT
        while pending.exists():
            sampler.sample()
            if time.monotonic() > deadline:
                sys.exit(f"not done after {RUN_TIMEOUT:.0f} s: {states(ids)}")
            if any(process.poll() is not None for process, _ in workers):
                sys.exit(f"a worker died; see {ARTIFACTS}")
            time.sleep(0.1)
        elapsed = time.monotonic() - started
        sampler.sample()
        done = Bulletin.objects.filter(pk__in=ids, state=ExtractionState.DONE)
        finished = sorted(done.values_list("state_changed_at", flat=True))
    finally:
        for process, _ in workers:
            stop_worker(process)
    span = (finished[-1] - finished[0]).total_seconds() if len(finished) > 1 else 0.0
    return {
        "bulletins_s": len(ids) / elapsed,
        "seconds": elapsed,
        "steady_bulletins_s": (len(finished) - 1) / span if span else 0.0,
        "startup_s": startup,
        "states": states(ids),
        "start_rss_mb": [values[0] for values in sampler.rss.values()],
        "peak_rss_mb": [max(values) for values in sampler.rss.values()],
        "cpu_ms": {kind: seconds * 1000 / len(ids) for kind, seconds in sampler.cpu().items()},
    }


def states(ids: list[int]) -> dict[str, int]:
    from newsdesk.models import Bulletin

    return dict(Counter(Bulletin.objects.filter(pk__in=ids).values_list("state", flat=True)))


# ---- the report ---------------------------------------------------------------------------------------


def print_queries(label: str, figures: dict) -> None:
    kinds = ", ".join(f"{kind} {count:.1f}" for kind, count in figures["kinds"].items())
    print(
        f"queries per bulletin ({label}, {figures['bulletins']} bulletins in batches of "
        f"{figures['batch_size']}, {figures['meetings_per_bulletin']:.2f} meetings and "
        f"{figures['participants_per_bulletin']:.2f} participants each): mean {figures['mean']:.2f} "
        f"({kinds}); a batch: median {figures['batch_median']:.0f}, max {figures['batch_max']} statements"
    )


def print_runs(runs: list[dict], concurrency: int) -> None:
    print(
        f"{'workers x concurrency':<22}{'celery b/s':>11}{'engine b/s':>11}{'ratio':>7}"
        f"{'pool RSS ready/peak MB':>24}  CPU ms per bulletin: engine; worker main, pool, postgres"
    )
    for run in runs:
        ingest = run["ingest"]
        engine = run["engine"] or {"bulletins_s": float("nan"), "cpu_ms": float("nan")}
        rss = f"{max(ingest['start_rss_mb']):.0f}/{max(ingest['peak_rss_mb']):.0f}"
        cpu = ", ".join(f"{ms:.1f}" for ms in ingest["cpu_ms"].values())
        rate, engine_rate = ingest["bulletins_s"], engine["bulletins_s"]
        print(
            f"{run['workers']} x {concurrency:<18}{rate:>11.1f}{engine_rate:>11.1f}{rate / engine_rate:>7.2f}"
            f"{rss:>24}  {engine['cpu_ms']:.1f}; {cpu}"
        )


def summarise(runs: list[dict], worker_counts: list[int]) -> None:
    median = {
        count: statistics.median(run["ingest"]["bulletins_s"] for run in runs if run["workers"] == count)
        for count in worker_counts
    }
    engines = [run["engine"]["bulletins_s"] for run in runs if run["engine"]]
    line = ", ".join(f"{count} worker(s) {rate:.1f}/s" for count, rate in median.items())
    if engines:
        engine = statistics.median(engines)
        line += f"; engine alone {engine:.1f}/s"
        line += "".join(f"; {count}/engine {rate / engine:.2f}" for count, rate in median.items())
    base = worker_counts[0]
    line += "".join(
        f"; {count}/{base} workers {median[count] / median[base]:.2f}" for count in worker_counts[1:]
    )
    print(f"medians: {line}")
    # Each run against the engine alone measured right before it, on the same machine's minute: the
    # fairer ratio on a machine whose speed drifts between runs.
    for count in worker_counts:
        ratios = [
            run["ingest"]["bulletins_s"] / run["engine"]["bulletins_s"]
            for run in runs
            if run["workers"] == count and run["engine"]
        ]
        if ratios:
            listed = " / ".join(f"{ratio:.2f}" for ratio in ratios)
            middle = statistics.median(ratios)
            print(f"{count} worker(s) / engine alone, run by run: {listed} (median {middle:.2f})")
    for run in runs:
        ingest = run["ingest"]
        print(
            f"{run['workers']} worker(s): {ingest['states']}, steady rate (first to last done) "
            f"{ingest['steady_bulletins_s']:.1f}/s, start-up {ingest['startup_s']:.1f} s (not counted), "
            f"{len(ingest['peak_rss_mb'])} pool process(es)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bulletins", type=int, default=600)
    ap.add_argument("--workers", default="1,2", help="worker commands per run, a list runs each: 1,2")
    ap.add_argument("--concurrency", type=int, default=1, help="pool processes of each worker")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of the worker counts, alternating")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--db", default="newsdesk_ingest", help="scratch database (dropped and created)")
    ap.add_argument("--broker", default=REDIS, help="Redis URL of the run's broker (its database is flushed)")
    ap.add_argument("--queries", type=int, default=48, help="bulletins whose queries are counted (0: none)")
    ap.add_argument("--blas-comparison", action="store_true", help="engine alone with default threads too")
    ap.add_argument("--no-engine", action="store_true", help="skip the engine-alone measurements")
    ap.add_argument("--engine-alone", metavar="TEXTS_JSON", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.engine_alone:
        engine_alone(args.engine_alone)
        return
    check_broker(args.broker)
    worker_counts = [int(item) for item in args.workers.split(",") if item.strip()]

    build(args.db, args.broker)
    django_setup(args.db, args.broker)
    import redis
    from django.db import connection

    from newsdesk.models import Bulletin

    files = corpus_files(args.corpus)
    queries = {}
    if args.queries:
        # Extracted here: their messages wait in the queue and are dropped with the database below.
        queries["new people"] = count_queries(store(copies(files, args.queries, mark="q")))
        queries["known people"] = count_queries(store(copies(files, args.queries, mark="r")))
        for label, figures in queries.items():
            print_queries(label, figures)

    runs = []
    for _ in range(args.repeat):
        for workers in worker_counts:
            # Each run on a fresh database: none finds the people of an earlier run.
            connection.close()
            build(args.db, args.broker)
            ids = store(copies(files, args.bulletins, mark="b"))
            texts = list(Bulletin.objects.filter(pk__in=ids).order_by("pk").values_list("text", flat=True))
            if not runs:
                print(
                    f"{len(ids)} bulletins ({sum(len(t) for t in texts)} characters) "
                    f"from {args.corpus.relative_to(ROOT)}",
                    flush=True,
                )
                if args.blas_comparison:
                    default = measure_engine(texts, one_blas_thread=False)
                    print(
                        f"engine alone, OpenBLAS's default threads: {default['bulletins_s']:.1f}/s",
                        flush=True,
                    )
            engine = None if args.no_engine else measure_engine(texts, one_blas_thread=True)
            ingest = run_workers(
                ids, db=args.db, broker=args.broker, count=workers, concurrency=args.concurrency
            )
            runs.append({"workers": workers, "engine": engine, "ingest": ingest})
            print_runs(runs[-1:], args.concurrency)
            redis.Redis.from_url(args.broker).flushdb()

    print()
    print_runs(runs, args.concurrency)
    summarise(runs, worker_counts)


if __name__ == "__main__":
    main()
