"""Tracing for tests: a W3C traceparent to put on an event, and the process's tracer provider
with an in-memory exporter, to read the spans the services made (shared.tracing)."""

from __future__ import annotations

import secrets

from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

_exporter = InMemorySpanExporter()


def new_traceparent(*, sampled: bool = True) -> str:
    return f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-{'01' if sampled else '00'}"


def memory_spans() -> InMemorySpanExporter:
    """The exporter every finished span of this process goes to, emptied. The provider is
    installed once a process (OpenTelemetry allows no other), before any service's app would
    install its own; sampling is the SDK's default, parent-based and always on."""
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(_exporter))
        trace.set_tracer_provider(provider)
    elif not getattr(provider, "_gpfed_memory", False):
        provider.add_span_processor(SimpleSpanProcessor(_exporter))
    provider._gpfed_memory = True  # type: ignore[attr-defined]
    _exporter.clear()
    return _exporter


def hex_ids(span: ReadableSpan) -> tuple[str, str, str | None]:
    """(trace id, span id, parent span id) as hex, as logs and headers write them."""
    context = span.get_span_context()
    assert context is not None
    parent = format(span.parent.span_id, "016x") if span.parent is not None else None
    return format(context.trace_id, "032x"), format(context.span_id, "016x"), parent
