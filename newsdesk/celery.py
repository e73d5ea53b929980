"""The Celery app. natasha's models load once per worker process, never per task.

Every process that imports this module has one BLAS / OpenMP thread (``newsdesk/blas.py``, imported
first by the package): a worker scales by processes, one per core (``--concurrency`` on one host,
more worker commands on more hosts; README "Running workers on several hosts").
"""

from __future__ import annotations

import logging
import os

from celery import Celery
from celery.signals import task_prerun, worker_process_init
from django.db import connections

from newsdesk.blas import THREAD_VARIABLES

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

logger = logging.getLogger(__name__)

app = Celery("newsdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def warm_extraction_models(**_kwargs: object) -> None:
    """Load the extraction models in each worker child before its first task."""
    from meetings.extraction import load_pipeline

    load_pipeline()
    threads = ", ".join(f"{name}={os.environ.get(name, '')}" for name in THREAD_VARIABLES)
    logger.info("extraction models loaded in worker process %s (%s)", os.getpid(), threads)


@task_prerun.connect
def drop_broken_database_connections(task=None, **_kwargs: object) -> None:
    """Before a task, close a kept database connection that can no longer be used.

    A worker process keeps its connection from task to task (``CELERY_DB_REUSE_MAX``: Celery's Django
    fixup would otherwise open a new one for every task). Django closes a broken connection at the
    end of a request; a worker has no requests, so this does it between tasks, as Django would:
    when an error left it unusable (the server restarted: that task failed and is retried on a new
    connection) or a transaction open.
    """
    if task is not None and getattr(task.request, "is_eager", False):
        return  # in-process (eager) tasks share the caller's connection and its transaction
    for connection in connections.all(initialized_only=True):
        if connection.connection is None:
            continue
        if connection.get_autocommit() != connection.settings_dict["AUTOCOMMIT"]:
            connection.close()
        elif connection.errors_occurred:
            if connection.is_usable():
                connection.errors_occurred = False
            else:
                connection.close()
