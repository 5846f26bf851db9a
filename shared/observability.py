"""JSON logs that carry the request id and the current span's trace and span ids, and the
metrics. The spans themselves, and the trace context that travels HTTP -> outbox -> Kafka ->
consumer, are :mod:`shared.tracing`'s.
"""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar
from typing import Any

import structlog
from opentelemetry import trace
from prometheus_client import Counter, Gauge, Histogram

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def bind_context(*, request_id: str) -> None:
    _request_id.set(request_id)
    structlog.contextvars.bind_contextvars(request_id=request_id)


def clear_context() -> None:
    _request_id.set(None)
    structlog.contextvars.clear_contextvars()


def _add_trace(_logger: Any, _name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """``trace_id`` and ``span_id`` of the span current where the line is logged."""
    context = trace.get_current_span().get_span_context()
    if context.is_valid:
        event_dict.setdefault("trace_id", format(context.trace_id, "032x"))
        event_dict.setdefault("span_id", format(context.span_id, "016x"))
    return event_dict


def current_request_id() -> str | None:
    return _request_id.get()


def configure_logging(*, level: str = "INFO", json: bool = True, service: str = "gpfed") -> None:
    """structlog for our code and the standard library's loggers, one JSON object a line."""
    shared_processors: list[Any] = [
        structlog.contextvars.merge_contextvars,
        _add_trace,
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
# Set by each readiness check: a broker that is down does not make a service unready (the
# outbox keeps its events), so this is where it shows.
BROKER_UP = Gauge(
    "gpfed_broker_up",
    "1 when the broker answered the last readiness check, 0 when it did not",
    ["service"],
    multiprocess_mode="livemin",
)
OUTBOX_OLDEST = Gauge(
    "gpfed_outbox_oldest_unsent_seconds",
    "Age of the oldest unsent outbox row",
    ["service"],
    multiprocess_mode="livemax",
)
