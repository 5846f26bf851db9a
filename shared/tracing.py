"""OpenTelemetry: the tracer provider, and W3C trace context in and out of events.

One trace follows a saga: the HTTP request's server span (FastAPI instrumentation) is the
parent of its database spans (SQLAlchemy instrumentation) and of the events it publishes; the
outbox row keeps that context, the relay's ``send`` span is its child and travels in the
record's ``traceparent``/``tracestate`` headers (the CloudEvents distributed-tracing
extension), and the consumer's ``process`` span is the child of that, so whatever the handler
publishes carries the trace onward (docs/operations.md, "Tracing").

Sampling is the SDK's, from ``OTEL_TRACES_SAMPLER``/``OTEL_TRACES_SAMPLER_ARG`` (default
parent-based, always on): a sampled flag is what a sampler decided, never forced. Spans are
exported over OTLP (http/protobuf) only when ``OTEL_EXPORTER_OTLP_ENDPOINT`` or
``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`` is set; without, they are made (so logs carry trace and
span ids, and the context propagates) and dropped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from opentelemetry import metrics, trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Span, SpanKind, Tracer
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

if TYPE_CHECKING:
    from fastapi import FastAPI
    from sqlalchemy.ext.asyncio import AsyncEngine

TRACEPARENT = "traceparent"
TRACESTATE = "tracestate"
ENDPOINT_VARIABLES = ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")

#: W3C Trace Context only: what the CloudEvents distributed-tracing extension carries.
PROPAGATOR = TraceContextTextMapPropagator()
_NAME = "gpfed"
#: Probes and scrapes: a trace each would be noise (regular expressions, comma-separated).
UNTRACED_URLS = "/health/live,/health/ready,/metrics"


def exporter_configured(environ: Mapping[str, str] = os.environ) -> bool:
    return any(environ.get(name) for name in ENDPOINT_VARIABLES)


def configure_tracing(service: str) -> TracerProvider | None:
    """Install the SDK's tracer provider for this process, unless one is installed already
    (another app in the same process, or a test's); returns it if this call installed it, for
    :func:`shutdown_tracing`. The samplers and the exporter's options come from ``OTEL_*``."""
    if recording():
        return None
    provider = new_provider(service)
    trace.set_tracer_provider(provider)
    return provider


def new_provider(service: str) -> TracerProvider:
    """The SDK's provider: its sampler from ``OTEL_TRACES_SAMPLER`` (the SDK reads it), and an
    OTLP exporter if an endpoint is set, else none."""
    name = os.environ.get("OTEL_SERVICE_NAME") or f"gpfed-{service}"
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    if exporter_configured():
        # Imported here: a process that exports nothing need not load protobuf.
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    return provider


def shutdown_tracing(provider: TracerProvider | None, timeout_seconds: float) -> None:
    """Export what is queued, within ``timeout_seconds``, then stop the exporter."""
    if provider is None:
        return
    provider.force_flush(timeout_millis=max(1, int(timeout_seconds * 1000)))
    provider.shutdown()


def tracer() -> Tracer:
    return trace.get_tracer(_NAME)


def instrument_app(app: FastAPI) -> None:
    """A server span per request (FastAPI instrumentation), named by method and route; not
    for probes and scrapes, nor a span per ASGI message."""
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    FastAPIInstrumentor.instrument_app(
        app, excluded_urls=UNTRACED_URLS, exclude_spans=["receive", "send"]
    )


class _ChildSpansOnly:
    """A tracer that makes a span only under a current one: the relay's and the gauges'
    background statements would otherwise each start a trace of their own."""

    def __init__(self, inner: Tracer) -> None:
        self._inner = inner

    def start_span(self, name: str, context: Context | None = None, **kwargs: Any) -> Span:
        if not trace.get_current_span(context).get_span_context().is_valid:
            return trace.INVALID_SPAN
        return self._inner.start_span(name, context, **kwargs)


def instrument_engine(engine: AsyncEngine) -> None:
    """A client span per statement sent through SQLAlchemy (SQLAlchemy instrumentation)."""
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer

    usage = metrics.get_meter(_NAME).create_up_down_counter(
        "db.client.connections.usage", unit="connections"
    )
    EngineTracer(_ChildSpansOnly(tracer()), engine.sync_engine, usage)  # type: ignore[no-untyped-call]


def recording() -> bool:
    """Whether this process makes real spans (an SDK provider is installed)."""
    return isinstance(trace.get_tracer_provider(), TracerProvider)


# --- trace context in headers -------------------------------------------------------------


def current_trace_headers() -> dict[str, str]:
    """``traceparent`` (and ``tracestate`` if any) of the current span; empty if none."""
    carrier: dict[str, str] = {}
    PROPAGATOR.inject(carrier)
    return carrier


def headers_of(span: Span) -> dict[str, str]:
    carrier: dict[str, str] = {}
    PROPAGATOR.inject(carrier, context=trace.set_span_in_context(span))
    return carrier


def context_of(traceparent: str | None, tracestate: str | None = None) -> Context | None:
    """The remote parent these headers name; None if there is none (a new trace starts)."""
    if not traceparent:
        return None
    carrier = {TRACEPARENT: traceparent}
    if tracestate:
        carrier[TRACESTATE] = tracestate
    return PROPAGATOR.extract(carrier)


def is_sampled(traceparent: str | None) -> bool:
    """Whether a traceparent's flags (its last field) say sampled: the relay's test, per
    message, of whether a span is worth making."""
    if not traceparent:
        return False
    try:
        return int(traceparent[-2:], 16) & 1 == 1
    except ValueError:
        return False


def messaging_attributes(topic: str, event_id: str, operation: str) -> dict[str, Any]:
    return {
        "messaging.system": "kafka",
        "messaging.destination.name": topic,
        "messaging.message.id": event_id,
        "messaging.operation.type": operation,
    }


@contextmanager
def consumer_span(
    topic: str, event_id: str, ce_type: str, group: str, parent: Context | None
) -> Iterator[Span]:
    """The ``process`` span of one consumed event, current while its handler runs: the child
    of the producer's span that the record's headers name."""
    attributes = messaging_attributes(topic, event_id, "process")
    attributes["messaging.consumer.group.name"] = group
    attributes["cloudevents.event_type"] = ce_type
    with tracer().start_as_current_span(
        f"process {topic}", context=parent, kind=SpanKind.CONSUMER, attributes=attributes
    ) as span:
        yield span
