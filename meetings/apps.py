from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def unicode_case_for_sqlite(sender, connection, **kwargs) -> None:
    """SQLite's UPPER and LOWER fold ASCII only; give them Python's, so Cyrillic filters match."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UPPER", 1, unicode_upper, deterministic=True)
        connection.connection.create_function("LOWER", 1, unicode_lower, deterministic=True)


def unicode_upper(value: str | None) -> str | None:
    return value.upper() if isinstance(value, str) else value


def unicode_lower(value: str | None) -> str | None:
    return value.lower() if isinstance(value, str) else value


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Встречи")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from meetings.services import people

        connection_created.connect(unicode_case_for_sqlite, dispatch_uid="meetings.unicode_case_for_sqlite")
        # Workers keep the learned aliases in memory until one changes (people.known_aliases).
        for signal in (post_save, post_delete):
            signal.connect(people.alias_written, sender="meetings.PersonAlias", dispatch_uid="meetings.alias")
        post_save.connect(people.person_saved, sender="meetings.Person", dispatch_uid="meetings.person_name")
