"""Recompute every bulletin's fingerprint so white space around lines, line endings and Unicode
composition no longer count.

The function is copied here (not imported from ``newsdesk.intake``) so this migration keeps meaning
what it meant when it was written. Two stored bulletins that now share a fingerprint were stored
twice before the fix: the later one keeps its old fingerprint (nothing is deleted), and a new upload
of that text is reported as a duplicate of the first.
"""

import hashlib
import unicodedata

from django.db import migrations


def dedupe_sha256(text):
    lines = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    form = "\n".join(line.strip() for line in lines).strip()
    return hashlib.sha256(form.encode("utf-8")).hexdigest()


def recompute(apps, schema_editor):
    Bulletin = apps.get_model("newsdesk", "Bulletin")
    taken = set(Bulletin.objects.values_list("sha256", flat=True))
    for bulletin in Bulletin.objects.order_by("pk").only("pk", "text", "sha256").iterator(chunk_size=500):
        new = dedupe_sha256(bulletin.text)
        if new == bulletin.sha256 or new in taken:
            continue
        taken.discard(bulletin.sha256)
        taken.add(new)
        Bulletin.objects.filter(pk=bulletin.pk).update(sha256=new)


class Migration(migrations.Migration):
    dependencies = [("newsdesk", "0001_bulletin")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
