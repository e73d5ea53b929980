"""Full-text search indexes (GIN) for the meetings' text search, on PostgreSQL only (newsdesk.search)."""

from django.db import migrations

from newsdesk import search

INDEXES = {
    "meetings.Participant": [search.search_index("participant_search", "name", "organization", "position")],
    "meetings.Person": [search.search_index("person_latin_search", "name_latin", config=search.SIMPLE)],
    "meetings.Meeting": [search.search_index("meeting_location_search", "location")],
}


def add(apps, schema_editor):
    search.add_search_indexes(apps, schema_editor, INDEXES)


def remove(apps, schema_editor):
    search.remove_search_indexes(apps, schema_editor, INDEXES)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_orderings_without_joins")]

    operations = [migrations.RunPython(add, remove)]
