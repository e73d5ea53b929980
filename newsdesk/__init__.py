"""Newsdesk project package: settings, the Celery app and bulletin intake."""

# First, before anything imports numpy: one BLAS / OpenMP thread per process (see newsdesk/blas.py).
from newsdesk import blas  # noqa: F401

# isort: split
from newsdesk.celery import app as celery_app

__all__ = ("celery_app",)
