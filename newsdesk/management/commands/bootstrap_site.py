"""python manage.py bootstrap_site: the role groups and a first admin account with a generated password."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from newsdesk import roles


class Command(BaseCommand):
    help = "Create the role groups and, if there is none yet, an admin account whose password is printed."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options) -> None:
        roles.ensure_role_groups()
        self.stdout.write(f"role groups: {', '.join(roles.ROLE_PERMISSIONS)}")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"account {username!r} exists; for a new password: python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"admin account created: {username} / {password}"))
