"""JSON logs that carry the request id and trace id, W3C trace context, and the metrics.

The trace travels HTTP -> outbox row -> Kafka header -> consumer -> the events that consumer
publishes, so one ``trace_id`` follows a saga across all four services.
"""

from __future__ import annotations

import logging
import re
import secrets
import sys
from contextvars import ContextVar
from typing import Any

import structlog
from prometheus_client import Counter, Gauge, Histogram

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
_traceparent: ContextVar[str | None] = ContextVar("traceparent", default=None)

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


def new_traceparent(trace_id: str | None = None) -> str:
    """A traceparent for a new span: the given trace (or a new one) and a fresh span id."""
    return f"00-{trace_id or secrets.token_hex(16)}-{secrets.token_hex(8)}-01"


def parse_trace_id(traceparent: str | None) -> str | None:
    if not traceparent:
        return None
    match = _TRACEPARENT.match(traceparent.strip().lower())
    if not match or match.group(1) == "0" * 32:
        return None
    return match.group(1)


def continue_trace(incoming: str | None) -> str:
    """The traceparent for work caused by ``incoming``: same trace, new span (or a new trace)."""
    return new_traceparent(parse_trace_id(incoming))


def bind_context(*, request_id: str | None = None, traceparent: str | None = None) -> None:
    if request_id is not None:
        _request_id.set(request_id)
    if traceparent is not None:
        _traceparent.set(traceparent)
    structlog.contextvars.bind_contextvars(
        request_id=_request_id.get(), trace_id=parse_trace_id(_traceparent.get())
    )


def clear_context() -> None:
    _request_id.set(None)
    _traceparent.set(None)
    structlog.contextvars.clear_contextvars()


def current_traceparent() -> str | None:
    return _traceparent.get()


def current_request_id() -> str | None:
    return _request_id.get()


def configure_logging(*, level: str = "INFO", json: bool = True, service: str = "gpfed") -> None:
    """structlog for our code and the standard library's loggers, one JSON object a line."""
    shared_processors: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.StackInfoRenderer(),
        structlog.processors.format_exc_info,
    ]
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[*shared_processors, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared_processors,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            _add_service(service),
            renderer,
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # aiokafka logs every reconnect attempt at ERROR; warnings are enough to see trouble.
    logging.getLogger("aiokafka").setLevel(logging.WARNING)
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)


def _add_service(service: str) -> Any:
    def processor(_logger: Any, _name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
        event_dict.setdefault("service", service)
        return event_dict

    return processor


def get_logger(name: str) -> Any:
    return structlog.stdlib.get_logger(name)


# Metrics are process-wide (prometheus_client's default registry) and labelled by service, so
# several apps in one test process share them without registering twice.
HTTP_REQUESTS = Counter(
    "gpfed_http_requests_total", "HTTP requests", ["service", "method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "gpfed_http_request_duration_seconds",
    "HTTP request latency",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
EVENTS_PUBLISHED = Counter(
    "gpfed_events_published_total", "Outbox rows published by the relay", ["service", "topic"]
)
EVENTS_CONSUMED = Counter(
    "gpfed_events_consumed_total", "Events applied by a handler", ["service", "ce_type"]
)
EVENTS_DUPLICATE = Counter(
    "gpfed_events_duplicate_total", "Events skipped because the inbox had them", ["service"]
)
EVENTS_IGNORED = Counter(
    "gpfed_events_ignored_total", "Events with no handler in this service", ["service"]
)
EVENTS_DLQ = Counter(
    "gpfed_events_dead_lettered_total",
    "Messages sent to a DLQ",
    ["service", "topic", "reason"],
)
# A consumer that meets a transient failure (database or broker down) retries the message until
# it succeeds, holding its partition: how many it holds now, and how many failures it retried.
EVENTS_RETRYING = Gauge(
    "gpfed_events_retrying",
    "Messages a consumer holds while retrying a transient failure",
    ["service"],
    multiprocess_mode="livesum",
)
TRANSIENT_FAILURES = Counter(
    "gpfed_transient_failures_total",
    "Transient failures a consumer retried (operation: handle or dead_letter)",
    ["service", "operation"],
)
HANDLER_FAILURES = Counter(
    "gpfed_handler_failures_total",
    "Handler attempts failed with a deterministic error (transient ones count apart)",
    ["service", "ce_type"],
)
# Under several workers each one reads the same outbox, so the merged gauge is the largest
# reading of a live worker rather than one series per process id.
OUTBOX_LAG = Gauge(
    "gpfed_outbox_unsent",
    "Outbox rows not yet published",
    ["service"],
    multiprocess_mode="livemax",
)
OUTBOX_OLDEST = Gauge(
    "gpfed_outbox_oldest_unsent_seconds",
    "Age of the oldest unsent outbox row",
    ["service"],
    multiprocess_mode="livemax",
)
