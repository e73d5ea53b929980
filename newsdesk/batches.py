"""Batch tasks: a worker runs the messages of a task in batches, one call in its pool for many messages.

Why (issue 13): the work around an extraction (a transaction to claim the bulletin, one to save it,
the look-up of its people, four inserts, the search for the same event elsewhere) cost as much again
as the engine when paid per bulletin; paid per batch, it almost vanishes (``meetings.services.records
.extract_and_save_batch``). Celery has no batch task of its own since 4.0 (``celery.contrib.batches``
left it; the celery-batches package that carries it on supports Celery < 5.7 only), so this module
does the part Newsdesk needs, with Celery's own pieces:

- each message stays one call of the task (``extract_bulletin.delay(bulletin_id)``), with its own
  task id, which the sweep looks for in the broker and the workers (``newsdesk.broker``);
- the worker's main process keeps the messages it receives, reserved in its state as an ordinary
  message is (``celery inspect query_task``, ``reserved``, ``active`` see them), and sends what
  waits to the pool as one batch as soon as a pool process is free, or when ``flush_every`` wait:
  a lone message runs at once, and under a backlog the next batch fills while one runs (a timer
  sends what waited ``flush_interval`` seconds whatever happens). The pool runs the batch through
  Celery's tracer (``task_prerun`` and ``task_postrun``: the Django fixup's handling of database
  connections), the task getting a list of :class:`BatchItem`;
- the messages are acknowledged once their batch has run (``acks_late``; else as it starts), or
  given back to the queue at once if the pool process running it died (``reject_on_worker_lost``);
- without a broker (eager mode) a call runs at once, as a batch of one.

Not supported, because Newsdesk's batch task needs none of it: ETAs and countdowns (a message with
one runs with the next batch), rate limits, retries, a result per message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from celery import Task, current_app, signals
from celery.app.trace import trace_task
from celery.utils.imports import symbol_by_name
from celery.worker import state as worker_state
from celery.worker.request import Request, create_request_cls  # type: ignore[attr-defined]
from celery.worker.strategy import hybrid_to_proto2, proto1_to_proto2  # type: ignore[attr-defined]
from kombu.utils.uuid import uuid


@dataclass(frozen=True)
class BatchItem:
    """One message of a batch, as the task sees it: its task id and the arguments it was sent with."""

    id: str
    args: tuple = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


class BatchTask(Task):
    """Base of a task whose ``run(items: list[BatchItem])`` takes the messages of a batch."""

    flush_every = 16  # messages in a batch at most
    flush_interval = 1.0  # seconds a message waits at most, should no pool process come free
    typing = False  # called with each message's arguments, run with the batch's items
    Strategy = "newsdesk.batches:batch_strategy"  # how the worker receives this task's messages

    def apply(self, args: Any = None, kwargs: Any = None, *more: Any, **options: Any) -> Any:
        """Run at once, as a batch of one (eager mode and direct calls of ``apply``)."""
        item = BatchItem(
            id=options.get("task_id") or uuid(), args=tuple(args or ()), kwargs=dict(kwargs or {})
        )
        return super().apply(([item],), {}, *more, **options)


def batch_strategy(task: BatchTask, app: Any, consumer: Any, **_options: Any) -> Any:
    """The worker's handler of a batch task's messages (Celery's ``Task.Strategy``). It decodes a
    message with Celery's own functions, as the default strategy does (the ``type: ignore`` on their
    import: celery-types' stubs do not list them)."""
    return Batcher(task, app, consumer).receive


class Batcher:
    """The worker main process's side of one batch task: receives its messages, sends batches to the pool."""

    def __init__(self, task: BatchTask, app: Any, consumer: Any) -> None:
        self.task, self.app, self.consumer = task, app, consumer
        self.make_request = create_request_cls(
            symbol_by_name(task.Request),
            task,
            consumer.pool,
            consumer.hostname,
            consumer.event_dispatcher,
            app=app,
        )
        self.waiting: list[Request] = []
        self.timer_entry: Any = None
        self.running = 0  # batches sent to the pool and not yet returned

    def receive(self, message: Any, body: Any, ack: Any, reject: Any, callbacks: Any, **_kwargs: Any) -> None:
        """One message: decoded and held as Celery's default strategy does, then kept for the batch."""
        if body is None and "args" not in message.payload:
            body, headers, decoded, utc = message.body, message.headers, False, self.app.uses_utc_timezone()
        elif "args" in message.payload:
            body, headers, decoded, utc = hybrid_to_proto2(message, message.payload)
        else:
            body, headers, decoded, utc = proto1_to_proto2(message, body)
        request = self.make_request(
            message,
            on_ack=ack,
            on_reject=reject,
            app=self.app,
            hostname=self.consumer.hostname,
            eventer=self.consumer.event_dispatcher,
            task=self.task,
            connection_errors=self.consumer.connection_errors,
            body=body,
            headers=headers,
            decoded=decoded,
            utc=utc,
        )
        if (request.expires or request.id in worker_state.revoked) and request.revoked():
            return
        signals.task_received.send(sender=self.consumer, request=request)
        worker_state.task_reserved(request)
        self.waiting.append(request)
        if len(self.waiting) >= self.task.flush_every or self.running < self.consumer.pool.num_processes:
            self.flush()
        elif self.timer_entry is None:
            self.timer_entry = self.consumer.timer.call_after(self.task.flush_interval, self.flush)

    def flush(self) -> None:
        """Send the waiting messages to the pool as one batch."""
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None
        requests, self.waiting = self.waiting, []
        if not requests:
            return
        acks_late = bool(self.task.acks_late)
        self.running += 1

        def on_accepted(pid: int, time_accepted: float) -> None:
            for request in requests:
                worker_state.task_accepted(request)
                if not acks_late:
                    request.acknowledge()

        def on_return(result: object) -> None:
            self.batch_done()  # the next batch first: the pool process waits for it, not for the acks
            for request in requests:
                worker_state.task_ready(request, successful=True)
                if acks_late:
                    request.acknowledge()

        def on_error(error: object) -> None:
            # The pool process died (killed, out of memory): the messages go back to the queue.
            for request in requests:
                worker_state.task_ready(request)
                request.reject(requeue=True)
            self.batch_done()

        items = [BatchItem(request.id, tuple(request.args), dict(request.kwargs)) for request in requests]
        self.consumer.pool.apply_async(
            run_batch,
            (self.task.name, uuid(), items),
            accept_callback=on_accepted,
            callback=on_return,
            error_callback=on_error,
        )

    def batch_done(self) -> None:
        """A pool process is free: what waited meanwhile is the next batch."""
        self.running = max(0, self.running - 1)
        if self.waiting:
            self.flush()


def run_batch(task_name: str, batch_id: str, items: list[BatchItem]) -> None:
    """In a pool process: run one batch through Celery's tracer (signals, logging of a failure)."""
    task = current_app.tasks[task_name]
    trace_task(task, batch_id, (items,), {}, request={"id": batch_id})
