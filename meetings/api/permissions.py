"""Who may read what through the API: the newsroom's roles (``newsdesk.roles``) mapped to access."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from meetings.access import is_newsroom_staff


class IsNewsroomStaff(BasePermission):
    """Only superusers, Editors and Reviewers (bulletins carry unpublished work and raw text)."""

    message = _("Только редакторы, рецензенты и администраторы.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return is_newsroom_staff(request.user)
