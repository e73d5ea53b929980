"""The review screen in the admin: queue, review page, optimistic locking, approve/reject, recall."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from meetings.models import Meeting, Origin, Participant, PersonAlias, ReviewState, Side
from meetings.selectors import queue as review_queue
from meetings.services import records
from meetings.web.highlight import Span, highlight
from newsdesk import services
from newsdesk.models import Bulletin
from tests.factories import BulletinFactory, UserFactory

SEED = Path(__file__).resolve().parents[2] / "samples" / "000_seed.txt"
CHANGELIST = reverse("admin:meetings_meeting_changelist")


def change_url(meeting: Meeting) -> str:
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def approve_url(meeting: Meeting) -> str:
    return reverse("admin:meetings_meeting_approve", args=[meeting.pk])


def reject_url(meeting: Meeting) -> str:
    return reverse("admin:meetings_meeting_reject", args=[meeting.pk])


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reviewer(db):
    return UserFactory(groups=["Reviewers"])


@pytest.fixture
def seed_meetings(db, django_capture_on_commit_callbacks) -> list[Meeting]:
    """The sample bulletin stored and extracted for real (eager Celery, natasha)."""
    with django_capture_on_commit_callbacks(execute=True):
        services.store_bulletins(files=[(SEED.name, SEED.read_bytes())])
    meetings = list(Meeting.objects.order_by("id"))
    assert len(meetings) >= 3
    return meetings


def machine_meeting(
    bulletin: Bulletin,
    *,
    kz: list[str],
    counterparts: list[tuple[str, str]],
    confidence: float | None = 0.9,
    order: int = 0,
) -> Meeting:
    """A machine record saved the way extraction saves one (machine_output included)."""
    data = {
        "kind": "meeting",
        "kz_side": [{"name": name, "position": "посол Казахстана"} for name in kz],
        "counterparts": [{"name": name, "country": country} for name, country in counterparts],
        "topics": [],
        "evidence": None,
        "confidence": confidence,
    }
    key = records.event_signature(data) + f"#{order}"
    return records.create_meeting(bulletin, key, data, "test", order)


def post_data(response) -> dict:
    """The change form as the browser would send it back unchanged (main form and inlines)."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            value = field.prepare_value(form[name].value())
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = "" if value is None else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def inline_index(data: dict, participant: Participant) -> str:
    """The inline prefix ("participants-N") of ``participant`` in ``data``."""
    for key, value in data.items():
        if key.endswith("-id") and str(value) == str(participant.pk):
            return key[: -len("-id")]
    raise AssertionError(f"participant {participant.pk} is not in the form")


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---- highlight ------------------------------------------------------------------------------------


def test_highlight_escapes_text_and_wraps_each_span_in_a_mark_of_its_class():
    text = "Посол <Казахстана> встретился с министром & послом."
    html = highlight(text, [Span(0, 18, "kz"), Span(32, 41, "counterpart")])

    assert html == (
        '<mark class="kz">Посол &lt;Казахстана&gt;</mark> встретился с '
        '<mark class="counterpart">министром</mark> &amp; послом.'
    )


def test_highlight_nests_overlapping_spans_inside_the_evidence_and_keeps_every_character():
    text = "Альфа Бета Гамма"
    html = highlight(
        text,
        [Span(6, 16, "counterpart"), Span(0, 10, "evidence"), Span(0, 5, "kz"), Span(50, 60, "kz")],
    )

    assert html == (
        '<mark class="evidence"><mark class="kz">Альфа</mark></mark>'
        '<mark class="evidence"> </mark>'
        '<mark class="evidence"><mark class="counterpart">Бета</mark></mark>'
        '<mark class="counterpart"> Гамма</mark>'
    )
    assert re.sub(r"<[^>]+>", "", html) == text


# ---- the queue ------------------------------------------------------------------------------------


@pytest.fixture
def queue(db):
    """Three meetings over two bulletin dates, countries and confidences."""
    early = BulletinFactory(date=datetime.date(2026, 1, 10))
    late = BulletinFactory(date=datetime.date(2026, 2, 20))
    return {
        "late_high": machine_meeting(late, kz=["Асет Нурланов"], counterparts=[("Иван Петров", "Россия")]),
        "early_low": machine_meeting(
            early, kz=["Берик Сапаров"], counterparts=[("Ли Вэй", "Китай")], confidence=0.3
        ),
        "early_mid": machine_meeting(
            early, kz=["Асет Нурланов"], counterparts=[("Ханс Мюллер", "Германия")], confidence=0.6, order=1
        ),
    }


def listed(response) -> list[int]:
    return [m.pk for m in response.context["cl"].result_list]


def test_queue_goes_by_bulletin_date_and_lowest_confidence_first_on_request(client, reviewer, queue):
    client.force_login(reviewer)

    by_date = client.get(CHANGELIST)
    assert listed(by_date) == [queue["early_low"].pk, queue["early_mid"].pk, queue["late_high"].pk]
    assert "Ли Вэй <small>(Китай)</small>" in by_date.content.decode()

    confidence_column = list(by_date.context["cl"].list_display).index("confidence_display")
    by_confidence = client.get(CHANGELIST, {"o": str(confidence_column)})
    assert listed(by_confidence) == [queue["early_low"].pk, queue["early_mid"].pk, queue["late_high"].pk]
    assert listed(client.get(CHANGELIST, {"o": f"-{confidence_column}"}))[0] == queue["late_high"].pk


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "Китай"}, ["early_low"]),
        ({"confidence_band": "low"}, ["early_low"]),
        ({"confidence_band": "medium"}, ["early_mid"]),
        ({"confidence_band": "high"}, ["late_high"]),
        ({"kind": "meeting", "review_state": "approved"}, []),
        ({"bulletin_date__gte": "2026-02-01"}, ["late_high"]),
    ],
)
def test_queue_filters_by_country_confidence_state_and_date(client, reviewer, queue, query, expected):
    client.force_login(reviewer)

    response = client.get(CHANGELIST, query)

    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(queue[name].pk for name in expected)


def test_queue_filters_by_kazakh_official(client, reviewer, queue):
    client.force_login(reviewer)
    official = queue["late_high"].participants.get(side=Side.KZ).person

    response = client.get(CHANGELIST, {"kz_person": official.pk})

    assert sorted(listed(response)) == sorted([queue["late_high"].pk, queue["early_mid"].pk])
    assert "Асет Нурланов" in response.content.decode()


def test_queue_query_count_does_not_grow_with_the_number_of_meetings(
    client, reviewer, queue, django_assert_max_num_queries
):
    client.force_login(reviewer)
    client.get(CHANGELIST)  # warm caches (content types, permissions) like any later page
    bulletin = BulletinFactory()
    for order in range(15):
        guests = [(f"Гость {order}", "Перу")]
        machine_meeting(bulletin, kz=[f"Официал {order}"], counterparts=guests, order=order)

    # session, user, permissions, 2 filters' lookups, counts, page of meetings, participants with
    # persons: a fixed number whatever the page holds.
    with django_assert_max_num_queries(14):
        response = client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 18


def test_analysts_see_only_approved_meetings_in_the_queue(client, queue):
    analyst = UserFactory(groups=["Analysts"])
    Meeting.objects.filter(pk=queue["late_high"].pk).update(review_state=ReviewState.APPROVED)
    client.force_login(analyst)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert listed(response) == [queue["late_high"].pk]
    assert client.get(change_url(queue["early_low"])).status_code == 302  # not found for them
    assert client.get(change_url(queue["late_high"])).status_code == 200


def test_analysts_filter_sidebar_offers_only_values_of_published_meetings(client, queue):
    Meeting.objects.filter(pk=queue["late_high"].pk).update(review_state=ReviewState.APPROVED)
    client.force_login(UserFactory(groups=["Analysts"]))

    page = client.get(CHANGELIST).content.decode()

    assert "Россия" in page and "Асет Нурланов" in page
    for unpublished in ("Китай", "Германия", "Берик Сапаров"):
        assert unpublished not in page


def test_analysts_get_no_history_of_unpublished_meetings_and_no_link_to_pending_ones(client, reviewer, queue):
    published, rejected = queue["late_high"], queue["early_low"]
    client.force_login(reviewer)
    client.post(approve_url(published), {"version": published.version})
    client.post(reject_url(rejected), {"version": rejected.version, "reason": "тайная причина"})
    history = reverse("admin:meetings_meeting_history", args=[published.pk])
    assert history in client.get(change_url(published)).content.decode()  # the reviewer's record
    assert client.get(history).status_code == 200
    client.force_login(UserFactory(groups=["Analysts"]))

    assert client.get(reverse("admin:meetings_meeting_history", args=[rejected.pk])).status_code == 404
    # Nor the history of a published one: it keeps readings and reasons that were never published.
    assert client.get(reverse("admin:meetings_meeting_history", args=[published.pk])).status_code == 404
    page = client.get(change_url(published)).content.decode()
    assert 'id="next-meeting"' not in page and 'id="next-link"' not in page
    assert reverse("admin:meetings_meeting_history", args=[published.pk]) not in page
    assert change_url(queue["early_mid"]) not in page


def test_earlier_versions_of_unpublished_meetings_are_hidden_from_analysts_and_odd_ids_are_404(
    client, reviewer, queue
):
    rejected = queue["early_low"]
    client.force_login(reviewer)
    client.post(reject_url(rejected), {"version": rejected.version, "reason": "тайная причина"})
    version_id = rejected.history.latest("history_date").history_id
    page = reverse("admin:meetings_meeting_simple_history", args=[rejected.pk, version_id])
    analyst = UserFactory(groups=["Analysts"])

    assert client.get(page).status_code == 200
    client.force_login(analyst)
    assert client.get(page).status_code == 404
    for odd in (
        f"/admin/meetings/meeting/abc/history/{version_id}/",
        f"/admin/meetings/meeting/{rejected.pk}/history/1.5/",
    ):
        assert client.get(odd).status_code == 404


def test_analysts_may_not_restore_an_earlier_version(client, reviewer, queue):
    published = queue["late_high"]
    client.force_login(reviewer)
    client.post(approve_url(published), {"version": published.version})
    version_id = published.history.earliest("history_date").history_id
    client.force_login(UserFactory(groups=["Analysts"]))

    response = client.post(
        reverse("admin:meetings_meeting_simple_history", args=[published.pk, version_id]),
        {"location": "ЗДЕСЬ БЫЛ АНАЛИТИК", "_change_history": "1"},
    )

    assert response.status_code == 404
    published.refresh_from_db()
    assert published.location != "ЗДЕСЬ БЫЛ АНАЛИТИК"


def test_a_punctuation_only_name_is_refused_with_a_message_not_a_server_error(
    client, reviewer, seed_meetings
):
    meeting = seed_meetings[0]
    counterpart = meeting.participants.filter(side=Side.COUNTERPART).first()
    client.force_login(reviewer)
    data = post_data(client.get(change_url(meeting)))
    data[f"{inline_index(data, counterpart)}-name"] = "!!!"

    response = client.post(change_url(meeting), {**data, "_approve": "1"})

    assert response.status_code == 200
    assert "одних знаков препинания" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.PENDING


def test_a_forged_person_id_in_the_form_is_refused_not_a_server_error(client, reviewer, seed_meetings):
    meeting = seed_meetings[0]
    counterpart = meeting.participants.filter(side=Side.COUNTERPART).first()
    client.force_login(reviewer)
    data = post_data(client.get(change_url(meeting)))

    for forged in ("abc", "1" * 23):
        data[f"{inline_index(data, counterpart)}-person"] = forged
        assert client.post(change_url(meeting), data).status_code == 200


# ---- the review page ------------------------------------------------------------------------------


def test_review_page_highlights_the_evidence_and_each_side_in_its_colour(client, reviewer, seed_meetings):
    meeting = seed_meetings[0]
    client.force_login(reviewer)

    page = client.get(change_url(meeting)).content.decode()

    kz = meeting.participants.get(side=Side.KZ)
    counterpart = meeting.participants.filter(side=Side.COUNTERPART).first()
    text = meeting.bulletin.text
    assert f'<mark class="kz" title="{kz.name}">{text[kz.mention_start : kz.mention_end]}</mark>' in page
    assert (
        f'<mark class="counterpart" title="{counterpart.name}">'
        f"{text[counterpart.mention_start : counterpart.mention_end]}</mark>"
    ) in page
    assert '<mark class="evidence">' in page
    assert 'id="shortcut-hint"' in page
    assert "review.js" in page


def test_review_page_shows_the_machines_values_beside_the_current_ones(client, reviewer, seed_meetings):
    meeting = seed_meetings[0]
    counterpart = meeting.participants.filter(side=Side.COUNTERPART).first()
    machine_name = counterpart.name
    counterpart.name = "Исправленное Имя"
    counterpart.save()
    client.force_login(reviewer)

    response = client.get(change_url(meeting))

    compared = {item.title: item for item in response.context["compared_participants"]}
    rows = {row[0]: row for row in compared["Исправленное Имя"].rows}
    assert rows["имя"][1:] == (machine_name, "Исправленное Имя", True)
    assert rows["страна"][3] is False
    page = response.content.decode()
    assert 'class="differs"' in page
    assert machine_name in page


def test_correcting_a_counterparts_name_in_the_inline_saves_edit_history_and_learns_an_alias(
    client, reviewer, seed_meetings
):
    meeting = seed_meetings[0]
    counterpart = meeting.participants.filter(side=Side.COUNTERPART).first()
    machine_name = counterpart.machine_name
    client.force_login(reviewer)
    data = post_data(client.get(change_url(meeting)))
    data[f"{inline_index(data, counterpart)}-name"] = "Тимо Муцунский"

    response = client.post(change_url(meeting), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    counterpart.refresh_from_db()
    meeting.refresh_from_db()
    assert counterpart.name == "Тимо Муцунский"
    assert counterpart.person.name == "Тимо Муцунский"
    assert (meeting.edited, meeting.version) == (True, 2)
    assert meeting.history.first().history_user == reviewer
    assert counterpart.history.first().history_user == reviewer
    assert counterpart.history.first().name == "Тимо Муцунский"
    alias = PersonAlias.objects.get(alias=machine_name)
    assert alias.person == counterpart.person
    assert alias.created_by == reviewer


def test_a_reviewer_adds_and_removes_participants_in_the_inline(client, reviewer, seed_meetings):
    meeting = seed_meetings[1]
    removed = meeting.participants.filter(side=Side.COUNTERPART).last()
    client.force_login(reviewer)
    data = post_data(client.get(change_url(meeting)))
    data[f"{inline_index(data, removed)}-DELETE"] = "on"
    total = int(data["participants-TOTAL_FORMS"])
    data.update(
        {
            "participants-TOTAL_FORMS": str(total + 1),
            f"participants-{total}-name": "Новый Участник",
            f"participants-{total}-side": Side.COUNTERPART,
            f"participants-{total}-country": "Кения",
        }
    )

    assert client.post(change_url(meeting), data).status_code == 302

    names = set(meeting.participants.values_list("name", flat=True))
    assert "Новый Участник" in names
    assert removed.name not in names
    added = meeting.participants.get(name="Новый Участник")
    assert added.person is not None and added.order > 0
    meeting.refresh_from_db()
    assert meeting.edited and meeting.version == 2
    statuses = {item.status for item in review_queue.machine_vs_current(meeting)}
    assert statuses == {"", "added", "removed"}


def test_second_reviewer_saving_an_old_version_is_refused_with_the_first_ones_change(
    client, reviewer, seed_meetings
):
    meeting = seed_meetings[0]
    second = UserFactory(groups=["Reviewers"])
    other = Client()
    client.force_login(reviewer)
    other.force_login(second)
    first_data = post_data(client.get(change_url(meeting)))
    second_data = post_data(other.get(change_url(meeting)))
    assert first_data["version"] == second_data["version"] == 1

    first_data["location"] = "Скопье"
    assert client.post(change_url(meeting), first_data).status_code == 302
    second_data["location"] = "Охрид"
    refused = other.post(change_url(meeting), second_data)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Встреча изменилась после того, как вы открыли страницу" in page
    assert reviewer.username in page
    assert "«Скопье»" in page
    meeting.refresh_from_db()
    assert (meeting.location, meeting.version) == ("Скопье", 2)


# ---- approve and reject ---------------------------------------------------------------------------


def test_approving_on_the_page_publishes_and_goes_to_the_next_pending_meeting(
    client, reviewer, seed_meetings
):
    first, second = seed_meetings[0], seed_meetings[1]
    client.force_login(reviewer)

    response = client.post(approve_url(first), {"version": first.version})

    assert response.status_code == 302
    assert response.url == change_url(second)
    first.refresh_from_db()
    assert (first.review_state, first.reviewed_by, first.version) == (ReviewState.APPROVED, reviewer, 2)


def test_approve_on_the_page_saves_what_was_typed_and_approves_in_one_step(client, reviewer, seed_meetings):
    meeting = seed_meetings[0]
    client.force_login(reviewer)
    data = post_data(client.get(change_url(meeting)))
    data["location"] = "Охрид"
    data["topics"] = ["туризм", "", "  транзит  "]  # one input per topic, an empty one to add

    response = client.post(change_url(meeting), {**data, "_approve": "1"})

    assert response.status_code == 302
    assert response.url == change_url(seed_meetings[1])
    meeting.refresh_from_db()
    assert (meeting.location, meeting.topics, meeting.review_state) == (
        "Охрид",
        ["туризм", "транзит"],
        ReviewState.APPROVED,
    )
    assert meeting.edited and meeting.reviewed_by == reviewer


def test_approve_with_an_invalid_edit_is_refused_with_the_forms_errors(client, reviewer, seed_meetings):
    meeting = seed_meetings[0]
    client.force_login(reviewer)
    data = post_data(client.get(change_url(meeting)))
    data["evidence_start"], data["evidence_end"] = "5", "999999"

    response = client.post(change_url(meeting), {**data, "_approve": "1"})

    assert response.status_code == 200
    assert "не лежит внутри текста бюллетеня" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.PENDING


def test_analysts_and_editors_cannot_approve_through_the_review_form(client, seed_meetings):
    meeting = seed_meetings[0]
    client.force_login(UserFactory(groups=["Editors", "Analysts"]))

    response = client.post(change_url(meeting), {"version": "1", "_approve": "1"})

    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.PENDING


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("", []),
        ("true", ["true"]),
        ("5", ["5"]),
        ('["a", "b"]', ['["a", "b"]']),
        ("одна\r\nдве", ["одна", "две"]),
    ],
    ids=["cleared", "true", "number", "json-looking", "crlf"],
)
def test_topics_are_typed_one_per_line_and_always_stored_as_a_list(
    client, reviewer, seed_meetings, typed, stored
):
    meeting = seed_meetings[0]
    client.force_login(reviewer)
    data = post_data(client.get(change_url(meeting)))
    data["topics"] = typed

    assert client.post(change_url(meeting), data).status_code == 302

    meeting.refresh_from_db()
    assert meeting.topics == stored
    assert client.get(change_url(meeting)).status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("topics", "туризм\x00", "нулевой символ"),
        ("topics", "т" * 201, "длиннее 200"),
        ("topics", "\n".join(f"тема {n}" for n in range(21)), "не больше 20"),
        ("location", "Вена\x00", "ноль-байт"),
    ],
    ids=["nul-topic", "long-topic", "too-many-topics", "nul-location"],
)
def test_malformed_review_input_is_refused_with_a_message_not_a_server_error(
    client, reviewer, seed_meetings, field, value, error
):
    meeting = seed_meetings[0]
    client.force_login(reviewer)
    data = post_data(client.get(change_url(meeting)))
    data[field] = value

    response = client.post(change_url(meeting), data)

    assert response.status_code == 200
    assert error.lower() in response.content.decode().lower()
    meeting.refresh_from_db()
    assert meeting.version == 1


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        (reject_url, {"version": "1", "reason": "не то\x00"}, "ноль-байт"),
        (approve_url, {"version": "¹"}, "Страница устарела"),
        (approve_url, {"version": "-3"}, "Страница устарела"),
        (reject_url, {"version": "1", "reason": "я" * 2001}, "2000"),
    ],
    ids=["nul-reason", "superscript-version", "negative-version", "overlong-reason"],
)
def test_malformed_decisions_are_reported_and_change_nothing(
    client, reviewer, seed_meetings, url, data, message
):
    meeting = seed_meetings[0]
    client.force_login(reviewer)

    response = client.post(url(meeting), data)

    assert response.status_code == 302
    assert any(message.lower() in m.lower() for m in messages_of(response))
    meeting.refresh_from_db()
    assert (meeting.review_state, meeting.version) == (ReviewState.PENDING, 1)


def test_rejecting_on_the_page_needs_a_reason(client, reviewer, seed_meetings):
    meeting = seed_meetings[0]
    client.force_login(reviewer)

    refused = client.post(reject_url(meeting), {"version": meeting.version, "reason": "  "})
    assert refused.url == change_url(meeting)
    assert "Чтобы отклонить встречу, укажите причину." in messages_of(refused)
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.PENDING

    client.post(reject_url(meeting), {"version": meeting.version, "reason": "Это не встреча"})
    meeting.refresh_from_db()
    assert (meeting.review_state, meeting.reject_reason) == (ReviewState.REJECTED, "Это не встреча")


def test_approving_from_a_stale_page_is_reported_and_changes_nothing(client, reviewer, seed_meetings):
    meeting = seed_meetings[0]
    client.force_login(reviewer)
    client.post(reject_url(meeting), {"version": 1, "reason": "дубликат"})

    response = client.post(approve_url(meeting), {"version": 1})

    assert response.url == change_url(meeting)
    assert any("Встреча изменилась после того, как вы открыли страницу" in m for m in messages_of(response))
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.REJECTED


def test_a_get_on_approve_or_reject_decides_nothing_and_goes_back_to_the_meeting(
    client, reviewer, seed_meetings
):
    meeting = seed_meetings[0]
    client.force_login(reviewer)

    for url in (approve_url(meeting), reject_url(meeting)):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, change_url(meeting))

    meeting.refresh_from_db()
    assert meeting.is_pending


def test_bulk_approve_and_bulk_reject_with_a_reason(client, reviewer, seed_meetings):
    first, second, third = seed_meetings[:3]
    client.force_login(reviewer)

    client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [first.pk, second.pk]})
    asked = client.post(CHANGELIST, {"action": "reject_selected", "_selected_action": [third.pk]})
    assert asked.status_code == 200
    assert "Причина отклонения" in asked.content.decode()
    third.refresh_from_db()
    assert third.review_state == ReviewState.PENDING
    done = client.post(
        CHANGELIST,
        {"action": "reject_selected", "_selected_action": [third.pk], "post": "yes", "reason": "не встреча"},
    )

    assert done.status_code == 302
    chosen = Meeting.objects.filter(pk__in=[first.pk, second.pk, third.pk])
    states = dict(chosen.values_list("pk", "review_state"))
    assert states == {first.pk: "approved", second.pk: "approved", third.pk: "rejected"}
    third.refresh_from_db()
    assert third.reject_reason == "не встреча"


@pytest.mark.parametrize("group", ["Editors", "Analysts"])
def test_editors_and_analysts_may_not_approve_reject_or_edit(client, seed_meetings, group):
    meeting = seed_meetings[0]
    Meeting.objects.filter(pk=meeting.pk).update(review_state=ReviewState.APPROVED)
    client.force_login(UserFactory(groups=[group]))

    assert client.post(approve_url(meeting), {"version": 1}).status_code == 403
    assert client.post(reject_url(meeting), {"version": 1, "reason": "x"}).status_code == 403
    assert client.post(change_url(meeting), {"version": 1, "location": "Где-то"}).status_code == 403
    meeting.refresh_from_db()
    assert (meeting.location, meeting.version, meeting.review_state) == ("", 1, ReviewState.APPROVED)


def test_analysts_get_no_review_actions_in_the_queue(client, queue):
    client.force_login(UserFactory(groups=["Analysts"]))
    response = client.get(CHANGELIST)
    assert "approve_selected" not in response.content.decode()


def test_next_pending_meeting_follows_the_queue_and_wraps_around(queue, reviewer):
    early_low, early_mid, late_high = queue["early_low"], queue["early_mid"], queue["late_high"]

    assert review_queue.next_pending_meeting(after=early_low) == early_mid
    assert review_queue.next_pending_meeting(after=early_mid) == late_high
    assert review_queue.next_pending_meeting(after=late_high) == early_low


def test_review_page_links_to_the_next_pending_meeting(client, reviewer, queue):
    client.force_login(reviewer)
    page = client.get(change_url(queue["early_low"])).content.decode()
    assert f'href="{change_url(queue["early_mid"])}" id="next-link"' in page


# ---- recall: a meeting the machine missed ---------------------------------------------------------


def test_reviewer_adds_a_missed_meeting_from_a_bulletin_with_evidence_offsets(
    client, reviewer, seed_meetings
):
    bulletin = seed_meetings[0].bulletin
    add_url = reverse("admin:meetings_meeting_add") + f"?bulletin={bulletin.pk}"
    client.force_login(reviewer)
    page = client.get(add_url)
    assert page.status_code == 200
    assert 'id="bulletin-text"' in page.content.decode()
    start = bulletin.text.index("Стороны обсудили")
    end = start + len("Стороны обсудили")

    response = client.post(
        add_url,
        {
            "bulletin": bulletin.pk,
            "kind": "phone_call",
            "location": "",
            "topics": "[]",
            "evidence_start": start,
            "evidence_end": end,
            "version": 1,
            "participants-TOTAL_FORMS": "2",
            "participants-INITIAL_FORMS": "0",
            "participants-0-name": "Сатыбалды Буршаков",
            "participants-0-side": Side.KZ,
            "participants-1-name": "Тимчо Муцунски",
            "participants-1-side": Side.COUNTERPART,
            "participants-1-country": "Северная Македония",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(origin=Origin.REVIEWER)
    assert meeting.bulletin == bulletin
    assert meeting.review_state == ReviewState.PENDING
    assert meeting.match_key.startswith("reviewer:") and len(meeting.match_key) <= 64
    assert bulletin.text[meeting.evidence_start : meeting.evidence_end] == "Стороны обсудили"
    assert meeting.history.first().history_user == reviewer
    assert sorted(meeting.participants.values_list("side", "name")) == [
        ("counterpart", "Тимчо Муцунски"),
        ("kz", "Сатыбалды Буршаков"),
    ]


def test_evidence_outside_the_bulletin_text_is_refused(client, reviewer, seed_meetings):
    bulletin = seed_meetings[0].bulletin
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:meetings_meeting_add") + f"?bulletin={bulletin.pk}",
        {
            "bulletin": bulletin.pk,
            "kind": "meeting",
            "topics": "[]",
            "evidence_start": 10,
            "evidence_end": len(bulletin.text) + 5,
            "version": 1,
            "participants-TOTAL_FORMS": "0",
            "participants-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "не лежит внутри текста бюллетеня" in response.content.decode()
    assert not Meeting.objects.filter(origin=Origin.REVIEWER).exists()


def test_history_page_shows_who_changed_what_from_old_to_new(client, reviewer, seed_meetings):
    meeting = seed_meetings[0]
    client.force_login(reviewer)
    data = post_data(client.get(change_url(meeting)))
    data["location"] = "Скопье"
    assert client.post(change_url(meeting), data).status_code == 302

    page = client.get(reverse("admin:meetings_meeting_history", args=[meeting.pk])).content.decode()

    assert reviewer.username in page
    assert "Скопье" in page
    assert "место" in page.lower()
