"""Newsdesk project package: settings, the Celery app and bulletin intake."""

from newsdesk.celery import app as celery_app

__all__ = ("celery_app",)
