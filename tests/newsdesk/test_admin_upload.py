"""The bulletin admin through the test client: upload page, list, search, re-extraction, roles."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsdesk.models import Bulletin, ExtractionState
from tests.factories import BulletinFactory, UserFactory, bulletin_text, zip_bytes

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/newsdesk/bulletin/add/"
LIST_URL = "/admin/newsdesk/bulletin/"

GOOD = bulletin_text("Посол встретился с министром", "Стороны обсудили сотрудничество.")
ZIP_A = bulletin_text("Министр провёл переговоры", "Обсуждены вопросы торговли.")
ZIP_B = bulletin_text("Консультации МИД", "Прошли межмидовские консультации.")
PAIR = bulletin_text("Первый из двух", "Текст первого.") + bulletin_text("Второй из двух", "Текст второго.")


def report_rows(response) -> list[tuple[str, str, str]]:
    """The upload report as (status class, file name, details) with tags and spacing removed."""
    body = response.content.decode("utf-8")
    rows = re.findall(
        r'<tr class="upload-(\w+)">\s*<td>(.*?)</td>\s*<td>.*?</td>\s*<td>(.*?)</td>', body, re.DOTALL
    )
    return [
        (status, html.unescape(name), " ".join(html.unescape(details).split()))
        for status, name, details in rows
    ]


def details_of(rows: list[tuple[str, str, str]], name: str) -> str:
    [details] = [details for status, row_name, details in rows if row_name == name and status == "created"]
    return details


def upload(name: str, content: bytes, content_type: str = "text/plain") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def editor(client):
    user = UserFactory(groups=["Editors"])
    client.force_login(user)
    return user


def test_editor_uploads_several_files_and_sees_one_line_per_file(
    client, editor, django_capture_on_commit_callbacks
):
    existing = BulletinFactory(title="Уже загружен")
    files = [
        upload("good.txt", GOOD.encode("cp1251")),
        upload("scan.pdf", b"%PDF-1.7\n%\xe2\xe3", "application/pdf"),
        upload("again.txt", existing.text.encode("utf-8")),
        upload(
            "day.zip",
            zip_bytes({"a.txt": ZIP_A.encode(), "b.txt": ZIP_B.encode("cp1251")}),
            "application/zip",
        ),
        upload("pair.txt", PAIR.replace("\n", "\r\n").encode("utf-8-sig")),
    ]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(ADD_URL, {"files": files})

    assert response.status_code == 200
    rows = report_rows(response)
    assert len(rows) == 6
    assert rows[:5] == [
        ("created", "good.txt", "1 бюллетень"),
        ("failed", "scan.pdf", "scan.pdf: это PDF-документ, а не текст бюллетеня"),
        ("duplicate", "again.txt", "этот бюллетень уже загружен"),
        ("created", "day.zip/a.txt", "1 бюллетень"),
        ("created", "day.zip/b.txt", "1 бюллетень"),
    ]
    # Counted, whatever plural form the (not yet written) Russian catalog will give.
    assert re.fullmatch(r"2 бюллетеня", details_of(rows, "pair.txt"))
    body = response.content.decode("utf-8")
    assert "Результат загрузки" in body
    assert "создано" in body and "дубликат" in body and "ошибка" in body
    assert len(callbacks) == 5
    new = Bulletin.objects.exclude(pk=existing.pk)
    assert sorted(new.values_list("title", flat=True)) == sorted(
        [
            "Посол встретился с министром",
            "Министр провёл переговоры",
            "Консультации МИД",
            "Первый из двух",
            "Второй из двух",
        ]
    )
    assert set(new.values_list("uploaded_by", flat=True)) == {editor.pk}
    assert set(new.values_list("state", flat=True)) == {ExtractionState.DONE}


def test_pasted_text_creates_a_bulletin(client, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD_URL, {"pasted_text": GOOD.replace("\n", "\r\n")})

    assert report_rows(response) == [("created", "вставленный текст", "1 бюллетень")]
    bulletin = Bulletin.objects.get()
    assert bulletin.title == "Посол встретился с министром"
    assert bulletin.text == GOOD
    assert bulletin.source_name == "вставленный текст"
    assert bulletin.state == ExtractionState.DONE


def test_pasted_text_without_header_is_reported_as_failed(client, editor):
    response = client.post(ADD_URL, {"pasted_text": "Просто текст без заголовка."})

    [(status, name, details)] = report_rows(response)
    assert (status, name) == ("failed", "вставленный текст")
    assert "нет заголовка бюллетеня" in details
    assert not Bulletin.objects.exists()


@pytest.mark.parametrize("data", [{}, {"pasted_text": "   \n  "}], ids=["nothing", "blank-text"])
def test_empty_submit_shows_the_form_error_and_stores_nothing(client, editor, data):
    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    body = response.content.decode("utf-8")
    assert "Выберите файлы или вставьте текст бюллетеня." in body
    assert 'id="upload-report"' not in body
    assert not Bulletin.objects.exists()


def test_upload_page_shows_the_form_in_russian(client, editor):
    response = client.get(ADD_URL)

    assert response.status_code == 200
    body = response.content.decode("utf-8")
    assert "Загрузка бюллетеней" in body
    assert 'type="file" name="files"' in body and "multiple" in body
    assert 'name="pasted_text"' in body
    assert 'enctype="multipart/form-data"' in body


def test_changelist_shows_title_date_and_state_and_filters_by_state(client, editor):
    BulletinFactory(title="Встреча в Астане", state=ExtractionState.DONE)
    BulletinFactory(title="Сбойный бюллетень", state=ExtractionState.FAILED, error="ValueError: плохо")

    everything = client.get(LIST_URL).content.decode("utf-8")
    failed_only = client.get(LIST_URL, {"state__exact": "failed"}).content.decode("utf-8")

    assert "Встреча в Астане" in everything and "Сбойный бюллетень" in everything
    assert "готово" in everything and "ошибка" in everything
    assert "ValueError: плохо" in everything
    assert "24 февраля 2026" in everything
    assert "Сбойный бюллетень" in failed_only
    assert "Встреча в Астане" not in failed_only


def test_search_finds_bulletins_by_words_in_their_text(client, editor):
    BulletinFactory(title="Первый", text=bulletin_text("Первый", "Посол встретился с Тимчо Муцунски."))
    BulletinFactory(title="Второй", text=bulletin_text("Второй", "Министр провёл брифинг."))

    response = client.get(LIST_URL, {"q": "Муцунски"})

    assert response.status_code == 200
    assert [b.title for b in response.context["cl"].result_list] == ["Первый"]


def test_editor_reextracts_selected_bulletins_from_the_list(
    client, editor, django_capture_on_commit_callbacks
):
    bulletin = BulletinFactory(state=ExtractionState.FAILED, attempts=3, error="ValueError: плохо")
    actions = dict(client.get(LIST_URL).context["action_form"].fields["action"].choices)
    assert actions["reextract"] == "Извлечь встречи заново"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            LIST_URL, {"action": "reextract", "_selected_action": [bulletin.pk]}, follow=True
        )

    assert "1 бюллетень поставлен в очередь на извлечение." in response.content.decode("utf-8")
    bulletin.refresh_from_db()
    assert (bulletin.state, bulletin.attempts, bulletin.error) == (ExtractionState.DONE, 1, "")


def test_bulletin_page_is_read_only(client, editor):
    bulletin = BulletinFactory(title="Только чтение")

    page = client.get(f"{LIST_URL}{bulletin.pk}/change/")
    posted = client.post(f"{LIST_URL}{bulletin.pk}/change/", {"title": "Изменено"})

    assert page.status_code == 200
    assert "Только чтение" in page.content.decode("utf-8")
    assert posted.status_code == 403
    bulletin.refresh_from_db()
    assert bulletin.title == "Только чтение"


def test_reviewer_cannot_upload_or_reextract(client, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(groups=["Reviewers"]))
    bulletin = BulletinFactory(state=ExtractionState.FAILED, attempts=3)

    add_get = client.get(ADD_URL)
    add_post = client.post(ADD_URL, {"pasted_text": GOOD})
    changelist = client.get(LIST_URL)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(LIST_URL, {"action": "reextract", "_selected_action": [bulletin.pk]})

    assert add_get.status_code == 403
    assert add_post.status_code == 403
    assert changelist.status_code == 200
    assert changelist.context["action_form"] is None  # no action at all, so no re-extraction
    assert callbacks == []
    bulletin.refresh_from_db()
    assert bulletin.state == ExtractionState.FAILED
    assert Bulletin.objects.count() == 1


def test_analyst_cannot_see_bulletins(client):
    client.force_login(UserFactory(groups=["Analysts"]))
    BulletinFactory()

    assert client.get(LIST_URL).status_code == 403
    assert client.get(ADD_URL).status_code == 403


@pytest.mark.parametrize("url", [LIST_URL, ADD_URL])
def test_anonymous_visitor_is_redirected_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_empty_file_gets_its_own_failed_line_and_the_other_files_are_stored(
    client, editor, django_capture_on_commit_callbacks
):
    files = [upload("good.txt", GOOD.encode()), upload("empty.txt", b""), upload("pair.txt", PAIR.encode())]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD_URL, {"files": files})

    rows = report_rows(response)
    assert [(status, name) for status, name, _ in rows] == [
        ("created", "good.txt"),
        ("failed", "empty.txt"),
        ("created", "pair.txt"),
    ]
    assert rows[1][2] == "empty.txt: файл пуст"
    assert Bulletin.objects.count() == 3
