"""A bulletin's meetings in the admin: the upload report's links, the list's counts, the bulletin page."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import ReviewState
from newsdesk import services
from newsdesk.models import Bulletin
from newsdesk.roles import EDITORS, REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, UserFactory, bulletin_text

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/newsdesk/bulletin/add/"
LIST_URL = "/admin/newsdesk/bulletin/"

FIRST = bulletin_text("Посол встретился с министром", "Стороны обсудили сотрудничество.")
SECOND = bulletin_text("Министр провёл переговоры", "Обсуждены вопросы торговли.")


def change_url(pk: int) -> str:
    return f"{LIST_URL}{pk}/change/"


def upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def report_links(response) -> dict[str, list[str]]:
    """Each upload report line's file name → the hrefs in its line."""
    body = response.content.decode("utf-8")
    rows = re.findall(r'<tr class="upload-\w+">\s*<td>(.*?)</td>(.*?)</tr>', body, re.DOTALL)
    return {html.unescape(name): re.findall(r'href="([^"]+)"', cells) for name, cells in rows}


# ---- the upload report -------------------------------------------------------------------------


def test_upload_report_links_each_created_bulletin_and_the_stored_one_a_duplicate_repeats(
    client, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(groups=[EDITORS]))
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(ADD_URL, {"files": [upload("first.txt", FIRST)]})
    stored = Bulletin.objects.get()

    assert report_links(first) == {"first.txt": [change_url(stored.pk)]}

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            ADD_URL, {"files": [upload("again.txt", FIRST), upload("both.txt", FIRST + SECOND)]}
        )
    second = Bulletin.objects.get(title="Министр провёл переговоры")

    assert report_links(again) == {
        "again.txt": [change_url(stored.pk)],
        "both.txt": [change_url(second.pk), change_url(stored.pk)],
    }
    body = html.unescape(again.content.decode("utf-8"))
    assert f'class="upload-existing" href="{change_url(stored.pk)}">#{stored.pk}</a>' in body
    assert "уже загружен:" in body
    # The report's details are as before: the links have a column of their own.
    assert "этот бюллетень уже загружен" in body


def test_a_duplicate_outcome_names_the_stored_bulletin_also_within_one_batch():
    [created, copy] = services.store_bulletins(files=[("a.txt", FIRST.encode()), ("b.txt", FIRST.encode())])
    [again] = services.store_bulletins(files=[("c.txt", (FIRST + SECOND + FIRST).encode())])

    stored = Bulletin.objects.get(title="Посол встретился с министром")
    assert (created.status, created.bulletin_ids, created.duplicate_of) == ("created", (stored.pk,), ())
    assert (copy.status, copy.bulletin_ids, copy.duplicate_of) == ("duplicate", (), (stored.pk,))
    # Counted twice, named once.
    assert (again.status, again.created, again.duplicates, again.duplicate_of) == (
        "created",
        1,
        2,
        (stored.pk,),
    )


# ---- the bulletin list -------------------------------------------------------------------------


def list_rows(response) -> dict[str, tuple[str, str]]:
    """Bulletin title → (meetings, pending) as the list's columns show them."""
    body = response.content.decode("utf-8")
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL):
        title = re.search(r'<th class="field-title"><a [^>]*>(.*?)</a>', row)
        if title is None:
            continue
        meetings = re.search(r'<td class="field-meeting_count">(.*?)</td>', row, re.DOTALL)
        pending = re.search(r'<td class="field-pending_meeting_count">(.*?)</td>', row, re.DOTALL)
        assert meetings is not None and pending is not None
        rows[html.unescape(title.group(1))] = (
            re.sub(r"<[^>]+>", "", meetings.group(1)).strip(),
            re.sub(r"<[^>]+>", "", pending.group(1)).strip(),
        )
    return rows


@pytest.fixture
def bulletins_with_meetings():
    busy = BulletinFactory(title="Три встречи")
    for state in (ReviewState.PENDING, ReviewState.PENDING, ReviewState.APPROVED):
        MeetingFactory(bulletin=busy, review_state=state)
    decided = BulletinFactory(title="Одна отклонённая")
    MeetingFactory(bulletin=decided, review_state=ReviewState.REJECTED)
    BulletinFactory(title="Без встреч")
    return busy, decided


@pytest.mark.parametrize("role", [EDITORS, REVIEWERS])
def test_bulletin_list_shows_each_bulletins_meetings_and_how_many_await_review(
    client, bulletins_with_meetings, role
):
    client.force_login(UserFactory(groups=[role]))

    response = client.get(LIST_URL)

    body = response.content.decode("utf-8")
    assert ">Встреч</a>" in body and ">На проверке</a>" in body
    assert list_rows(response) == {
        "Три встречи": ("3", "2"),
        "Одна отклонённая": ("1", "0"),
        "Без встреч": ("0", "0"),
    }


def test_bulletin_list_sorts_by_either_count(client, bulletins_with_meetings):
    client.force_login(UserFactory(groups=[EDITORS]))
    # list_display with the action checkbox first: 4 is «встреч», 5 «на проверке».
    by_meetings = client.get(LIST_URL, {"o": "4.-2"}).context["cl"].result_list
    by_pending = client.get(LIST_URL, {"o": "-5.1"}).context["cl"].result_list

    assert [b.title for b in by_meetings] == ["Без встреч", "Одна отклонённая", "Три встречи"]
    assert by_pending[0].title == "Три встречи"


def test_bulletin_list_takes_the_same_queries_however_many_bulletins(
    client, bulletins_with_meetings, django_assert_max_num_queries
):
    client.force_login(UserFactory(groups=[EDITORS]))
    client.get(LIST_URL)  # warm caches (content types, permissions) like any later page
    with CaptureQueriesContext(connection) as few:
        client.get(LIST_URL)
    for number in range(12):
        bulletin = BulletinFactory(title=f"Ещё один {number}")
        MeetingFactory.create_batch(2, bulletin=bulletin)

    with django_assert_max_num_queries(len(few)):
        response = client.get(LIST_URL)

    assert len(response.context["cl"].result_list) == 15
    assert list_rows(response)["Ещё один 11"] == ("2", "2")


def test_the_counts_do_not_get_in_the_way_of_deleting_from_the_list(client, bulletins_with_meetings):
    busy, decided = bulletins_with_meetings
    client.force_login(UserFactory(is_superuser=True))

    response = client.post(
        LIST_URL,
        {"action": "delete_selected", "_selected_action": [busy.pk, decided.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert list(Bulletin.objects.values_list("title", flat=True)) == ["Без встреч"]


# ---- the bulletin page -------------------------------------------------------------------------

EXTRACTION = {
    "extractor_version": "0.3.0",
    "meetings": [{"kind": "meeting", "kz_side": [{"name": "Сырое Имя"}], "counterparts": []}],
}


@pytest.fixture
def bulletin_page():
    bulletin = BulletinFactory(extraction=EXTRACTION, extractor_version="0.3.0")
    published = MeetingFactory(bulletin=bulletin, review_state=ReviewState.APPROVED, kind="visit")
    ParticipantFactory(meeting=published, side="kz", name="Ерлан Карин", order=0)
    ParticipantFactory(meeting=published, side="counterpart", name="Анна Бергер", order=0)
    ParticipantFactory(meeting=published, side="counterpart", name="", organization="МИД Австрии", order=1)
    pending = MeetingFactory(bulletin=bulletin, kind="phone_call")
    ParticipantFactory(meeting=pending, side="kz", name="Нурлан Ермекбаев")
    ParticipantFactory(meeting=pending, side="counterpart", name="Жан Дюпон")
    rejected = MeetingFactory(bulletin=bulletin, review_state=ReviewState.REJECTED)
    ParticipantFactory(meeting=rejected, side="kz", name="Ошибочный Человек")
    return bulletin, published, pending, rejected


def meetings_section(response) -> str:
    body = html.unescape(response.content.decode("utf-8"))
    return body[body.index('id="bulletin-meetings"') : body.index("</fieldset>")]


def rendered_rows(section: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r'<tr class="meeting-\w+">(.*?)</tr>', section, re.DOTALL)
    ]


def test_reviewer_sees_every_meeting_with_names_kind_and_state_and_a_link_to_each(client, bulletin_page):
    bulletin, published, pending, rejected = bulletin_page
    client.force_login(UserFactory(groups=[REVIEWERS]))

    response = client.get(change_url(bulletin.pk))

    section = meetings_section(response)
    assert rendered_rows(section) == [
        f"#{published.pk} визит Ерлан Карин Анна Бергер, МИД Австрии одобрена извлечена автоматически",
        f"#{pending.pk} телефонный разговор Нурлан Ермекбаев Жан Дюпон на проверке извлечена автоматически",
        f"#{rejected.pk} встреча Ошибочный Человек — отклонена извлечена автоматически",
    ]
    for meeting in (published, pending, rejected):
        assert f'href="/admin/meetings/meeting/{meeting.pk}/change/"' in section
    assert 'id="unpublished-meetings"' not in section


def test_the_page_shows_no_raw_extraction_json_and_the_bulletin_keeps_it(client, bulletin_page):
    bulletin = bulletin_page[0]
    client.force_login(UserFactory(groups=[REVIEWERS]))

    body = html.unescape(client.get(change_url(bulletin.pk)).content.decode("utf-8"))

    assert '"extractor_version"' not in body and '"kz_side"' not in body and "Сырое Имя" not in body
    assert "результат извлечения" not in body.lower()
    assert "Встречи из этого бюллетеня" in body
    bulletin.refresh_from_db()
    assert bulletin.extraction == EXTRACTION


def test_editor_sees_published_meetings_unlinked_and_only_counts_of_the_others(client, bulletin_page):
    bulletin, published, _pending, _rejected = bulletin_page
    client.force_login(UserFactory(groups=[EDITORS]))

    response = client.get(change_url(bulletin.pk))

    assert response.status_code == 200
    section = meetings_section(response)
    assert rendered_rows(section) == [
        f"#{published.pk} визит Ерлан Карин Анна Бергер, МИД Австрии одобрена извлечена автоматически"
    ]
    assert "/admin/meetings/meeting/" not in section
    unpublished = " ".join(
        re.sub(r"<[^>]+>", " ", section[section.index('id="unpublished-meetings"') :]).split()
    )
    assert "на проверке — 1" in unpublished and "отклонена — 1" in unpublished
    body = response.content.decode("utf-8")
    for name in ("Нурлан Ермекбаев", "Жан Дюпон", "Ошибочный Человек"):
        assert name not in body


def test_bulletin_page_queries_do_not_grow_with_its_meetings(client, bulletin_page):
    bulletin = bulletin_page[0]
    client.force_login(UserFactory(groups=[REVIEWERS]))
    client.get(change_url(bulletin.pk))
    with CaptureQueriesContext(connection) as few:
        client.get(change_url(bulletin.pk))
    for _ in range(10):
        ParticipantFactory(meeting=MeetingFactory(bulletin=bulletin), name="Ещё Один")

    with CaptureQueriesContext(connection) as many:
        response = client.get(change_url(bulletin.pk))

    assert len(rendered_rows(meetings_section(response))) == 13
    assert len(many) == len(few)


def test_a_bulletin_without_meetings_says_so(client):
    bulletin = BulletinFactory()
    client.force_login(UserFactory(groups=[EDITORS]))

    section = meetings_section(client.get(change_url(bulletin.pk)))

    assert "Встреч не найдено." in section
