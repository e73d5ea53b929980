"""Settings for bench/export.py only: Newsdesk's, plus django-import-export (a bench-only dependency)."""

from newsdesk.settings import *  # noqa: F403
from newsdesk.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "import_export"]
