"""Integration tier: real PostgreSQL, real Redis and a real ``celery -A newsdesk worker`` subprocess.

The worker runs against the test database pytest-django created and a Redis database of its
own (db 15, flushed at the start), so messages left by earlier runs never reach it. Its log is
kept in ``artifacts/integration/worker.log`` and its tail is added to every failing test's report.
Tests that need a broker nobody else consumes (their own worker and beat, or none) use
``spare_broker`` (db 13). Two test runs sharing one Redis server give each run databases of its
own with ``ITEST_REDIS_DB`` and ``ITEST_SPARE_REDIS_DB`` (default 15 and 13).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

from tests.conftest import missing_service

REPO_ROOT = Path(__file__).resolve().parents[2]
DEV_CORPUS = REPO_ROOT / "tests" / "data" / "corpus" / "dev"  # a copy of ../shared/corpus/dev
ARTIFACTS = REPO_ROOT / "artifacts" / "integration"
WORKER_LOG = ARTIFACTS / "worker.log"
WORKER_DB = int(os.environ.get("ITEST_REDIS_DB") or 15)
SPARE_DB = int(os.environ.get("ITEST_SPARE_REDIS_DB") or 13)
BEAT_LOG = ARTIFACTS / "beat.log"
WORKER_START_TIMEOUT = 90.0
LOG_TAIL_LINES = 60


def redis_url(db: int) -> str:
    """CELERY_BROKER_URL with its database replaced by ``db``; missing_service when unusable."""
    raw = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or ""
    if not raw:
        missing_service("CELERY_BROKER_URL is not set: the integration tier needs Redis")
    parts = urlsplit(raw)
    if parts.scheme not in {"redis", "rediss"}:
        missing_service(f"CELERY_BROKER_URL={raw!r} is not a Redis URL")
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", "", ""))


def require_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        missing_service(f"Redis is not reachable at {url}: {error}")


def database_url(settings_dict: dict) -> str:
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


def log_tail(lines: int = LOG_TAIL_LINES) -> str:
    if not WORKER_LOG.exists():
        return "(no worker log)"
    return "\n".join(WORKER_LOG.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def celery_env(broker_url: str, extra: dict[str, str]) -> dict[str, str]:
    """The environment of a celery subprocess: our settings, the broker, then ``extra``."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "CELERY_BROKER_URL": broker_url,
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def celery_command(subcommand: str) -> list[str]:
    """``celery -A newsdesk SUBCOMMAND --loglevel=INFO`` with this interpreter."""
    return [sys.executable, "-m", "celery", "-A", "newsdesk", subcommand, "--loglevel=INFO"]


class Worker:
    """One ``celery -A newsdesk worker`` subprocess (prefork, one child) in its own process group.

    ``env`` adds settings for the worker (for example a short sweep interval).
    """

    def __init__(self, *, broker_url: str, database_url: str, env: dict[str, str] | None = None) -> None:
        self.broker_url = broker_url
        self.database_url = database_url
        self.env = env or {}
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def pid(self) -> int:
        assert self.process is not None, "the worker is not running"
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        self.starts += 1
        env = celery_env(self.broker_url, {"DATABASE_URL": self.database_url, **self.env})
        command = [
            *celery_command("worker"),
            "--concurrency=1",
            "--pool=prefork",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"itest-{uuid.uuid4().hex[:8]}@%h",
        ]
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with WORKER_LOG.open("a", encoding="utf-8") as log:
            log.write(f"\n===== worker start #{self.starts}: {' '.join(command)}\n")
            log.flush()
            offset = log.tell()
            self.process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_ready(offset)

    def wait_ready(self, offset: int) -> None:
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while time.monotonic() < deadline:
            with WORKER_LOG.open("rb") as log:
                log.seek(offset)
                if b" ready." in log.read():
                    return
            if not self.alive():
                raise RuntimeError(f"celery worker exited while starting:\n{log_tail()}")
            time.sleep(0.2)
        self.kill()
        raise RuntimeError(f"celery worker not ready after {WORKER_START_TIMEOUT:.0f}s:\n{log_tail()}")

    def pool_children(self) -> list:
        import psutil

        return psutil.Process(self.pid).children(recursive=False)

    def kill(self) -> None:
        """kill -9 the whole worker (main process and its pool), like a machine losing power."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Warm shutdown (SIGTERM), then SIGKILL to the group if it does not stop in time."""
        if not self.alive():
            if self.process is not None:
                self.kill()  # reap leftover children of a main process that died
            return
        assert self.process is not None
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=30)
        self.kill()


class Beat:
    """One ``celery -A newsdesk beat`` subprocess: sends the sweep on schedule, whatever the workers do."""

    def __init__(self, *, broker_url: str, schedule_file: Path, env: dict[str, str] | None = None) -> None:
        self.broker_url = broker_url
        self.schedule_file = schedule_file
        self.env = env or {}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = celery_env(self.broker_url, self.env)
        command = [*celery_command("beat"), f"--schedule={self.schedule_file}"]
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with BEAT_LOG.open("a", encoding="utf-8") as log:
            log.write(f"\n===== beat start: {' '.join(command)}\n")
            log.flush()
            self.process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


@pytest.fixture(scope="session")
def integration_services(django_db_setup, django_db_blocker) -> Iterator[tuple[str, str]]:
    """The broker URL (Redis db 15, flushed) and the test database URL, once both are checked."""
    from django.db import connection

    if connection.vendor != "postgresql":
        missing_service(
            f"DATABASE_URL is not PostgreSQL ({connection.vendor}): the integration tier needs it"
        )
    broker = redis_url(WORKER_DB)
    require_redis(broker)
    import redis

    redis.Redis.from_url(broker).flushdb()
    # One log per session for every worker (and beat) the tests start.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    WORKER_LOG.write_text("", encoding="utf-8")
    BEAT_LOG.write_text("", encoding="utf-8")
    yield broker, database_url(connection.settings_dict)


@pytest.fixture(scope="session")
def celery_worker_process(integration_services) -> Iterator[Worker]:
    broker, db_url = integration_services
    worker = Worker(broker_url=broker, database_url=db_url)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()


def use_broker(url: str) -> None:
    """Point this (publishing) process's Celery app at ``url``, dropping pooled connections.

    Celery reads the CELERY_BROKER_URL environment variable before its configuration, so both
    are set; ``publishing_to`` restores them.
    """
    import kombu.pools

    from meetings import tasks
    from newsdesk.celery import app

    os.environ["CELERY_BROKER_URL"] = url
    kombu.pools.reset()  # closes and forgets every pooled connection and producer
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    tasks._broker_down_until = 0.0


@contextlib.contextmanager
def publishing_to(url: str) -> Iterator[None]:
    """This process sends its tasks to (and its sweep asks) the broker at ``url`` for the block."""
    from newsdesk.celery import app

    previous_env = os.environ.get("CELERY_BROKER_URL")
    previous = (app.conf.broker_url, app.conf.task_always_eager)
    use_broker(url)
    try:
        yield
    finally:
        use_broker(previous[0])
        if previous_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = previous_env
        app.conf.task_always_eager = previous[1]


@pytest.fixture
def worker(celery_worker_process: Worker, integration_services) -> Iterator[Worker]:
    """A running worker and this process publishing to its broker (restored after the test)."""
    broker, _ = integration_services
    if not celery_worker_process.alive():
        celery_worker_process.stop()
        celery_worker_process.start()
    with publishing_to(broker):
        yield celery_worker_process
    if not celery_worker_process.alive():
        celery_worker_process.stop()
        celery_worker_process.start()


@pytest.fixture
def spare_broker(integration_services) -> Iterator[str]:
    """A flushed Redis database (``SPARE_DB``) that the session's worker does not consume, this
    process publishing to it; for tests that run their own worker and beat, or none. Flushed
    again after the test."""
    import redis

    url = redis_url(SPARE_DB)
    redis.Redis.from_url(url).flushdb()
    try:
        with publishing_to(url):
            yield url
    finally:
        redis.Redis.from_url(url).flushdb()


# Held by a test to stop the worker between "running" and "done" (see paused_before_done).
PAUSE_LOCK_KEY = 774_201


@contextlib.contextmanager
def paused_before_done(*, source_name: str | None = None) -> Iterator[Callable[[], None]]:
    """Make the worker block inside a first attempt, after ``running`` is committed.

    A trigger on the test database takes an advisory lock this process holds whenever an
    attempt-1 extraction (of the bulletin from ``source_name``, or of any) saves ``done``: the task
    is then deterministically mid-way (claimed, unacknowledged, its transaction open). Later
    attempts pass freely. Nothing in the application is replaced. Yields ``release``.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        condition = "NEW.state = 'done' AND NEW.attempts = 1"
        if source_name is not None:
            # The function body is SQL text: the file name goes in as a quoted literal.
            cursor.execute("SELECT quote_literal(%s)", [source_name])
            condition += f" AND NEW.source_name = {cursor.fetchone()[0]}"
        cursor.execute(
            f"""
            CREATE OR REPLACE FUNCTION itest_pause_before_done() RETURNS trigger AS $$
            BEGIN
                IF {condition} THEN
                    PERFORM pg_advisory_xact_lock({PAUSE_LOCK_KEY});
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS itest_pause_before_done ON newsdesk_bulletin;
            CREATE TRIGGER itest_pause_before_done BEFORE UPDATE ON newsdesk_bulletin
                FOR EACH ROW EXECUTE FUNCTION itest_pause_before_done();
            """
        )
        cursor.execute("SELECT pg_advisory_lock(%s)", [PAUSE_LOCK_KEY])
    held = True

    def release() -> None:
        nonlocal held
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [PAUSE_LOCK_KEY])
            held = False

    try:
        yield release
    finally:
        release()
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS itest_pause_before_done ON newsdesk_bulletin")
            cursor.execute("DROP FUNCTION IF EXISTS itest_pause_before_done()")


def worker_is_paused() -> bool:
    """True while a worker waits on the lock of ``paused_before_done``."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
        )
        return cursor.fetchone()[0] > 0


@pytest.fixture
def wait_for() -> Callable[..., object]:
    """Poll ``probe`` until it returns something truthy; fail with ``message`` after ``timeout``."""

    def wait(probe: Callable[[], object], *, timeout: float, message: str, interval: float = 0.25):
        deadline = time.monotonic() + timeout
        while True:
            value = probe()
            if value:
                return value
            if time.monotonic() > deadline:
                pytest.fail(f"{message} (after {timeout:.0f}s)\n--- worker log tail ---\n{log_tail()}")
            time.sleep(interval)

    return wait


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and {"celery_worker_process", "spare_broker"} & set(getattr(item, "fixturenames", ())):
        report.sections.append(("celery worker log (tail)", log_tail()))
    return report
