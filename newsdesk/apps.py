import logging

from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class NewsdeskConfig(AppConfig):
    name = "newsdesk"
    verbose_name = _("Бюллетени")

    def ready(self) -> None:
        from newsdesk import roles

        post_migrate.connect(roles.ensure_role_groups_after_migrate, sender=self)
        if settings.CELERY_TASK_ALWAYS_EAGER:
            logger.info("Celery: no broker configured (CELERY_BROKER_URL); tasks run eagerly in-process")
        else:
            logger.debug("Celery: broker %s", settings.CELERY_BROKER_URL)


class NewsdeskAdminConfig(AdminConfig):
    """django.contrib.admin with our site: every model admin checks malformed list input."""

    default_site = "newsdesk.admin_site.NewsdeskAdminSite"
