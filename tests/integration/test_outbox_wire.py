"""The relay's messages are built from bytes the database encodes (``outbox_columns``): on
PostgreSQL and on SQLite alike, they must be exactly what ``Envelope.to_kafka`` sends."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select

from shared.db import Database, outbox_columns, outbox_message, outbox_row
from shared.events import Envelope
from tests.integration.both_databases import db, url
from tests.integration.probe import ProbeSent

pytestmark = pytest.mark.integration
__all__ = ["db", "url"]  # fixtures

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"


def _envelopes() -> list[Envelope]:
    plain = Envelope.wrap(ProbeSent(probe_id="p-1", amount_pence=1), source="/gpfed/contracts")
    odd = Envelope.wrap(
        # Non-ASCII, a backslash and a quote: bytes, not escapes, on the wire.
        ProbeSent(probe_id='Ysgol Gymraeg Ŵ\\"é', amount_pence=-2),
        source="/gpfed/contracts",
        traceparent=TRACEPARENT,
        tracestate="gp=1,fed=abc",
    )
    return [
        plain,
        # isoformat() leaves out microseconds when there are none, and so must the database.
        dataclasses.replace(plain, id="whole-second", time=datetime(2026, 5, 1, 9, 30, tzinfo=UTC)),
        dataclasses.replace(odd, time=datetime(2026, 12, 31, 23, 59, 59, 7, tzinfo=UTC)),
        Envelope.wrap(
            ProbeSent(probe_id="p-3", amount_pence=3),
            source="/gpfed/contracts",
            traceparent=TRACEPARENT,
        ),
    ]


async def test_messages_read_from_the_outbox_are_those_the_envelopes_send(db: Database) -> None:
    envelopes = _envelopes()
    outbox = db.table("outbox")
    now = datetime.now(UTC)
    async with db.sessions() as session, session.begin():
        await session.execute(
            insert(outbox), [outbox_row(e, topic=db.topic, created_at=now) for e in envelopes]
        )
    async with db.sessions() as session:
        rows = (await session.execute(select(*outbox_columns(outbox)).order_by(outbox.c.id))).all()

    assert len(rows) == len(envelopes)
    for row, envelope in zip(rows, envelopes, strict=True):
        topic, key, value, headers = outbox_message(row)
        wanted_key, wanted_value, wanted_headers = envelope.to_kafka()
        assert (topic, key, headers) == (db.topic, wanted_key, wanted_headers)
        # The payload is kept as the text written (json, not jsonb): the very same bytes.
        assert value == wanted_value
        assert json.loads(value) == envelope.data
