"""The Celery app. natasha's models load once per worker process, never per task."""

from __future__ import annotations

import logging
import os

from celery import Celery
from celery.signals import worker_process_init

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
    logger.info("extraction models loaded in worker process %s", os.getpid())
