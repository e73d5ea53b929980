"""The role groups: created after migrations with exactly their permissions, safely re-run."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from newsdesk import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def group_permissions() -> dict[str, set[str]]:
    return {
        group.name: {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        for group in Group.objects.prefetch_related("permissions__content_type")
    }


def expected_permissions() -> dict[str, set[str]]:
    return {name: set(codes) for name, codes in roles.ROLE_PERMISSIONS.items()}


def test_role_groups_exist_after_migrations_with_exactly_their_permissions():
    assert group_permissions() == expected_permissions()
    assert set(roles.ROLE_PERMISSIONS) == {"Editors", "Reviewers", "Analysts"}


def test_ensure_role_groups_is_idempotent_and_restores_changed_permissions():
    editors = Group.objects.get(name=roles.EDITORS)
    editors.permissions.add(Permission.objects.get(codename="delete_bulletin"))
    Group.objects.get(name=roles.REVIEWERS).permissions.clear()
    Group.objects.get(name=roles.ANALYSTS).delete()

    roles.ensure_role_groups()
    roles.ensure_role_groups()

    assert group_permissions() == expected_permissions()
    assert Group.objects.filter(name__in=roles.ROLE_PERMISSIONS).count() == 3
    assert Group.objects.get(name=roles.EDITORS).pk == editors.pk


@pytest.mark.parametrize(
    ("group", "can_upload", "can_view", "can_reextract"),
    [
        (roles.EDITORS, True, True, True),
        (roles.REVIEWERS, False, True, False),
        (roles.ANALYSTS, False, False, False),
    ],
)
def test_member_of_a_group_holds_its_permissions(group, can_upload, can_view, can_reextract):
    user = UserFactory(groups=[group])

    assert user.has_perm("newsdesk.add_bulletin") is can_upload
    assert user.has_perm("newsdesk.view_bulletin") is can_view
    assert user.has_perm("newsdesk.reextract_bulletin") is can_reextract
    assert not user.has_perm("newsdesk.change_bulletin")
    assert not user.has_perm("newsdesk.delete_bulletin")
