"""The admin speaks Russian properly: «Newsdesk» for a title, model names in the form the sentence
needs («Выберите встречу», «Добавить персону», «9 бюллетеней»), and history told for reviewers
(«вид: визит → встреча», Almaty time, the user's name, nothing English, no internal fields).

Every page of every registered model is rendered (index, app indexes, lists with one and with
several objects, add, change, history, delete, the "delete selected" confirmation, login,
password change) and searched for the wrong forms Django's stock Russian builds.
"""

from __future__ import annotations

import datetime
import html
import json
import re
import zoneinfo
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import models
from django.template import Context, Template
from django.utils import timezone
from rest_framework.authtoken.models import Token

from meetings import russian
from meetings.errors import ReviewConflict
from meetings.models import ExtractorEvaluation, Meeting, Participant, Person, PersonAlias
from meetings.selectors import history
from meetings.services import review
from newsdesk.roles import REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

# Every model registered on the admin site, by the URL of its admin pages.
REGISTERED = {
    "newsdesk.bulletin": "newsdesk/bulletin",
    "meetings.meeting": "meetings/meeting",
    "meetings.person": "meetings/person",
    "auth.user": "auth/user",
    "auth.group": "auth/group",
    "authtoken.tokenproxy": "authtoken/tokenproxy",
    "axes.accessattempt": "axes/accessattempt",
    "axes.accesslog": "axes/accesslog",
    "axes.accessfailurelog": "axes/accessfailurelog",
}
INLINES = {"meetings.participant", "meetings.personalias"}
VERBS = ("Выберите", "Добавить", "Изменить", "Просмотреть", "удалить", "Удалить")
# What Django and its Russian catalog say where they are not told better.
KNOWN_WRONG = (
    "Выберите встреча",
    "Добавить встреча",
    "Изменить встреча",
    "Добавить персона",
    "Выберите персона",
    "Добавить еще один",
    "Администрирование Django",
    "Административный сайт Django",
    "Django administration",
    "Django site admin",
    "Deleted пользователь",
    "Удалить выбранные персоны",
    "Удалить выбранные пользователи",
    "был успешно",
)
FIVE_OR_MORE_BULLETINI = re.compile(r"\b([5-9]|1[0-9]|[0-9]*[05-9])\s+бюллетени\b")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    superuser: User
    objects: dict[str, models.Model]


def axes_records() -> dict[str, models.Model]:
    seen = {
        "username": "x",
        "ip_address": "192.0.2.1",
        "user_agent": "браузер",
        "http_accept": "",
        "path_info": "/",
    }
    now = timezone.now()
    return {
        "axes.accessattempt": AccessAttempt.objects.create(
            **seen, attempt_time=now, failures_since_start=1, get_data="", post_data=""
        ),
        "axes.accesslog": AccessLog.objects.create(**seen, attempt_time=now),
        "axes.accessfailurelog": AccessFailureLog.objects.create(**seen, attempt_time=now, locked_out=False),
    }


@pytest.fixture
def world(client) -> World:
    superuser = UserFactory(is_superuser=True, first_name="Анна", last_name="Ревизорова")
    bulletin = BulletinFactory()
    meeting = MeetingFactory(bulletin=bulletin)
    ParticipantFactory(meeting=meeting)
    person = PersonFactory()
    PersonAlias.objects.create(person=person, alias="Вариант Тестовый", alias_key="вариант тестовый")
    ExtractorEvaluation.objects.create(extractor_version="0.3.0", bulletins=1, figures={})
    group = Group.objects.create(name="Корректоры")
    token = Token.objects.create(user=superuser)
    client.force_login(superuser)
    objects = {
        "newsdesk.bulletin": bulletin,
        "meetings.meeting": meeting,
        "meetings.person": person,
        "auth.user": superuser,
        "auth.group": group,
        "authtoken.tokenproxy": token,
        **axes_records(),
    }
    return World(superuser=superuser, objects=objects)


def page_nodes(response) -> list[str]:
    """Each piece of text of the page, as it reads: text between tags, and attribute values (titles,
    buttons); scripts left out. A wrong form lies within one piece."""
    body = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
    pieces = [*re.split(r"<[^>]+>", body), *re.findall(r'(?:title|value|placeholder|alt)="([^"]*)"', body)]
    return [text for text in (" ".join(html.unescape(piece).split()) for piece in pieces) if text]


def page_text(response) -> str:
    """The page's text in one line, as a reader follows it (no attribute values)."""
    body = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def wrong_forms(pieces: list[str]) -> list[str]:
    """Every known wrong form in the page's ``pieces``: the list above, a verb with a model's
    nominative where the accusative differs, and a count whose noun does not agree with its number."""
    text = "\n".join(pieces)
    found = [wrong for wrong in KNOWN_WRONG if wrong in text]
    found += [match.group(0) for match in FIVE_OR_MORE_BULLETINI.finditer(text)]
    for label in (*REGISTERED, *INLINES):
        noun = russian.NOUNS[label]
        nominatives = {noun.one, str(apps.get_model(label)._meta.verbose_name)}
        for name in nominatives - {noun.accusative}:
            verb = rf"\b(?:{'|'.join(VERBS)})[^\S\n]+{re.escape(name)}\b"
            found += [match.group(0) for match in re.finditer(verb, text)]
        forms = "|".join(
            re.escape(form) for form in sorted({noun.one, noun.few, noun.many, noun.plural}, key=len)[::-1]
        )
        for match in re.finditer(rf"(?<![#\d.,:/-])\b(\d+)[^\S\n]+({forms})\b", text):
            if match.group(2) != russian.plural(int(match.group(1)), (noun.one, noun.few, noun.many)):
                found.append(match.group(0))
    return found


def assert_russian(response, *expected: str) -> str:
    """The page is there, has none of the wrong forms, is titled «Newsdesk» and says ``expected``;
    its text, in one line."""
    assert response.status_code == 200, response.status_code
    wrong = wrong_forms(page_nodes(response))
    assert not wrong, wrong
    text = page_text(response)
    assert "Newsdesk" in text
    for phrase in expected:
        assert phrase in text, phrase
    return text


def admin_of(label: str):
    return next(
        model_admin for model, model_admin in admin.site._registry.items() if model._meta.label_lower == label
    )


# ---- the plural rule -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "бюллетеней"),
        (1, "бюллетень"),
        (2, "бюллетеня"),
        (4, "бюллетеня"),
        (5, "бюллетеней"),
        (11, "бюллетеней"),
        (12, "бюллетеней"),
        (14, "бюллетеней"),
        (21, "бюллетень"),
        (22, "бюллетеня"),
        (25, "бюллетеней"),
        (101, "бюллетень"),
        (111, "бюллетеней"),
        (112, "бюллетеней"),
        (122, "бюллетеня"),
    ],
)
def test_the_plural_follows_the_number(number, expected):
    forms = ("бюллетень", "бюллетеня", "бюллетеней")
    assert russian.plural(number, forms) == expected
    rendered = Template('{% load russian %}{{ n|ru_plural:"бюллетень,бюллетеня,бюллетеней" }}').render(
        Context({"n": number})
    )
    assert rendered == f"{number} {expected}"


@pytest.mark.parametrize(
    ("number", "meetings", "people"),
    [
        (1, "1 встреча", "1 персона"),
        (2, "2 встречи", "2 персоны"),
        (5, "5 встреч", "5 персон"),
        (21, "21 встреча", "21 персона"),
    ],
)
def test_a_model_count_takes_the_form_of_its_number(number, meetings, people):
    template = Template("{% load russian %}{{ n|ru_count:meeting }} / {{ n|ru_count:person }}")
    assert template.render(Context({"n": number, "meeting": Meeting._meta, "person": Person._meta})) == (
        f"{meetings} / {people}"
    )


def test_every_model_the_admin_shows_has_its_russian_forms():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(REGISTERED)
    inlines = {
        inline.model._meta.label_lower
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    assert inlines == INLINES
    assert registered | inlines | {"meetings.extractorevaluation"} <= set(russian.NOUNS)


# ---- every page ----------------------------------------------------------------------------------


def test_the_login_page_is_titled_newsdesk(client):
    text = assert_russian(client.get("/admin/login/"), "Войти | Newsdesk")
    assert "Django" not in text


def test_the_index_app_indexes_and_password_pages(client, world):
    assert_russian(client.get("/admin/"), "Newsdesk", "Встречи", "Бюллетени")
    for app in ("meetings", "newsdesk", "auth", "authtoken", "axes"):
        assert_russian(client.get(f"/admin/{app}/"), "Администрирование приложения")
    assert_russian(client.get("/admin/password_change/"), "Изменение пароля")
    assert_russian(client.get("/admin/password_change/done/"))
    assert_russian(client.get("/admin/meetings/person/officials/"), "Послы и официальные лица Казахстана")
    assert_russian(client.get("/admin/meetings/person/quality/"), "Качество извлечения")


@pytest.mark.parametrize("label", list(REGISTERED))
def test_every_page_of_every_model_names_it_in_correct_russian(client, world, label):
    base, obj, noun = f"/admin/{REGISTERED[label]}/", world.objects[label], russian.NOUNS[label]
    model_admin = admin_of(label)
    pk = obj.user_id if isinstance(obj, Token) else obj.pk  # DRF's token pages go by the user's id

    listing = client.get(base)
    count = listing.context["cl"].result_count
    assert_russian(listing, f"Выберите {noun.accusative} для", noun.count(count))
    if listing.context["action_form"] is not None:
        assert_russian(listing, "Выбрано 0 из")
        assert listing.context["module_name"] == noun.every()
    if model_admin.has_add_permission(listing.wsgi_request):
        assert_russian(listing, f"Добавить {noun.accusative}")
        add = client.get(base + "add/")
        if label != "newsdesk.bulletin":  # the upload page has a title of its own
            assert_russian(add, f"Добавить {noun.accusative}")
    change = client.get(f"{base}{pk}/change/")
    assert_russian(change)
    assert change.context["title"] in (f"Изменить {noun.accusative}", f"Просмотреть {noun.accusative}")
    assert_russian(client.get(f"{base}{pk}/history/"), "История изменений")
    assert_russian(client.get(f"{base}{pk}/delete/"), f"удалить {noun.accusative} «")
    if listing.context["action_form"] is not None:
        confirm = client.post(base, {"action": "delete_selected", "_selected_action": [obj.pk]})
        assert_russian(confirm, f"удалить {noun.selected(1)}?")


def test_lists_of_several_count_in_the_right_form(client, world):
    bulletin = world.objects["newsdesk.bulletin"]
    for _ in range(4):
        MeetingFactory(bulletin=bulletin)
        PersonFactory()
    for _ in range(8):
        BulletinFactory()

    meetings = client.get("/admin/meetings/meeting/")
    assert "5 встречи" not in assert_russian(meetings, "5 встреч", "Удалить выбранные встречи")
    assert meetings.context["module_name"] == "все встречи"  # «Выбрать все встречи (5)»
    people = client.get("/admin/meetings/person/")
    assert_russian(people, "5 персон", "Удалить выбранных персон")
    assert people.context["module_name"] == "всех персон"
    bulletins = assert_russian(client.get("/admin/newsdesk/bulletin/"), "9 бюллетеней")
    assert "9 бюллетени" not in bulletins
    confirm = client.post(
        "/admin/meetings/person/",
        {"action": "delete_selected", "_selected_action": list(Person.objects.values_list("pk", flat=True))},
    )
    assert_russian(confirm, "удалить выбранных персон?")


def test_filters_say_all_and_the_add_another_button_agrees(client, world):
    assert_russian(client.get("/admin/meetings/meeting/"), "Все")
    meeting, person = world.objects["meetings.meeting"], world.objects["meetings.person"]
    for url, expected in [
        (f"/admin/meetings/meeting/{meeting.pk}/change/", "Добавить ещё одного участника"),
        (f"/admin/meetings/person/{person.pk}/change/", "Добавить ещё один вариант имени"),
    ]:
        response = client.get(url)
        add_texts = [
            json.loads(f.inline_formset_data())["options"]["addText"]
            for f in response.context["inline_admin_formsets"]
        ]
        assert add_texts == [expected]


def test_permissions_are_named_in_russian(client, world):
    text = assert_russian(client.get(f"/admin/auth/group/{world.objects['auth.group'].pk}/change/"))
    assert "Встречи | встреча | изменение" in text
    assert "Может одобрять и отклонять встречи" in text
    assert not re.search(r"\bCan (add|change|delete|view)\b", text)


def messages_of(response) -> list[str]:
    return [re.sub(r"<[^>]+>", "", str(message)) for message in response.context["messages"]]


def test_messages_after_saving_and_deleting_keep_the_name_as_it_stands(client, world):
    person = world.objects["meetings.person"]
    url = f"/admin/meetings/person/{person.pk}/change/"
    data = {
        "name": "Персона Переименованная",
        "name_latin": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "_save": "Сохранить",
    }
    saved = client.post(url, data, follow=True)
    assert_russian(saved)
    assert messages_of(saved) == ["Сохранено: персона «Персона Переименованная»."]
    assert_russian(client.get(f"/admin/meetings/person/{person.pk}/history/"), "Изменено: ")
    deleted = client.post(f"/admin/meetings/person/{person.pk}/delete/", {"post": "yes"}, follow=True)
    assert_russian(deleted)
    assert messages_of(deleted) == ["Удалено: персона «Персона Переименованная»."]


# ---- history -------------------------------------------------------------------------------------

ENGLISH = (
    "CHANGES",
    "Changes",
    "Changed by",
    "Deleted",
    "Object",
    "Date/time",
    "Comment",
    "Revert",
    "None",
    "False",
    "True",
    "Change reason",
    "Historical",
    "entries",
    "Meetings",
)
INTERNAL_NAMES = ("edited", "version", "match_key", "machine_output", "reviewed_at", "history_", "pk=")
WHEN = datetime.datetime(2026, 3, 1, 20, 30, tzinfo=datetime.UTC)  # 2 March in Almaty


def almaty(moment: datetime.datetime) -> str:
    return moment.astimezone(zoneinfo.ZoneInfo("Asia/Almaty")).strftime("%d.%m.%Y %H:%M")


def move_history_to(meeting: Meeting, start: datetime.datetime) -> None:
    """Every history record of the meeting and its participants a minute apart from ``start`` on,
    in the order they were written."""
    records = [
        *Meeting.history.filter(id=meeting.pk),
        *Participant.history.filter(meeting_id=meeting.pk),
    ]
    for minute, record in enumerate(sorted(records, key=lambda r: r.history_date)):
        type(record).objects.filter(history_id=record.history_id).update(
            history_date=start + datetime.timedelta(minutes=minute)
        )


@pytest.fixture
def reviewed_meeting():
    """A machine's visit, corrected to a meeting by a reviewer, then approved."""
    reviewer = UserFactory(groups=[REVIEWERS], username="aigerim", first_name="Айгерим", last_name="Садыкова")
    meeting = MeetingFactory(kind="visit", location="Вена")
    counterpart = ParticipantFactory(meeting=meeting, side="counterpart", name="Томас Краус")
    counterpart.position = "министр"
    review.edit_meeting(
        meeting_id=meeting.pk,
        version=meeting.version,
        changes={"kind": "meeting", "topics": ["торговля", "визы"]},
        participants=review.ParticipantEdits(changed=[(counterpart, ["position"])]),
        user=reviewer,
    )
    meeting.refresh_from_db()
    review.approve_meeting(meeting_id=meeting.pk, reviewer=reviewer, version=meeting.version)
    meeting.refresh_from_db()
    return meeting, reviewer


def test_a_change_reads_with_labels_display_values_local_time_and_the_users_name(reviewed_meeting):
    meeting, _ = reviewed_meeting

    changes = review.changes_since(meeting, 1)

    assert len(changes) == 2
    edit, approval = changes
    assert edit.startswith("Айгерим Садыкова, ")
    assert "вид: визит → встреча" in edit
    assert "темы: — → «торговля», «визы»" in edit
    assert "участник «Томас Краус»: должность: — → «министр»" in edit
    assert "проверка: на проверке → одобрена" in approval and "проверил: — → Айгерим Садыкова" in approval
    for internal in ("edited", "исправлена", "version", "версия записи", "False", "True", "None"):
        assert internal not in " ".join(changes)


def test_a_conflict_names_the_other_reviewers_change_in_almaty_time(reviewed_meeting):
    meeting, _ = reviewed_meeting
    move_history_to(meeting, WHEN)
    edited = meeting.history.get(version=2).history_date
    assert almaty(edited) != edited.strftime("%d.%m.%Y %H:%M")  # told in Almaty time, not UTC

    with pytest.raises(ReviewConflict) as conflict:
        review.approve_meeting(meeting_id=meeting.pk, reviewer=UserFactory(), version=1)

    assert conflict.value.changes[0].startswith(f"Айгерим Садыкова, {almaty(edited)}: вид: визит → встреча")


def test_describe_changes_shows_no_one_as_the_system_and_nothing_as_a_dash():
    meeting = MeetingFactory(kind="visit")
    meeting.kind, meeting.location, meeting.edited, meeting.version = "phone_call", "Астана", True, 2
    meeting.save()
    newest, previous = meeting.history.all()[:2]

    assert history.describe_changes(newest, previous) == [
        "вид: визит → телефонный разговор",
        "место: — → «Астана»",
    ]
    assert history.user_name(newest.history_user) == "система"


def test_the_history_page_tells_who_did_what_when_in_russian(client, reviewed_meeting):
    meeting, reviewer = reviewed_meeting
    move_history_to(meeting, WHEN)
    client.force_login(reviewer)

    response = client.get(f"/admin/meetings/meeting/{meeting.pk}/history/")

    text = assert_russian(
        response, "вид: визит → встреча", "Айгерим Садыкова", "система", "создана", "изменена"
    )
    assert almaty(WHEN) in text  # the creation, 02.03.2026 01:30
    assert "участник «Томас Краус»: должность: — → «министр»" in text
    assert "3 записи" in text
    found = [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)]
    assert not found, found
    assert not [name for name in INTERNAL_NAMES if name in text]


def test_a_historical_version_page_is_russian_too(client, reviewed_meeting):
    meeting, reviewer = reviewed_meeting
    client.force_login(reviewer)
    first = meeting.history.earliest("history_date")

    response = client.get(f"/admin/meetings/meeting/{meeting.pk}/history/{first.history_id}/")

    text = assert_russian(response, "Встречи › Встречи", "История", "Версия", "Восстановить")
    found = [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)]
    assert not found, found
    assert "Historical" not in text
