"""What a worker process is given: one BLAS thread, its kept database connection, recycling limits."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings

from newsdesk import blas
from newsdesk import celery as newsdesk_celery


def test_every_blas_library_gets_one_thread_unless_the_environment_says_otherwise(monkeypatch):
    for variable in blas.THREAD_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")

    blas.one_thread_per_process()

    assert {name: os.environ[name] for name in blas.THREAD_VARIABLES} == {
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "2",
        "MKL_NUM_THREADS": "1",
    }


def test_the_threads_are_set_before_anything_of_the_project_loads_numpy():
    env = {k: v for k, v in os.environ.items() if k not in blas.THREAD_VARIABLES}
    # The package every entry point imports first sets them, and has not loaded numpy yet.
    probe = (
        "import os, sys, newsdesk; "
        "print('numpy' in sys.modules, *(os.environ[name] for name in newsdesk.blas.THREAD_VARIABLES))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout.split() == ["False", "1", "1", "1"]


def test_pool_processes_are_recycled_before_their_word_caches_outgrow_the_memory_budget():
    from newsdesk.celery import app

    # A task is a batch of bulletins: replaced after about 1,000 bulletins, two batches reserved.
    assert settings.EXTRACTION_BATCH_SIZE == 16
    assert app.conf.worker_max_tasks_per_child == 62
    assert app.conf.worker_max_memory_per_child == 400_000  # KiB
    assert app.conf.worker_prefetch_multiplier == 32
    assert app.conf.get("CELERY_DB_REUSE_MAX") == settings.CELERY_DB_REUSE_MAX > 0


class FakeConnection:
    def __init__(self, *, autocommit=True, errors=False, usable=True) -> None:
        self.connection = object()
        self.settings_dict = {"AUTOCOMMIT": True}
        self.autocommit = autocommit
        self.errors_occurred = errors
        self.usable = usable
        self.closed = False

    def get_autocommit(self) -> bool:
        return self.autocommit

    def is_usable(self) -> bool:
        return self.usable

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def kept_connections(monkeypatch):
    kept = {
        "healthy": FakeConnection(),
        "broken": FakeConnection(errors=True, usable=False),
        "recovered": FakeConnection(errors=True, usable=True),
        "transaction left open": FakeConnection(autocommit=False),
    }
    handler = SimpleNamespace(all=lambda initialized_only=False: list(kept.values()))
    monkeypatch.setattr(newsdesk_celery, "connections", handler)
    return kept


def task(*, eager: bool):
    return SimpleNamespace(request=SimpleNamespace(is_eager=eager))


def test_between_tasks_a_worker_keeps_a_healthy_connection_and_drops_an_unusable_one(kept_connections):
    newsdesk_celery.drop_broken_database_connections(task=task(eager=False))

    assert {name: conn.closed for name, conn in kept_connections.items()} == {
        "healthy": False,
        "broken": True,
        "recovered": False,
        "transaction left open": True,
    }
    assert kept_connections["recovered"].errors_occurred is False


def test_an_eager_task_leaves_the_callers_connection_alone(kept_connections):
    newsdesk_celery.drop_broken_database_connections(task=task(eager=True))

    assert not any(conn.closed for conn in kept_connections.values())
