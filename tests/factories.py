"""factory_boy factories: build only what a test needs."""

from __future__ import annotations

import datetime
import io
import zipfile

import factory
from django.contrib.auth.models import Group, User

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
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
            self.save()


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
