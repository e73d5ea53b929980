"""Who may read what through the API, on the same permissions as the admin (``newsdesk.roles``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from newsdesk.models import BULLETIN_PERMISSION


class CanViewBulletins(BasePermission):
    """Editors, Reviewers and superusers (``newsdesk.view_bulletin``): bulletins carry unpublished
    work and raw text. Everyone else is refused outright rather than shown an empty list."""

    message = _("Бюллетени доступны только редакторам, рецензентам и администраторам.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.user.has_perm(BULLETIN_PERMISSION)
