"""Default orderings stay on the model's own table: a join on every query is a cost nobody asked for."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db.models import ForeignObject


def models_of_ours():
    return [model for name in ("meetings", "newsdesk") for model in apps.get_app_config(name).get_models()]


@pytest.mark.parametrize("model", models_of_ours(), ids=lambda model: model.__name__)
def test_no_default_ordering_joins_another_table(model):
    for entry in model._meta.ordering:
        name = entry.lstrip("-")
        assert "__" not in name, f"{model.__name__}.Meta.ordering crosses a relation: {entry}"
        by_column = {f.attname: f for f in model._meta.concrete_fields}
        field = by_column.get(name) or model._meta.get_field(name)
        # Ordering by a foreign key's name sorts by the related model's ordering (a join); by its
        # column (``meeting_id``) it does not.
        assert not isinstance(field, ForeignObject) or name == field.attname, (
            f"{model.__name__}.Meta.ordering sorts by the relation {entry}: use {field.attname}"
        )


@pytest.mark.django_db
def test_a_meetings_date_follows_its_bulletin():
    from tests.factories import BulletinFactory, MeetingFactory

    meeting = MeetingFactory(bulletin=BulletinFactory(date="2026-01-05"))
    assert str(meeting.bulletin_date) == "2026-01-05"
    meeting.bulletin = BulletinFactory(date="2026-02-07")
    meeting.save()
    meeting.refresh_from_db()
    assert str(meeting.bulletin_date) == "2026-02-07"
