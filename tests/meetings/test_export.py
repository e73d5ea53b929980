"""The analysts' CSV: its rows and columns, and the same bytes from the admin, the API and the command."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.http import StreamingHttpResponse

from meetings.selectors import export
from meetings.services.people import latin
from newsdesk.roles import ANALYSTS, EDITORS, REVIEWERS
from tests.factories import BulletinFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

API = "/api/meetings/export.csv"
ADMIN = "/admin/meetings/meeting/export.csv"
CHANGELIST = "/admin/meetings/meeting/"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://newsdesk.example"


def meeting(
    date=datetime.date(2026, 3, 2),
    *,
    kz=(),
    cp=(),
    state="approved",
    **fields,
):
    """A meeting with its Kazakh officials ``kz`` and counterparts ``cp`` (names or field dicts), in order."""
    found = MeetingFactory(bulletin=BulletinFactory(date=date), review_state=state, **fields)
    for side, people in (("kz", kz), ("counterpart", cp)):
        for order, person in enumerate(people):
            values = person if isinstance(person, dict) else {"name": person}
            ParticipantFactory(meeting=found, side=side, order=order, **values)
    return found


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def pairs(data: bytes) -> list[tuple[str, str, str]]:
    return [(row["meeting_id"], row["kz_official"], row["counterpart"]) for row in rows(data)]


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def command(*args: str) -> bytes:
    out = io.StringIO()
    call_command("export_meetings", *args, stdout=out)
    return out.getvalue().encode("utf-8")


def logged_in(client, *groups: str, **fields):
    client.force_login(UserFactory(groups=list(groups), **fields))
    return client


# ---- rows and columns ---------------------------------------------------------------------------


def test_each_official_is_paired_with_each_counterpart_in_bulletin_date_then_meeting_order():
    later = meeting(datetime.date(2026, 3, 5), kz=["Бекова", "Абаев"], cp=["Рубио", "Ван И"])
    earlier = meeting(datetime.date(2026, 3, 1), kz=["Ашикбаев"], cp=["Лавров"])
    no_counterpart = meeting(datetime.date(2026, 3, 5), kz=["Нуртлеу"])
    no_official = meeting(datetime.date(2026, 3, 5), cp=[{"name": "", "organization": "ООН"}])
    nobody = meeting(datetime.date(2026, 3, 6))

    assert pairs(command()) == [
        (str(earlier.pk), "Ашикбаев", "Лавров"),
        # Within a meeting: officials, then counterparts, in the order the bulletin names them.
        (str(later.pk), "Бекова", "Рубио"),
        (str(later.pk), "Бекова", "Ван И"),
        (str(later.pk), "Абаев", "Рубио"),
        (str(later.pk), "Абаев", "Ван И"),
        (str(no_counterpart.pk), "Нуртлеу", ""),
        (str(no_official.pk), "", ""),  # an unnamed counterpart: an empty name, the row stays
        (str(nobody.pk), "", ""),
    ]
    assert rows(command())[6]["counterpart_organization"] == "ООН"


def test_the_header_is_stable_and_every_column_is_filled_from_the_meeting_and_its_pair():
    found = meeting(
        datetime.date(2026, 2, 24),
        kind="visit",
        location="Вашингтон",
        topics=["транзит", "энергетика"],
        kz=[{"name": "Ержан Ашикбаев", "role": "ambassador", "posting": "США"}],
        cp=[
            {
                "name": "Марко Рубио",
                "position": "государственный секретарь",
                "organization": "Госдепартамент",
                "country": "США",
            }
        ],
    )
    data = command()
    assert data.decode().splitlines()[0] == ",".join(f'"{name}"' for name in export.HEADER)
    assert export.HEADER == (
        "meeting_id", "event_id", "bulletin_date", "bulletin_title", "kind", "kz_official",
        "kz_official_latin", "kz_official_latin_kind", "role", "posting", "counterpart", "counterpart_latin",
        "counterpart_latin_kind", "counterpart_position",
        "counterpart_organization", "counterpart_country", "location", "topics", "public_url",
    )  # fmt: skip
    assert rows(data) == [
        {
            "meeting_id": str(found.pk),
            "event_id": str(found.pk),  # reported by this bulletin only: its own event
            "bulletin_date": "2026-02-24",
            "bulletin_title": found.bulletin.title,
            "kind": "visit",
            "kz_official": "Ержан Ашикбаев",
            "kz_official_latin": "Erzhan Ashikbaev",
            "kz_official_latin_kind": "icao",
            "role": "ambassador",
            "posting": "США",
            "counterpart": "Марко Рубио",
            "counterpart_latin": "Marko Rubio",
            "counterpart_latin_kind": "transliteration",
            "counterpart_position": "государственный секретарь",
            "counterpart_organization": "Госдепартамент",
            "counterpart_country": "США",
            "location": "Вашингтон",
            "topics": "транзит; энергетика",
            "public_url": f"https://newsdesk.example/meetings/{found.pk}/",
        }
    ]


def test_latin_names_prefer_the_linked_persons_and_otherwise_follow_icao_9303():
    person = PersonFactory(name="Жанар Айтжанова", name_latin="Zhanar Aitzhanova (MFA)")
    meeting(
        kz=[{"name": "Жанар Айтжанова", "person": person}],
        cp=["Сергей Лавров", "Ёко Камикава"],
    )
    found = rows(command())
    assert [row["kz_official_latin"] for row in found] == ["Zhanar Aitzhanova (MFA)"] * 2
    assert [row["counterpart_latin"] for row in found] == [latin("Сергей Лавров"), latin("Ёко Камикава")]
    assert found[0]["counterpart_latin"] == "Sergei Lavrov"


def test_the_csv_says_which_kind_each_latin_name_is():
    official = PersonFactory(name="Мухтар Тлеуберди", is_kz_official=True)
    trump = PersonFactory(name="Дональд Трамп", name_latin="Donald Trump", latin_source="whitehouse.gov")
    meeting(
        kz=[{"name": official.name, "person": official}],
        cp=[{"name": trump.name, "person": trump}, "Хакан Фидан"],
    )
    found = rows(command())
    assert [(r["kz_official_latin"], r["kz_official_latin_kind"]) for r in found] == [
        ("Mukhtar Tleuberdi", "icao")
    ] * 2
    assert [(r["counterpart_latin"], r["counterpart_latin_kind"]) for r in found] == [
        ("Donald Trump", "set"),
        ("Khakan Fidan", "transliteration"),  # the machine's: marked, never passed off as the real one
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote(start):
    value = f'{start}HYPERLINK("http://evil.example","x")'
    meeting(location=value, cp=[{"name": "Рубио", "organization": value}])
    row = rows(command())[0]
    assert row["location"] == "'" + value
    assert row["counterpart_organization"] == "'" + value
    assert row["counterpart"] == "Рубио"


def test_every_cell_is_quoted_and_an_inner_quote_doubled():
    meeting(location='ресторан "Астана"', kz=["Ашикбаев"])
    line = command().decode().splitlines()[1]
    assert line.startswith('"') and line.endswith('"')
    assert '"ресторан ""Астана"""' in line


def test_the_bom_is_written_only_when_asked(client):
    meeting(kz=["Ашикбаев"])
    assert download(client, API + "?bom=1").startswith(b"\xef\xbb\xbf" + b'"meeting_id"')
    assert download(client, API).startswith(b'"meeting_id"')
    assert command("--bom").startswith(b"\xef\xbb\xbf")
    assert not command().startswith(b"\xef\xbb\xbf")


def test_the_command_writes_a_file_when_given_output(tmp_path):
    meeting(kz=["Ашикбаев"], cp=["Лавров"])
    target = tmp_path / "meetings.csv"
    call_command(
        "export_meetings", "--output", str(target), "--bom", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert target.read_bytes() == command("--bom")


def test_the_command_refuses_a_bad_date_with_a_command_error():
    with pytest.raises(CommandError, match="date_from"):
        command("--from", "yesterday")


# ---- filters ------------------------------------------------------------------------------------


def test_filters_by_bulletin_date_range_inclusive():
    meeting(datetime.date(2026, 1, 31), kz=["Январь"])
    meeting(datetime.date(2026, 2, 1), kz=["Начало"])
    meeting(datetime.date(2026, 2, 28), kz=["Конец"])
    meeting(datetime.date(2026, 3, 1), kz=["Март"])
    found = rows(command("--from", "2026-02-01", "--to", "2026-02-28"))
    assert [row["kz_official"] for row in found] == ["Начало", "Конец"]


def test_country_filters_on_the_counterparts_country_and_keeps_every_pair_of_the_meeting(client):
    both = meeting(
        kz=[{"name": "Ашикбаев", "country": "Китай"}],
        cp=[{"name": "Рубио", "country": "США"}, {"name": "Ван И", "country": "Китай"}],
    )
    meeting(kz=[{"name": "Нуртлеу", "country": "США"}], cp=[{"name": "Ван И", "country": "Китай"}])
    assert pairs(command("--country", "США")) == [
        (str(both.pk), "Ашикбаев", "Рубио"),
        (str(both.pk), "Ашикбаев", "Ван И"),
    ]
    assert download(client, API + "?country=США") == command("--country", "США")


def test_filters_by_kind_and_by_kazakh_official(client):
    official = PersonFactory(name="Мурат Нуртлеу")
    visit = meeting(kind="visit", kz=[{"name": "Мурат Нуртлеу", "person": official}])
    call = meeting(kind="phone_call", kz=["Ашикбаев"])
    assert [row["meeting_id"] for row in rows(command("--kind", "visit"))] == [str(visit.pk)]
    assert [row["meeting_id"] for row in rows(command("--kind", "phone_call"))] == [str(call.pk)]
    assert [row["meeting_id"] for row in rows(command("--person", str(official.pk)))] == [str(visit.pk)]
    assert download(client, API + f"?person={official.pk}&kind=visit") == command(
        "--person", str(official.pk), "--kind", "visit"
    )


def test_the_api_answers_400_to_a_bad_filter(client):
    response = client.get(API + "?date_from=yesterday")
    assert response.status_code == 400
    assert "date_from" in response.json()["errors"]


# ---- who sees what ------------------------------------------------------------------------------


def test_anonymous_visitors_and_analysts_get_published_meetings_only_whatever_they_ask(client):
    published = meeting(kz=["Опубликованный"])
    meeting(kz=["Ожидающий"], state="pending")
    meeting(kz=["Отклонённый"], state="rejected")
    for url in (API, API + "?review_state=pending", API + "?review_state=rejected"):
        assert {row["meeting_id"] for row in rows(download(client, url))} <= {str(published.pk)}
    logged_in(client, ANALYSTS)
    assert [row["kz_official"] for row in rows(download(client, API + "?review_state=pending"))] == []
    assert [row["kz_official"] for row in rows(download(client, ADMIN))] == ["Опубликованный"]
    assert [
        row["kz_official"] for row in rows(download(client, ADMIN + "?review_state__exact=pending"))
    ] == []


def test_reviewers_may_export_other_review_states(client):
    meeting(kz=["Опубликованный"])
    meeting(kz=["Ожидающий"], state="pending")
    logged_in(client, REVIEWERS)
    assert [row["kz_official"] for row in rows(download(client, API + "?review_state=pending"))] == [
        "Ожидающий"
    ]
    assert rows(command("--status", "pending"))[0]["kz_official"] == "Ожидающий"


@pytest.mark.parametrize(
    ("who", "status"),
    [(ANALYSTS, 200), (REVIEWERS, 200), ("superuser", 200), (EDITORS, 403), ("no role", 403)],
)
def test_only_analysts_reviewers_and_superusers_may_export_from_the_admin(client, who, status):
    meeting(kz=["Ашикбаев"])
    if who == "superuser":
        logged_in(client, is_superuser=True)
    elif who == "no role":
        user = UserFactory()
        user.user_permissions.add(Permission.objects.get(codename="view_meeting"))  # may read, not export
        client.force_login(user)
    else:
        logged_in(client, who)
    assert client.get(ADMIN).status_code == status


def test_anonymous_users_are_sent_to_the_admin_login_not_given_the_admin_export(client):
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_changelist_shows_the_export_button_with_its_filters_to_analysts_only(client):
    meeting(kz=["Ашикбаев"], cp=[{"name": "Рубио", "country": "США"}])
    logged_in(client, ANALYSTS)
    page = client.get(CHANGELIST + "?country=США").content.decode()
    assert 'id="export-csv"' in page
    assert f"{ADMIN}?country=" in page
    client.logout()
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(user)
    assert 'id="export-csv"' not in client.get(CHANGELIST).content.decode()


def test_the_admin_action_exports_the_selected_meetings(client):
    chosen = meeting(kz=["Ашикбаев"], cp=["Лавров"])
    meeting(kz=["Нуртлеу"])
    logged_in(client, ANALYSTS)
    response = client.post(
        CHANGELIST, {"action": "export_selected", "_selected_action": [chosen.pk], "index": 0}
    )
    assert isinstance(response, StreamingHttpResponse)
    assert pairs(b"".join(response.streaming_content)) == [(str(chosen.pk), "Ашикбаев", "Лавров")]


def test_editors_cannot_run_the_export_action(client):
    found = meeting(kz=["Ашикбаев"])
    logged_in(client, EDITORS)
    response = client.post(CHANGELIST, {"action": "export_selected", "_selected_action": [found.pk]})
    assert response.status_code == 403


# ---- one format, three paths --------------------------------------------------------------------


def test_the_admin_the_api_and_the_command_give_identical_bytes_for_the_same_filters(client):
    usa = meeting(
        datetime.date(2026, 2, 24),
        kz=["Ержан Ашикбаев", "Мурат Нуртлеу"],
        cp=[{"name": "Марко Рубио", "country": "США"}, {"name": "=cmd", "country": "Китай"}],
        topics=["транзит"],
    )
    meeting(datetime.date(2026, 2, 25), kz=["Ашикбаев"], cp=[{"name": "Ван И", "country": "Китай"}])
    meeting(
        datetime.date(2026, 2, 26), kz=["Скрытый"], cp=[{"name": "Рубио", "country": "США"}], state="pending"
    )
    meeting(datetime.date(2026, 2, 27), kind="visit", cp=[{"name": "Бербок", "country": "США"}])

    from_command = command("--country", "США", "--kind", "meeting")
    anonymous_api = download(client, API + "?country=США&kind=meeting")
    logged_in(client, ANALYSTS)
    analyst_api = download(client, API + "?country=США&kind=meeting")
    admin_button = download(client, ADMIN + "?country=США&kind__exact=meeting")

    assert {row["meeting_id"] for row in rows(from_command)} == {str(usa.pk)}
    assert len(rows(from_command)) == 4
    assert from_command == anonymous_api == analyst_api == admin_button
    assert download(client, ADMIN + "?country=США&kind__exact=meeting&bom=1") == command(
        "--country", "США", "--kind", "meeting", "--bom"
    )


def test_the_api_streams_an_attachment_in_utf8(client):
    meeting(kz=["Ашикбаев"])
    response = client.get(API + "?date_from=2026-01-01&date_to=2026-12-31")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="meetings_2026-01-01_2026-12-31.csv"'


def test_csv_lines_yields_the_header_before_the_query_runs(django_assert_num_queries):
    meeting(kz=["Ашикбаев"])
    lines = export.csv_lines(export.exportable_meetings(params={}, user=None))
    with django_assert_num_queries(0):
        assert next(lines).startswith('"meeting_id"')
    with django_assert_num_queries(1):
        assert len(list(lines)) == 1


@pytest.mark.parametrize("count", [1, 6])
def test_the_export_is_one_query_however_many_rows(client, django_assert_num_queries, count):
    for _ in range(count):
        meeting(
            kz=[{"name": "Ашикбаев", "person": PersonFactory()}, "Нуртлеу"],
            cp=["Лавров", {"name": "Рубио", "person": PersonFactory()}],
        )
    with django_assert_num_queries(1):  # the pairs, joined with meetings, bulletins and people
        data = download(client, API)
    assert len(rows(data)) == 4 * count
    with django_assert_num_queries(1):
        assert len(rows(command())) == 4 * count


def test_the_admin_export_refuses_an_unknown_filter_with_400(client):
    logged_in(client, ANALYSTS)
    assert client.get(ADMIN + "?no_such_filter=1").status_code == 400
