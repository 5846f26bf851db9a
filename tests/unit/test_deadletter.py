"""What a dead letter carries: the original message's headers, then the consumer's own."""

from __future__ import annotations

from aiokafka import ConsumerRecord

from shared.bus.deadletter import Reason, dead_letter_headers


def _record(headers: list[tuple[str, bytes | None]]) -> ConsumerRecord[bytes, bytes]:
    return ConsumerRecord(
        topic="gpfed.contracts.v1",
        partition=2,
        offset=41,
        timestamp=0,
        timestamp_type=0,
        key=b"k",
        value=b"v",
        checksum=None,
        serialized_key_size=1,
        serialized_value_size=1,
        headers=headers,
    )


def test_dead_letter_keeps_the_original_headers_and_adds_why_and_where() -> None:
    original = [("ce_id", b"e-1"), ("x-binary", b"\xff"), ("x-null", None)]
    error = ValueError("bad")
    headers = dead_letter_headers(
        _record(original), error, Reason.INVALID, attempts=1, service="payments"
    )
    assert headers[:3] == original
    added = dict(headers[3:])
    assert added["dlq_reason"] == b"invalid"
    assert added["dlq_error"] == b"ValueError('bad')"
    assert added["dlq_error_type"] == b"ValueError"
    assert added["dlq_attempts"] == b"1"
    assert added["dlq_service"] == b"payments"
    assert (added["dlq_source_topic"], added["dlq_source_partition"]) == (
        b"gpfed.contracts.v1",
        b"2",
    )
    assert added["dlq_source_offset"] == b"41"


def test_dlq_headers_a_message_brought_along_are_dropped_so_ours_are_the_only_ones() -> None:
    forged = [("dlq_reason", b"handler_failed"), ("dlq_service", b"someone")]
    headers = dead_letter_headers(
        _record(forged), ValueError("x"), Reason.MALFORMED, attempts=1, service="payments"
    )
    names = [name for name, _ in headers]
    assert names.count("dlq_reason") == names.count("dlq_service") == 1
    assert dict(headers)["dlq_reason"] == b"malformed"


def test_an_error_quoting_text_that_is_not_utf8_still_makes_a_header() -> None:
    error = ValueError("\udcff")  # what decoding b"\xff" with surrogateescape leaves
    headers = dict(
        dead_letter_headers(_record([]), error, Reason.MALFORMED, attempts=1, service="p")
    )
    assert headers["dlq_error"] == b"ValueError('\\udcff')"
