"""Who sees unpublished meetings: one rule for the API and every export."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from newsdesk.roles import EDITORS, REVIEWERS

# Editors and Reviewers work on meetings before they are published; Analysts read published ones.
STAFF_ROLES = (EDITORS, REVIEWERS)


def is_newsroom_staff(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True for superusers, Editors and Reviewers: they see pending and rejected meetings too.

    ``is_staff`` is not the test: analysts log into the admin as well, and must see only what is
    published. The answer is kept on the user object, so a request asks the database once.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_newsroom_staff", None)
    if cached is None:
        cached = user.groups.filter(name__in=STAFF_ROLES).exists()
        user._newsroom_staff = cached
    return cached
