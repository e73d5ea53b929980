"""Load on the production server: readers of the public pages and the API while editors upload.

Usage: python bench/load.py [--db newsdesk_load] [--copies 20] [--duration 45] [--warmup 5]
       [--readers 50] [--editors 5] [--think 1.0] [--editor-think 2.0] [--workers 5]
       [--worker-class sync] [--threads 1] [--conn-max-age 60] [--port 8765] [--skip-build] [--keep]

Loopback only, bounded: it stops by itself after ``--warmup`` + ``--duration`` seconds.

1. A scratch PostgreSQL database (``--db``, dropped and created, migrated) is filled through the
   services: the dev corpus (``tests/data/corpus/dev/*.txt``) ``--copies`` times (each copy under
   other header dates and titles, so none is a duplicate) stored and extracted, and every
   extracted meeting approved by a reviewer, i.e. published.
2. ``collectstatic`` into a temporary folder, then gunicorn (``--workers`` processes of
   ``--worker-class``) and one Celery worker start with production settings: DEBUG off, a
   generated SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT off (no TLS proxy here),
   Redis database 3 as broker and cache, ``DATABASE_CONN_MAX_AGE=--conn-max-age``. The API
   throttle rates are set far above what this load sends, so throttling never refuses a request
   here (its counting still runs on every API request, as in production).
3. ``--readers`` threads each loop: a random one of the public list ``/``, a published meeting's
   page and the API list ``/api/meetings/``, then a pause of ``--think`` seconds on average
   (uniform between 0.5× and 1.5×; 0 = no pause). ``--editors`` threads log in through the admin
   login form as an Editor the script created, then loop: open the upload page, upload one new
   bulletin through its form, pause ``--editor-think`` seconds on average.
4. Requests started during the warm-up are not counted. Printed: per endpoint requests, req/s,
   p50/p95/p99/max latency in ms and errors (a status other than 200, a failed upload, or no
   answer within 30 s), and what became of the uploaded bulletins.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VENV_BIN = Path(PYTHON).parent
CORPUS = ROOT / "tests" / "data" / "corpus" / "dev"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/3")  # broker and cache of the run
EDITOR, EDITOR_PASSWORD = "load-editor", secrets.token_urlsafe(16)
HEADER = re.compile(rb"^((?:\xef\xbb\xbf)? ?date )(\d{4})(-\d{2}-\d{2})([ \t]+)([^\r\n]*)")
TIMEOUT = 30.0
UNLIMITED = "1000000/minute"


# ---- bulletins ---------------------------------------------------------------------------------------


def corpus_files() -> list[tuple[str, bytes]]:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        sys.exit(f"no bulletins in {CORPUS}")
    return [(path.name, path.read_bytes()) for path in files]


def variant(name: str, data: bytes, *, mark: str, years_back: int) -> tuple[str, bytes]:
    """The bulletin dated ``years_back`` earlier, ``mark`` added to its title: a new text, not a duplicate."""

    def header(match: re.Match) -> bytes:
        year = int(match[2]) - years_back
        month_day = match[3] if match[3] != b"-02-29" else b"-02-28"
        return match[1] + str(year).encode() + month_day + match[4] + match[5] + f" [{mark}]".encode()

    text, count = HEADER.subn(header, data, count=1)
    assert count == 1, f"{name}: no header line"
    return f"{mark}-{name}", text


# ---- the scratch database ------------------------------------------------------------------------


def server_env(db: str, *, static_root: str, conn_max_age: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "REDIS_", "CACHE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings",
        DATABASE_URL=f"{PG}/{db}",
        DATABASE_CONN_MAX_AGE=str(conn_max_age),
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        CELERY_BROKER_URL=REDIS,
        CACHE_URL=REDIS,
        API_THROTTLE_ANON=UNLIMITED,
        API_THROTTLE_USER=UNLIMITED,
        STATIC_ROOT=static_root,
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def django_setup(db: str) -> None:
    """Django in this process against ``db``, extraction eager (no broker): for filling and counting."""
    for name in ("CELERY_BROKER_URL", "REDIS_URL", "CACHE_URL"):
        os.environ.pop(name, None)
    os.environ["DATABASE_URL"] = f"{PG}/{db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build(db: str, copies: int) -> None:
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--verbosity", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"{PG}/{db}", "DJANGO_SETTINGS_MODULE": "newsdesk.settings"},
        check=True,
    )
    print(f"migrated {db} in {time.perf_counter() - started:.1f} s", flush=True)

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from meetings.models import Meeting
    from meetings.services import review
    from newsdesk import roles, services

    roles.ensure_role_groups()
    User = get_user_model()
    reviewer = User.objects.create_superuser(username="load-reviewer", password=secrets.token_urlsafe(16))
    started = time.perf_counter()
    originals = corpus_files()
    stored = 0
    for copy in range(1, copies + 1):
        outcomes = services.store_bulletins(
            files=[variant(name, data, mark=str(copy), years_back=copy) for name, data in originals],
            user=reviewer,
        )
        stored += sum(o.created for o in outcomes if o.status == "created")
    print(f"stored and extracted {stored} bulletins in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    pending = list(Meeting.objects.pending().values_list("pk", "version"))
    for meeting_id, version in pending:
        review.approve_meeting(meeting_id=meeting_id, reviewer=reviewer, version=version)
    print(f"approved {len(pending)} meetings in {time.perf_counter() - started:.1f} s", flush=True)
    editor = User.objects.create_user(username=EDITOR, is_staff=True)  # password: set per run
    editor.groups.set(Group.objects.filter(name=roles.EDITORS))
    # Planner statistics, as autovacuum keeps them in production: without them PostgreSQL guesses
    # 19 approved meetings instead of thousands and scans; the public list took twice as long.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def prepare_run() -> list[int]:
    """The editor's password for this run, and the published meetings' ids."""
    from django.contrib.auth import get_user_model

    from meetings.models import Meeting

    editor = get_user_model().objects.get(username=EDITOR)
    editor.set_password(EDITOR_PASSWORD)
    editor.save(update_fields=["password"])
    return list(Meeting.objects.published().values_list("pk", flat=True))


def bulletin_states(since: datetime.datetime) -> dict[str, int]:
    from django.db.models import Count

    from newsdesk.models import Bulletin

    rows = Bulletin.objects.filter(uploaded_at__gte=since).values("state").annotate(n=Count("pk"))
    return {row["state"]: row["n"] for row in rows}


# ---- the servers ---------------------------------------------------------------------------------


def start(command: list[str], *, env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w", encoding="utf-8") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def stop(process: subprocess.Popen, *, grace: float = 30.0) -> None:
    """SIGTERM to the process group we started, SIGKILL if it has not finished after ``grace``."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def wait_until_serving(base: str, process: subprocess.Popen, log: Path) -> None:
    import httpx

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited:\n{log.read_text(encoding='utf-8')[-3000:]}")
        try:
            if httpx.get(f"{base}/", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    sys.exit(f"gunicorn did not serve / within 90 s:\n{log.read_text(encoding='utf-8')[-3000:]}")


# ---- the load ------------------------------------------------------------------------------------


@dataclass
class Recorder:
    measure_from: float
    until: float
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, name: str, call, ok) -> object:
        """Run ``call()``; record its latency and whether ``ok(response)`` if it started in the window."""
        started = time.monotonic()
        try:
            response = call()
            good = ok(response)
            problem = "" if good else f"{name}: HTTP {response.status_code}"
        except Exception as error:  # a transport error or timeout is a failed request, counted
            response, good, problem = None, False, f"{name}: {type(error).__name__}: {error}"
        elapsed = time.monotonic() - started
        if self.measure_from <= started < self.until:
            with self.lock:
                self.latencies[name].append(elapsed)
                if not good:
                    self.errors[name] += 1
                    if len(self.error_samples) < 10:
                        self.error_samples.append(problem)
        return response


def pause(stop_at: float, mean: float) -> None:
    if mean > 0:
        time.sleep(min(random.uniform(0.5 * mean, 1.5 * mean), max(0.0, stop_at - time.monotonic())))  # noqa: S311


def reader(base: str, meeting_ids: list[int], recorder: Recorder, think: float) -> None:
    import httpx

    pages = [
        ("public list /", lambda: "/"),
        ("meeting page", lambda: f"/meetings/{random.choice(meeting_ids)}/"),  # noqa: S311
        ("API /api/meetings/", lambda: "/api/meetings/"),
    ]
    with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
        while time.monotonic() < recorder.until:
            name, path = random.choice(pages)  # noqa: S311
            url = path()
            recorder.timed(name, partial(client.get, url), lambda r: r.status_code == 200)
            pause(recorder.until, think)


class Session:
    """An admin session over plain HTTP: the cookies are ``Secure`` (production), so keep them here."""

    def __init__(self, client) -> None:
        self.client = client
        self.cookies: dict[str, str] = {}

    def headers(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def keep(self, response) -> None:
        for raw in response.headers.get_list("set-cookie"):
            for name, morsel in SimpleCookie(raw).items():
                self.cookies[name] = morsel.value

    def get(self, path: str):
        response = self.client.get(path, headers=self.headers())
        self.keep(response)
        return response

    def post(self, path: str, **kwargs):
        data = {**kwargs.pop("data", {}), "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        response = self.client.post(path, data=data, headers=self.headers(), **kwargs)
        self.keep(response)
        return response


def log_in(session: Session) -> None:
    session.get("/admin/login/")
    response = session.post(
        "/admin/login/", data={"username": EDITOR, "password": EDITOR_PASSWORD, "next": "/admin/"}
    )
    if response.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"editor login failed: HTTP {response.status_code}")


def editor(base: str, uploads, recorder: Recorder, think: float, ready: threading.Barrier) -> None:
    import httpx

    with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
        session = Session(client)
        log_in(session)
        ready.wait()
        add = "/admin/newsdesk/bulletin/add/"
        while time.monotonic() < recorder.until:
            recorder.timed("upload page", lambda: session.get(add), lambda r: r.status_code == 200)
            name, data = next(uploads)
            recorder.timed(
                "upload (POST)",
                partial(
                    session.post, add, data={"pasted_text": ""}, files={"files": (name, data, "text/plain")}
                ),
                lambda r: r.status_code == 200 and b'class="upload-created"' in r.content,
            )
            pause(recorder.until, think)


def upload_stream():
    """New bulletins for the editors, one at a time, never repeating (thread-safe), dated this year."""
    originals = corpus_files()
    run = secrets.token_hex(3)
    lock = threading.Lock()

    def generate():
        for n in itertools.count(1):
            for name, data in originals:
                yield variant(name, data, mark=f"upload {run}-{n}", years_back=0)

    source = generate()

    class Stream:
        def __next__(self):
            with lock:
                return next(source)

    return Stream()


def cpu_seconds(server: subprocess.Popen, worker: subprocess.Popen) -> dict[str, float]:
    """CPU seconds so far of gunicorn (all workers), the Celery worker, PostgreSQL and this process."""
    import psutil

    def tree(pid: int) -> float:
        root = psutil.Process(pid)
        total = 0.0
        for process in [root, *root.children(recursive=True)]:
            try:
                times = process.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return total

    postgres = 0.0
    for process in psutil.process_iter(["name", "cpu_times"]):
        if process.info["name"] in {"postgres", "postmaster"} and process.info["cpu_times"]:
            postgres += process.info["cpu_times"].user + process.info["cpu_times"].system
    own = psutil.Process().cpu_times()
    return {
        "gunicorn": tree(server.pid),
        "celery worker": tree(worker.pid),
        "PostgreSQL": postgres,
        "load generator": own.user + own.system,
    }


# ---- the report ----------------------------------------------------------------------------------


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def report(recorder: Recorder, duration: float) -> None:
    rows = list(recorder.latencies.items())
    reads = [v for name, values in rows if name in READS for v in values]
    read_errors = sum(n for name, n in recorder.errors.items() if name in READS)
    header = f"| {'endpoint':<20} | {'requests':>8} | {'req/s':>7} | {'p50 ms':>7} | {'p95 ms':>7} | {'p99 ms':>7} | {'max ms':>7} | {'errors':>6} |"  # noqa: E501
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")

    def line(name: str, values: list[float], errors: int) -> None:
        ordered = sorted(values)
        cells = [percentile(ordered, p) * 1000 for p in (50, 95, 99, 100)]
        print(
            f"| {name:<20} | {len(values):>8} | {len(values) / duration:>7.1f} | "
            + " | ".join(f"{c:>7.0f}" for c in cells)
            + f" | {errors:>6} |"
        )

    for name in [*READS, *WRITES]:
        if name in recorder.latencies:
            line(name, recorder.latencies[name], recorder.errors.get(name, 0))
    line("all reads", reads, read_errors)
    for sample in recorder.error_samples:
        print(f"  error: {sample}")


READS = ("public list /", "meeting page", "API /api/meetings/")
WRITES = ("upload page", "upload (POST)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="newsdesk_load")
    parser.add_argument("--copies", type=int, default=20, help="times the dev corpus is stored")
    parser.add_argument("--duration", type=float, default=45.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--editors", type=int, default=5)
    parser.add_argument("--think", type=float, default=1.0, help="readers' mean pause, s (0: none)")
    parser.add_argument("--editor-think", type=float, default=2.0, help="editors' mean pause, s")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn worker processes")
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--conn-max-age", type=int, default=60, help="DATABASE_CONN_MAX_AGE, s")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--skip-build", action="store_true", help="reuse --db as it is")
    parser.add_argument("--keep", action="store_true", help="keep --db afterwards")
    args = parser.parse_args()

    django_setup(args.db)
    if not args.skip_build:
        build(args.db, args.copies)
    meeting_ids = prepare_run()
    print(f"{len(meeting_ids)} published meetings in {args.db}", flush=True)
    from django.db import connections

    connections.close_all()

    base = f"http://127.0.0.1:{args.port}"
    artifacts = ROOT / "artifacts" / "load"
    artifacts.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-static-") as static_root:
        env = server_env(args.db, static_root=static_root, conn_max_age=args.conn_max_age)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        gunicorn_command = [
            str(VENV_BIN / "gunicorn"), "newsdesk.wsgi:application", "--bind", f"127.0.0.1:{args.port}",
            "--workers", str(args.workers), "--worker-class", args.worker_class,
            "--threads", str(args.threads), "--timeout", "60", "--log-level", "warning",
        ]  # fmt: skip
        worker_command = [
            str(VENV_BIN / "celery"), "-A", "newsdesk", "worker", "--concurrency=1", "--loglevel=WARNING",
            "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"load-{os.getpid()}@%h",
        ]  # fmt: skip
        import redis

        redis.Redis.from_url(REDIS).flushdb()
        print("$ " + " ".join(gunicorn_command[1:]), flush=True)
        server = start(gunicorn_command, env=env, log=artifacts / "gunicorn.log")
        worker = start(worker_command, env=env, log=artifacts / "worker.log")
        try:
            wait_until_serving(base, server, artifacts / "gunicorn.log")
            before = cpu_seconds(server, worker)
            run_load(args, base, meeting_ids)
            after = cpu_seconds(server, worker)
            window = args.warmup + args.duration
            print(
                "CPU used during the run (cores busy on average): "
                + ", ".join(f"{k} {(after[k] - before[k]) / window:.2f}" for k in after)
            )
        finally:
            stop(server)
            stop(worker)
            redis.Redis.from_url(REDIS).flushdb()
    errors_logged = (artifacts / "gunicorn.log").read_text(encoding="utf-8").count("Traceback")
    print(f"tracebacks in the server log: {errors_logged} (artifacts/load/gunicorn.log)")
    connections.close_all()
    if not args.keep:
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", args.db], check=True)


def run_load(args, base: str, meeting_ids: list[int]) -> None:
    uploads = upload_stream()
    ready = threading.Barrier(args.editors + 1)
    recorder = Recorder(measure_from=float("inf"), until=float("inf"))
    started_at = datetime.datetime.now(datetime.UTC)
    editors = [
        threading.Thread(target=editor, args=(base, uploads, recorder, args.editor_think, ready), daemon=True)
        for _ in range(args.editors)
    ]
    for thread in editors:
        thread.start()
    ready.wait(timeout=120)  # every editor is logged in
    now = time.monotonic()
    recorder.measure_from, recorder.until = now + args.warmup, now + args.warmup + args.duration
    readers = [
        threading.Thread(target=reader, args=(base, meeting_ids, recorder, args.think), daemon=True)
        for _ in range(args.readers)
    ]
    for thread in readers:
        thread.start()
    print(
        f"{args.readers} readers (mean pause {args.think} s), {args.editors} editors (mean pause "
        f"{args.editor_think} s); warm-up {args.warmup:.0f} s, measuring {args.duration:.0f} s ...",
        flush=True,
    )
    for thread in [*readers, *editors]:
        thread.join(timeout=args.warmup + args.duration + TIMEOUT + 10)
    report(recorder, args.duration)
    time.sleep(5)  # let the worker finish the last uploads
    print(f"uploaded bulletins by state 5 s after the end: {bulletin_states(started_at)}")


if __name__ == "__main__":
    main()
