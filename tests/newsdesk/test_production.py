"""Production settings at work (DEBUG off, in a process of their own): 500s logged, static served."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from newsdesk.settings import env_rate, redis_cache_url

OVERRIDES = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "STATIC_ROOT", "NUM_PROXIES")


def run_in_production(tmp_path, code: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` with Django set up as production runs it: DEBUG off, a secret key, one host."""
    environment = {k: v for k, v in os.environ.items() if k not in OVERRIDES}
    environment.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings",
        NEWSDESK_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",  # never the developer's or CI's database
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(45),
        ALLOWED_HOSTS="testserver",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_an_unhandled_exception_in_production_is_logged_with_its_path_and_traceback(tmp_path):
    code = (
        "from django.test import Client, override_settings\n"
        "with override_settings(ROOT_URLCONF='tests.newsdesk.failing_urls'):\n"
        "    response = Client(raise_request_exception=False).get('/reports/broken/', secure=True)\n"
        "print('status', response.status_code)\n"
    )

    result = run_in_production(tmp_path, code)

    assert "status 500" in result.stdout, result.stdout + result.stderr
    assert "ERROR django.request: Internal Server Error: /reports/broken/" in result.stderr
    assert "Traceback (most recent call last):" in result.stderr
    assert "RuntimeError: the view failed on purpose" in result.stderr


def test_after_collectstatic_the_app_serves_the_admin_styles_itself_cached_for_good(tmp_path):
    static_root = tmp_path / "static"
    code = (
        "from django.core.management import call_command\n"
        "from django.test import Client\n"
        "call_command('collectstatic', interactive=False, verbosity=0)\n"
        "client = Client()\n"
        "page = client.get('/admin/login/', secure=True)\n"
        "print('page', page.status_code)\n"
        "print(page.content.decode())\n"
    )
    result = run_in_production(tmp_path, code, STATIC_ROOT=str(static_root))
    assert "page 200" in result.stdout, result.stdout + result.stderr
    css = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', result.stdout)
    assert css, "the login page links the admin's stylesheet by its hashed name"

    code = (
        "from django.test import Client\n"
        f"response = Client().get({css.group(1)!r}, secure=True)\n"
        "print('css', response.status_code, response['Cache-Control'])\n"
    )
    result = run_in_production(tmp_path, code, STATIC_ROOT=str(static_root))

    assert "css 200 max-age=315360000, public, immutable" in result.stdout, result.stdout + result.stderr


def test_the_cache_uses_the_brokers_redis_server_with_a_database_of_its_own(monkeypatch):
    monkeypatch.delenv("CACHE_URL", raising=False)

    assert redis_cache_url(broker_url="redis://10.0.0.5:6380/0") == "redis://10.0.0.5:6380/1"
    assert redis_cache_url(broker_url="") == ""  # no Redis: this process's memory


def test_cache_url_overrides_the_broker_and_must_be_redis(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/5")
    assert redis_cache_url(broker_url="redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/5"

    monkeypatch.setenv("CACHE_URL", "memcached://127.0.0.1:11211")
    with pytest.raises(ImproperlyConfigured, match=re.escape("CACHE_URL='memcached://127.0.0.1:11211'")):
        redis_cache_url(broker_url="")


@pytest.mark.parametrize("raw", ["1000/minute", "5/s", "100/hour", "10000/day"])
def test_throttle_rates_are_read_from_the_environment(monkeypatch, raw):
    monkeypatch.setenv("NEWSDESK_TEST_RATE", raw)

    assert env_rate("NEWSDESK_TEST_RATE", default="60/minute") == raw


@pytest.mark.parametrize("raw", ["60", "sixty/minute", "60/fortnight", "-5/minute"])
def test_throttle_rates_that_drf_would_misread_are_refused(monkeypatch, raw):
    monkeypatch.setenv("NEWSDESK_TEST_RATE", raw)

    with pytest.raises(ImproperlyConfigured, match=f"NEWSDESK_TEST_RATE='{raw}' is not a rate"):
        env_rate("NEWSDESK_TEST_RATE", default="60/minute")
