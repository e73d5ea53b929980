"""factory_boy factories: build only what a test needs."""

from __future__ import annotations

import datetime
import io
import zipfile

import factory
from django.contrib.auth.models import Group, User

from meetings.models import Meeting, Participant, Person
from meetings.services import people
from newsdesk import intake
from newsdesk.models import Bulletin


def bulletin_text(title: str = "Тестовый бюллетень", body: str = "Текст бюллетеня.") -> str:
    return f" date 2026-02-24 {title}\nАстана. 23 февраля. KAZAKHSTAN TODAY - {body}\n"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


class BulletinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bulletin

    title = factory.Sequence(lambda n: f"Бюллетень {n}")
    date = datetime.date(2026, 2, 24)
    text = factory.LazyAttribute(lambda o: bulletin_text(o.title))
    source_name = "test.txt"
    sha256 = factory.LazyAttribute(lambda o: intake.text_sha256(o.text))
    encoding = "utf-8"


def zip_bytes(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive in memory holding ``entries`` (name → content), in the given order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Персона Тестовая {n}")
    name_key = factory.LazyAttribute(lambda o: people.name_key(o.name))
    name_latin = factory.LazyAttribute(lambda o: people.latin(o.name))
    is_kz_official = False


class MeetingFactory(factory.django.DjangoModelFactory):
    """A machine meeting awaiting review; ``machine_output`` is left to the test that needs it."""

    class Meta:
        model = Meeting

    bulletin = factory.SubFactory(BulletinFactory)
    kind = "meeting"
    origin = "machine"
    review_state = "pending"
    extractor_version = "0.3.0"
    match_key = factory.Sequence(lambda n: f"{n:064d}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A participant as the machine wrote it: ``machine_name`` is the name unless given."""

    class Meta:
        model = Participant

    meeting = factory.SubFactory(MeetingFactory)
    side = "kz"
    name = factory.Sequence(lambda n: f"Участник Тестовый {n}")
    machine_name = factory.LazyAttribute(lambda o: o.name)
