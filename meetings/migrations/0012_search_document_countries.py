"""The meetings' search document also holds the counterparts' countries: «испания» finds the
meetings with Spain's representatives, as a visitor typing a country into the search expects."""

from django.db import migrations

DOCUMENT = """
CREATE OR REPLACE FUNCTION meetings_search_document(meeting bigint, place text, bulletin bigint)
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('russian'::regconfig, concat_ws(' ', place,
               (SELECT title FROM newsdesk_bulletin WHERE id = bulletin),
               (SELECT string_agg(concat_ws(' ', name, organization, position, country), ' ')
                FROM meetings_participant WHERE meeting_id = meeting)))
        || to_tsvector('simple'::regconfig, coalesce(
               (SELECT string_agg(s.name_latin, ' ') FROM meetings_participant p
                JOIN meetings_person s ON s.id = p.person_id WHERE p.meeting_id = meeting), ''))
$$;
UPDATE meetings_meeting SET search_document = NULL;
"""

PREVIOUS = DOCUMENT.replace("name, organization, position, country", "name, organization, position")


def run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:  # no parameters: several statements
                cursor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("meetings", "0011_participant_person_meetings")]

    operations = [migrations.RunPython(run(DOCUMENT), run(PREVIOUS))]
