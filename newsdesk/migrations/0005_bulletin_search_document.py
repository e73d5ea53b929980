"""Each bulletin's full-text document, stored (see ``Bulletin.search_document``).

The admin's search tested ``to_tsvector(title || text)`` computed again for every bulletin it read:
newest first, it read 650 bulletins of 2,000 characters to fill a page for a common surname
(0.3 s, and as much again for the date hierarchy's years). Stored once, at intake, by a trigger,
and indexed, it is read, not computed. SQLite, the embedded default, searches by substrings and
leaves the column empty.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import migrations

from newsdesk import search

FUNCTIONS = """
CREATE FUNCTION newsdesk_bulletin_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := to_tsvector('russian'::regconfig, concat_ws(' ', NEW.title, NEW.text));
    RETURN NEW;
END $$;

CREATE TRIGGER bulletin_document BEFORE INSERT OR UPDATE OF title, text ON newsdesk_bulletin
    FOR EACH ROW EXECUTE FUNCTION newsdesk_bulletin_document();

UPDATE newsdesk_bulletin SET title = title;
"""

REMOVE = """
DROP TRIGGER IF EXISTS bulletin_document ON newsdesk_bulletin;
DROP FUNCTION IF EXISTS newsdesk_bulletin_document();
"""

DOCUMENT_INDEX = {"newsdesk.Bulletin": [GinIndex(fields=["search_document"], name="bulletin_search_document")]}
# Migration 0004's indexes: the document replaces the text's, the meetings' document the title's.
REPLACED_INDEXES = {
    "newsdesk.Bulletin": [
        search.search_index("bulletin_title_search", "title"),
        search.search_index("bulletin_text_search", "title", "text"),
    ],
}


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:  # no parameters: several statements at once
            cursor.execute(FUNCTIONS)
    search.add_search_indexes(apps, schema_editor, DOCUMENT_INDEX)
    search.remove_search_indexes(apps, schema_editor, REPLACED_INDEXES)


def uninstall(apps, schema_editor):
    search.add_search_indexes(apps, schema_editor, REPLACED_INDEXES)
    search.remove_search_indexes(apps, schema_editor, DOCUMENT_INDEX)
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(REMOVE)


class Migration(migrations.Migration):
    dependencies = [("newsdesk", "0004_search_indexes"), ("meetings", "0009_meeting_search_document")]

    operations = [
        migrations.AddField(
            model_name="bulletin",
            name="search_document",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(install, uninstall),
    ]
