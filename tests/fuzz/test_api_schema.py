"""Schemathesis over the schema the API serves: generated requests, anonymous and with a token.

Stateless and bounded (``MAX_EXAMPLES`` per operation and generation mode, derandomised so CI is
repeatable); every request goes through the whole Django stack in-process (``from_wsgi``). Each
generated request is sent twice, anonymously and with a superuser's token, and each answer must be
no server error and must match the schema wherever the schema documents its status code.

The operations come from the served schema at run time, so a new endpoint is fuzzed without an
edit here. (Schemathesis' own pytest loader, ``schemathesis.pytest.from_fixture``, does not run
under pytest 9.2, hence the plain Hypothesis ``@given`` over each operation's strategy.)
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.factories import UserFactory

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

MAX_EXAMPLES = 25
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def staff_token(db) -> str:
    return Token.objects.create(user=UserFactory(is_superuser=True)).key


def send_generated(strategy, token: str) -> None:
    @given(case=strategy)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def send(case) -> None:
        for headers in ({}, {"Authorization": f"Token {token}"}):
            # The rate limits are not under test here: each request starts with fresh counters.
            cache.clear()
            case.call_and_validate(headers=headers, checks=CHECKS)

    send()


def existing_ids(newsroom) -> dict[str, int]:
    """An id that exists for each detail path: generated ids almost never do (and get a 404)."""
    meeting = newsroom.published[0]
    return {
        "/api/meetings/{id}/": meeting.pk,
        "/api/people/{id}/": meeting.participants.first().person_id,
        "/api/bulletins/{id}/": meeting.bulletin_id,
    }


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_generated_api_requests_get_no_server_error_and_documented_answers(
    wsgi_app, newsroom, staff_token, mode
):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= {"GET /api/meetings/", "GET /api/people/{id}/"}
    ids = existing_ids(newsroom)
    for operation in operations:
        send_generated(operation.as_strategy(generation_mode=mode), staff_token)
        if mode is GenerationMode.POSITIVE and operation.path in ids:
            # The same operation on a row that exists, so its 200 answer is checked against the schema.
            strategy = operation.as_strategy(path_parameters={"id": ids[operation.path]})
            send_generated(strategy, staff_token)
