"""newsdesk.broker without a broker: how a queued message names its task, and eager mode."""

from __future__ import annotations

import json

import pytest

from newsdesk import broker


@pytest.mark.parametrize(
    ("raw", "task_id"),
    [
        (json.dumps({"headers": {"id": "t-1", "task": "x"}, "properties": {"correlation_id": "t-1"}}), "t-1"),
        (json.dumps({"headers": {}, "properties": {"correlation_id": "t-2"}}), "t-2"),
        (b"not json", ""),
        (json.dumps(["a", "list"]), ""),
        (json.dumps({"headers": {}, "properties": {}}), ""),
    ],
    ids=["celery-protocol-2", "correlation-id", "garbage", "not-a-message", "no-id"],
)
def test_a_queued_message_is_known_by_its_task_id_and_an_unreadable_one_by_none(raw, task_id):
    assert broker.message_task_id(raw) == task_id


def test_in_eager_mode_there_is_no_broker_to_ask():
    assert broker.can_inspect() is False
