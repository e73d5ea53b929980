"""Periodic tasks of bulletin intake (scheduled by Celery beat)."""

from celery import shared_task

from newsdesk import services


@shared_task
def requeue_stale_bulletins() -> int:
    return services.requeue_stale_bulletins()
