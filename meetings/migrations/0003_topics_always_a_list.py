"""Topics typed as raw JSON before the review form cleaned them (``true``, ``5``, ``null``) become a list.

The review form now always stores a list of short strings; a value saved before that which is not
a list would break every page that lists the meeting's topics.
"""

from django.db import migrations


def as_list(value):
    if isinstance(value, list):
        return [str(topic) for topic in value if topic not in (None, "")]
    if value in (None, "", False):
        return []
    return [str(value).lower() if isinstance(value, bool) else str(value)]


def normalise_topics(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    for meeting in Meeting.objects.only("pk", "topics").iterator(chunk_size=500):
        topics = as_list(meeting.topics)
        if topics != meeting.topics:
            Meeting.objects.filter(pk=meeting.pk).update(topics=topics)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_meeting_export_permission")]

    operations = [migrations.RunPython(normalise_topics, migrations.RunPython.noop)]
