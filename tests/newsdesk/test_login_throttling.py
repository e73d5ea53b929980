"""The admin login refuses a username+address pair after repeated wrong passwords, for a while."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"  # UserFactory's password
LOGIN = "/admin/login/"


def log_in(client, username: str, password: str, **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, headers=headers
    )


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username: str, times: int, **headers) -> None:
    for _ in range(times):
        response = log_in(client, username, "wrong password", **headers)
        assert response.status_code in {200, 429}  # the form again, then the lockout page


@pytest.mark.django_db
def test_wrong_passwords_up_to_the_limit_lock_the_account_out_even_for_the_right_password(client):
    editor = UserFactory()

    fail(client, editor.username, settings.AXES_FAILURE_LIMIT)
    response = log_in(client, editor.username, PASSWORD)

    assert settings.AXES_FAILURE_LIMIT == 10
    assert response.status_code == 429
    assert not is_logged_in(client)


@pytest.mark.django_db
def test_fewer_wrong_passwords_than_the_limit_still_let_the_right_password_in(client):
    editor = UserFactory()

    fail(client, editor.username, settings.AXES_FAILURE_LIMIT - 1)
    response = log_in(client, editor.username, PASSWORD)

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert is_logged_in(client)


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off_time(client):
    editor = UserFactory()
    fail(client, editor.username, settings.AXES_FAILURE_LIMIT)
    assert log_in(client, editor.username, PASSWORD).status_code == 429

    # The cool-off has passed: the failures were recorded that long ago.
    cool_off = settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off - timezone.timedelta(seconds=1))
    response = log_in(client, editor.username, PASSWORD)

    assert cool_off == timezone.timedelta(minutes=15)
    assert response.status_code == 302
    assert is_logged_in(client)


@pytest.mark.django_db
def test_a_locked_out_username_does_not_lock_out_other_users(client):
    attacked, colleague = UserFactory(), UserFactory()
    fail(client, attacked.username, settings.AXES_FAILURE_LIMIT)

    response = log_in(client, colleague.username, PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


@pytest.mark.django_db
def test_axes_reset_username_lifts_a_lockout_at_once(client):
    from django.core.management import call_command

    editor = UserFactory()
    fail(client, editor.username, settings.AXES_FAILURE_LIMIT)

    call_command("axes_reset_username", editor.username, verbosity=0)
    response = log_in(client, editor.username, PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


@pytest.mark.django_db
def test_a_made_up_x_forwarded_for_does_not_escape_a_lockout(client):
    editor = UserFactory()
    fail(client, editor.username, settings.AXES_FAILURE_LIMIT, X_Forwarded_For="203.0.113.7")

    response = log_in(client, editor.username, PASSWORD, X_Forwarded_For="198.51.100.2")

    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_lockout_is_per_client_address(client, settings):
    settings.NUM_PROXIES = 1
    editor = UserFactory()
    fail(client, editor.username, settings.AXES_FAILURE_LIMIT, X_Forwarded_For="203.0.113.7")

    locked = log_in(client, editor.username, PASSWORD, X_Forwarded_For="203.0.113.7")
    elsewhere = log_in(client, editor.username, PASSWORD, X_Forwarded_For="198.51.100.2")

    assert locked.status_code == 429
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_an_overlong_username_is_a_failed_login_not_a_server_error(client):
    response = client.post("/admin/login/", {"username": "a" * 300, "password": "x" * 20})

    assert response.status_code == 200


def test_a_nul_in_a_header_is_refused_before_anything_stores_it(client):
    response = client.post(
        "/admin/login/", {"username": "u", "password": "p"}, HTTP_USER_AGENT="bad\x00agent"
    )

    assert response.status_code == 400
