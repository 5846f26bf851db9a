"""GPFED_MAX_BODY_BYTES's default admits the largest request gpfed takes: a consultation batch
of GPFED_MAX_CONSULTATION_BATCH records, with room to spare."""

from __future__ import annotations

import json

from services.federation.settings import Settings as FederationSettings
from shared.settings import ServiceSettings
from tests.perf.bench import batch

LONGEST_RECORD = {
    "id": "i" * 64,
    "contract_id": "c" * 64,
    "practice_ods": "B86001",
    "site_ods": "B86002",
    "patient_ref": "p" * 64,
    "kind": "follow_up",
    "occurred_at": "2026-05-04T10:30:00.123456+01:00",
}


def test_the_default_limit_is_eight_mebibytes() -> None:
    assert ServiceSettings().max_body_bytes == 8 * 1024 * 1024


def test_a_full_batch_of_the_longest_records_indented_fits_twice_under_the_default() -> None:
    records = FederationSettings().max_consultation_batch
    assert records == 10_000
    body = json.dumps({"consultations": [LONGEST_RECORD] * records}, indent=2).encode()
    assert 4_000_000 < len(body) < ServiceSettings().max_body_bytes / 2


def test_the_benchmarks_batch_is_a_fifth_of_the_default() -> None:
    body = json.dumps({"consultations": batch(0, "api")}).encode()
    assert len(batch(0, "api")) == 10_000
    assert len(body) < ServiceSettings().max_body_bytes / 5
