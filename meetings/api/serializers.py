"""Serializers: they only turn loaded rows into JSON (querysets come from meetings.selectors.queue)."""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import cached_property
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings.models import LatinKind, Meeting, Participant, Person, Side
from newsdesk.models import Bulletin


class BlankAsNullCharField(serializers.CharField):
    """A text the database keeps as "" shown as null, as the extraction contract writes a missing value."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    # The stubs fix CharField's representation to str; DRF writes whatever a field returns (here null).
    def to_representation(self, value: str) -> str | None:  # type: ignore[override]  # see above
        return value or None


class ParticipantSerializer(serializers.ModelSerializer):
    """One person on one side, with the fields of the extraction contract and the linked person."""

    name = BlankAsNullCharField()
    position = BlankAsNullCharField()
    role = BlankAsNullCharField(help_text="ambassador | ambassador_at_large | ... | other (kz side)")
    posting = BlankAsNullCharField()
    organization = BlankAsNullCharField()
    country = BlankAsNullCharField()
    person = serializers.IntegerField(source="person_id", allow_null=True, read_only=True)
    name_latin = serializers.SerializerMethodField()
    name_latin_kind = serializers.SerializerMethodField(
        help_text="icao (паспорт Казахстана) | set (указано редакцией) | transliteration (машинная)"
    )

    class Meta:
        model = Participant
        fields = [
            "name", "position", "role", "posting", "organization", "country", "person", "name_latin",
            "name_latin_kind",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_name_latin(self, participant: Participant) -> str | None:
        person = participant.person
        return (person.name_latin or None) if person is not None else None

    @extend_schema_field(serializers.ChoiceField(choices=LatinKind.choices, allow_null=True))
    def get_name_latin_kind(self, participant: Participant) -> str | None:
        person = participant.person
        return person.latin_kind if person is not None and person.name_latin else None


class BulletinRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bulletin
        fields = ["id", "date", "title"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting as published: both sides, its bulletin and the address of its public page."""

    bulletin = BulletinRefSerializer(read_only=True)
    location = BlankAsNullCharField()
    kz_side = serializers.SerializerMethodField()
    counterparts = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "kind",
            "review_state",
            "bulletin",
            "kz_side",
            "counterparts",
            "location",
            "topics",
            "confidence",
            "url",
        ]
        read_only_fields = fields

    @cached_property
    def participant_serializer(self) -> ParticipantSerializer:
        # One for every meeting of a page: building a serializer deep-copies its fields, and doing
        # that twice a meeting took half the time of an API page.
        return ParticipantSerializer(context=self.context)

    def _side(self, meeting: Meeting, side: str) -> list[dict]:
        # participants.all() reads the prefetched rows; filter() would ask the database again.
        child = self.participant_serializer
        return [child.to_representation(p) for p in meeting.participants.all() if p.side == side]

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_kz_side(self, meeting: Meeting) -> list[dict]:
        return self._side(meeting, Side.KZ)

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_counterparts(self, meeting: Meeting) -> list[dict]:
        return self._side(meeting, Side.COUNTERPART)

    def get_url(self, meeting: Meeting) -> str:
        return f"{settings.SITE_URL}/meetings/{meeting.pk}/"


class PersonSerializer(serializers.ModelSerializer):
    aliases = serializers.SerializerMethodField()
    name_latin_kind = serializers.ChoiceField(
        source="latin_kind",
        choices=LatinKind.choices,
        read_only=True,
        help_text="icao (паспорт Казахстана) | set (указано редакцией) | transliteration (машинная)",
    )
    published_meeting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id", "name", "name_latin", "name_latin_kind", "latin_source", "is_kz_official", "aliases",
            "published_meeting_count",
        ]  # fmt: skip
        read_only_fields = fields

    def get_aliases(self, person: Person) -> list[str]:
        return [alias.alias for alias in person.aliases.all()]


class DatelineSerializer(serializers.Serializer):
    place = BlankAsNullCharField(source="dateline_place")
    date = serializers.DateField(source="dateline_date", allow_null=True, read_only=True)
    agency = BlankAsNullCharField()


class BulletinSerializer(serializers.ModelSerializer):
    """A bulletin and its extraction status, without its text (the list)."""

    dateline = DatelineSerializer(source="*", read_only=True)
    meeting_ids = serializers.SerializerMethodField()

    class Meta:
        model = Bulletin
        fields = [
            "id",
            "date",
            "title",
            "dateline",
            "state",
            "error",
            "attempts",
            "extractor_version",
            "extracted_at",
            "meeting_ids",
        ]
        read_only_fields = fields

    def get_meeting_ids(self, bulletin: Bulletin) -> list[int]:
        return [meeting.pk for meeting in bulletin.meetings.all()]


class BulletinDetailSerializer(BulletinSerializer):
    """A bulletin with its text: the text every extraction offset points into."""

    class Meta(BulletinSerializer.Meta):
        fields = [*BulletinSerializer.Meta.fields, "text"]
        read_only_fields = fields
