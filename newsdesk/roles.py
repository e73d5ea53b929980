"""The newsroom's roles: Django groups and the permissions each one holds."""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITORS, REVIEWERS, ANALYSTS = "Editors", "Reviewers", "Analysts"

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # Editors upload bulletins and send them to extraction again, and merge two records of one person.
    EDITORS: (
        "newsdesk.add_bulletin",
        "newsdesk.view_bulletin",
        "newsdesk.reextract_bulletin",
        "meetings.view_person",
        "meetings.merge_person",
    ),
    # Reviewers correct, approve and reject meetings, add missed ones, and keep the people list.
    REVIEWERS: (
        "newsdesk.view_bulletin",
        "meetings.view_meeting",
        "meetings.add_meeting",
        "meetings.change_meeting",
        "meetings.review_meeting",
        "meetings.view_participant",
        "meetings.add_participant",
        "meetings.change_participant",
        "meetings.delete_participant",
        "meetings.view_person",
        "meetings.add_person",
        "meetings.change_person",
        "meetings.view_personalias",
        "meetings.add_personalias",
        "meetings.merge_person",
        "meetings.export_meeting",
    ),
    # Analysts read published meetings and the people in them, and download them as CSV.
    ANALYSTS: (
        "meetings.view_meeting",
        "meetings.view_participant",
        "meetings.view_person",
        "meetings.export_meeting",
    ),
}


def ensure_role_groups(apps=global_apps) -> None:
    """Create the role groups and give each exactly its permissions (safe to run again)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in global_apps.get_app_configs():
        # On a fresh database permission rows appear only after migrations: make them now.
        create_permissions(app_config, verbosity=0, apps=apps)
    for name, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in (code.split(".", 1) for code in codes)
        ]
        group.permissions.set(permissions)


def ensure_role_groups_after_migrate(sender, apps=global_apps, **kwargs) -> None:
    ensure_role_groups(apps)
