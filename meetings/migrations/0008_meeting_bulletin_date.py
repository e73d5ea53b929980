"""Meetings carry their bulletin's date (see ``Meeting.bulletin_date``), with an index for every list
by date: added empty, filled from the bulletins in one UPDATE per table, then made required."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate


def copy_bulletin_dates(apps, schema_editor):
    Bulletin = apps.get_model("newsdesk", "Bulletin")
    bulletin_date = Subquery(Bulletin.objects.filter(pk=OuterRef("bulletin_id")).values("date")[:1])
    apps.get_model("meetings", "Meeting").objects.update(bulletin_date=bulletin_date)
    # A deleted meeting's history outlives its bulletin: its rows take the day they were written.
    apps.get_model("meetings", "HistoricalMeeting").objects.update(
        bulletin_date=Coalesce(bulletin_date, TruncDate("history_date"))
    )


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0007_list_orderings"),
        ("newsdesk", "0004_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="bulletin_date",
            field=models.DateField(editable=False, null=True, verbose_name="дата бюллетеня"),
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="bulletin_date",
            field=models.DateField(editable=False, null=True, verbose_name="дата бюллетеня"),
        ),
        migrations.RunPython(copy_bulletin_dates, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="meeting",
            name="bulletin_date",
            field=models.DateField(editable=False, verbose_name="дата бюллетеня"),
        ),
        migrations.AlterField(
            model_name="historicalmeeting",
            name="bulletin_date",
            field=models.DateField(editable=False, verbose_name="дата бюллетеня"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["bulletin_date", "id"], name="meeting_date_order"),
        ),
    ]
