"""Settings read from the environment: production checks, refused values, defaults, migrations."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from newsdesk.settings import env_bool, env_float, env_int, env_list

# Variables a developer's shell or CI may set that would change what these tests check.
OVERRIDES = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "LANGUAGE_CODE", "TIME_ZONE", "SECURE_SSL_REDIRECT")


def clean_env(tmp_path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in OVERRIDES and k != "DJANGO_SETTINGS_MODULE"}
    env["NEWSDESK_DATA_DIR"] = str(tmp_path)
    env.update(values)
    return env


def manage(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean_env(tmp_path, **env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(45),  # 60 characters
        ALLOWED_HOSTS="newsdesk.example",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = manage(tmp_path, "check", DEBUG="False", ALLOWED_HOSTS="newsdesk.example")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_defaults_are_russian_and_almaty_time_with_debug_on(tmp_path):
    code = (
        "from newsdesk import settings as s; print(s.LANGUAGE_CODE, s.TIME_ZONE, s.DEBUG, s.CELERY_TIMEZONE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout.split() == ["ru", "Asia/Almaty", "True", "Asia/Almaty"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True),
        ("True", True),
        ("1", True),
        ("yes", True),
        (" ON ", True),
        ("false", False),
        ("False", False),
        ("0", False),
        ("no", False),
        ("off", False),
        ("", None),
    ],
)
def test_env_bool_accepts_only_clear_booleans(monkeypatch, raw, expected):
    monkeypatch.setenv("NEWSDESK_TEST_FLAG", raw)

    assert env_bool("NEWSDESK_TEST_FLAG", default=None) is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "tru", "да"])
def test_env_bool_rejects_anything_else_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("NEWSDESK_TEST_FLAG", raw)

    with pytest.raises(ImproperlyConfigured, match=f"NEWSDESK_TEST_FLAG='{raw}' is not a boolean"):
        env_bool("NEWSDESK_TEST_FLAG", default=True)


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("NEWSDESK_TEST_FLAG", raising=False)

    assert env_bool("NEWSDESK_TEST_FLAG", default=True) is True
    assert env_bool("NEWSDESK_TEST_FLAG", default=False) is False


@pytest.mark.parametrize(
    ("raw", "message"), [("ten", "is not a whole number"), ("-1", "must not be negative")]
)
def test_env_int_rejects_bad_numbers(monkeypatch, raw, message):
    monkeypatch.setenv("NEWSDESK_TEST_NUMBER", raw)

    with pytest.raises(ImproperlyConfigured, match=message):
        env_int("NEWSDESK_TEST_NUMBER", default=1)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("fast", "is not a number"),
        ("0", "must be a positive"),
        ("-2", "must be a positive"),
        ("nan", "must be a positive"),
        ("inf", "must be a positive"),
    ],
)
def test_env_float_rejects_what_is_not_a_positive_number(monkeypatch, raw, message):
    monkeypatch.setenv("NEWSDESK_TEST_NUMBER", raw)

    with pytest.raises(ImproperlyConfigured, match=message):
        env_float("NEWSDESK_TEST_NUMBER", default=1.0)


def test_env_float_reads_its_value(monkeypatch):
    assert env_float("NEWSDESK_TEST_NUMBER", default=1.1) == 1.1
    monkeypatch.setenv("NEWSDESK_TEST_NUMBER", "2.5")
    assert env_float("NEWSDESK_TEST_NUMBER", default=1.1) == 2.5


def test_env_int_and_env_list_read_their_values(monkeypatch):
    monkeypatch.setenv("NEWSDESK_TEST_NUMBER", "42")
    monkeypatch.setenv("NEWSDESK_TEST_LIST", " a.example, b.example ,,")

    assert env_int("NEWSDESK_TEST_NUMBER", default=1) == 42
    assert env_list("NEWSDESK_TEST_LIST", default=[]) == ["a.example", "b.example"]


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_postgresql_connections_plan_for_ssd_storage_and_compile_nothing():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("settings of PostgreSQL connections; the embedded SQLite has none")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
