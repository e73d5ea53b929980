"""One full-text document per meeting, kept by PostgreSQL itself (see ``Meeting.search_document``).

The word search used to test four indexes (participants, Latin names, places, titles) with one
subquery each: PostgreSQL built the participants' matches in full before the first row (42,000 rows
read from 34,000 pages for a common surname, 0.3 s, then a capped count that scanned meetings for
0.5 s more). The meeting's own document, indexed, lets it walk the newest meetings and stop at the
page's end, or read the index for a rare word.

Triggers keep the document true however a row changes (the pipeline's bulk inserts, a reviewer's
edit, an admin's rename of a person's Latin name): statement-level, so a bulletin's meetings are
brought up to date in one UPDATE per statement, not one per row. SQLite, the embedded default,
searches by substrings and leaves the column empty.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import migrations

from newsdesk import search

# The document of a meeting: its place, its bulletin's title and its participants' names,
# organisations and positions (Russian stemming), their people's Latin names (no stemming).
FUNCTIONS = """
CREATE FUNCTION meetings_search_document(meeting bigint, place text, bulletin bigint) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('russian'::regconfig, concat_ws(' ', place,
               (SELECT title FROM newsdesk_bulletin WHERE id = bulletin),
               (SELECT string_agg(concat_ws(' ', name, organization, position), ' ')
                FROM meetings_participant WHERE meeting_id = meeting)))
        || to_tsvector('simple'::regconfig, coalesce(
               (SELECT string_agg(s.name_latin, ' ') FROM meetings_participant p
                JOIN meetings_person s ON s.id = p.person_id WHERE p.meeting_id = meeting), ''))
$$;

-- Any write of a meeting sets its document (the row's own write: never a second UPDATE), so a
-- save of a meeting loaded before its participants changed never puts back a stale document.
CREATE FUNCTION meetings_refresh_documents(meetings bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE meetings_meeting SET search_document = NULL WHERE id = ANY(meetings)
$$;

CREATE FUNCTION meetings_meeting_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := meetings_search_document(NEW.id, NEW.location, NEW.bulletin_id);
    RETURN NEW;
END $$;

-- Participants written or deleted: their meetings, once per statement (a bulletin's bulk insert).
CREATE FUNCTION meetings_participants_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM meetings_refresh_documents(ARRAY(SELECT DISTINCT meeting_id FROM changed));
    RETURN NULL;
END $$;

-- A person's Latin name changed: every meeting they took part in.
CREATE FUNCTION meetings_person_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM meetings_refresh_documents(
        ARRAY(SELECT DISTINCT meeting_id FROM meetings_participant WHERE person_id = NEW.id));
    RETURN NULL;
END $$;

-- A bulletin's title changed: its meetings.
CREATE FUNCTION meetings_bulletin_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM meetings_refresh_documents(ARRAY(SELECT id FROM meetings_meeting WHERE bulletin_id = NEW.id));
    RETURN NULL;
END $$;

CREATE TRIGGER meeting_document BEFORE INSERT OR UPDATE ON meetings_meeting
    FOR EACH ROW EXECUTE FUNCTION meetings_meeting_document();
CREATE TRIGGER participant_insert_document AFTER INSERT ON meetings_participant
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION meetings_participants_documents();
CREATE TRIGGER participant_update_document AFTER UPDATE ON meetings_participant
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION meetings_participants_documents();
CREATE TRIGGER participant_delete_document AFTER DELETE ON meetings_participant
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION meetings_participants_documents();
CREATE TRIGGER person_latin_document AFTER UPDATE OF name_latin ON meetings_person
    FOR EACH ROW WHEN (OLD.name_latin IS DISTINCT FROM NEW.name_latin)
    EXECUTE FUNCTION meetings_person_documents();
CREATE TRIGGER bulletin_title_document AFTER UPDATE OF title ON newsdesk_bulletin
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION meetings_bulletin_documents();

UPDATE meetings_meeting SET search_document = NULL;
"""

REMOVE = """
DROP TRIGGER IF EXISTS meeting_document ON meetings_meeting;
DROP TRIGGER IF EXISTS participant_insert_document ON meetings_participant;
DROP TRIGGER IF EXISTS participant_update_document ON meetings_participant;
DROP TRIGGER IF EXISTS participant_delete_document ON meetings_participant;
DROP TRIGGER IF EXISTS person_latin_document ON meetings_person;
DROP TRIGGER IF EXISTS bulletin_title_document ON newsdesk_bulletin;
DROP FUNCTION IF EXISTS meetings_meeting_document(), meetings_participants_documents(),
    meetings_person_documents(), meetings_bulletin_documents(), meetings_refresh_documents(bigint[]),
    meetings_search_document(bigint, text, bigint);
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:  # no parameters: several statements at once
            cursor.execute(FUNCTIONS)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(REMOVE)


DOCUMENT_INDEX = {"meetings.Meeting": [GinIndex(fields=["search_document"], name="meeting_search_document")]}
# Migration 0006's indexes, which the document replaces: nothing reads them any more, and each
# insert of a participant paid for its entry.
REPLACED_INDEXES = {
    "meetings.Participant": [search.search_index("participant_search", "name", "organization", "position")],
    "meetings.Person": [search.search_index("person_latin_search", "name_latin", config=search.SIMPLE)],
    "meetings.Meeting": [search.search_index("meeting_location_search", "location")],
}


def swap_indexes(apps, schema_editor):
    search.add_search_indexes(apps, schema_editor, DOCUMENT_INDEX)
    search.remove_search_indexes(apps, schema_editor, REPLACED_INDEXES)


def restore_indexes(apps, schema_editor):
    search.add_search_indexes(apps, schema_editor, REPLACED_INDEXES)
    search.remove_search_indexes(apps, schema_editor, DOCUMENT_INDEX)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_meeting_bulletin_date")]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="search_document",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(install, uninstall),
        migrations.RunPython(swap_indexes, restore_indexes),
    ]
