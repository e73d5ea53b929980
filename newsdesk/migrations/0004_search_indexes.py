"""Full-text search indexes (GIN) for bulletins' titles and texts, on PostgreSQL only (newsdesk.search)."""

from django.db import migrations

from newsdesk import search

INDEXES = {
    "newsdesk.Bulletin": [
        search.search_index("bulletin_title_search", "title"),
        search.search_index("bulletin_text_search", "title", "text"),
    ],
}


def add(apps, schema_editor):
    search.add_search_indexes(apps, schema_editor, INDEXES)


def remove(apps, schema_editor):
    search.remove_search_indexes(apps, schema_editor, INDEXES)


class Migration(migrations.Migration):
    dependencies = [("newsdesk", "0003_bulletin_task_id")]

    operations = [migrations.RunPython(add, remove)]
