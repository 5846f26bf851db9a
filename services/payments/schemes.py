"""The incentive schemes payments knows (issue 20): each as contracts last published it, whole,
and the contracts that enrol its practices. ``domain/schemes.py`` decides with them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.payments.books import insert_unless_exists
from services.payments.domain.schemes import SchemeRules
from services.payments.store import scheme_enrolments, schemes
from shared.events.contracts import SchemeEvent, SchemePublished


async def keep_scheme(session: AsyncSession, event: SchemeEvent, at: datetime) -> bool:
    """Keep the scheme unless what is held is as new; whether it changed."""
    held = await session.scalar(
        select(schemes.c.revision).where(schemes.c.scheme_id == event.scheme_id)
    )
    if held is not None and held >= event.revision:
        return False
    body = event.model_dump(mode="json")
    row = {"revision": event.revision, "body": body, "as_of": at}
    if held is None:
        await session.execute(
            insert_unless_exists(
                session,
                schemes,
                {"scheme_id": event.scheme_id, "commissioner_ods": event.commissioner_ods, **row},
            )
        )
    else:
        await session.execute(
            update(schemes).where(schemes.c.scheme_id == event.scheme_id).values(**row)
        )
    for e in event.enrolments:
        await session.execute(
            insert_unless_exists(
                session,
                scheme_enrolments,
                {
                    "contract_id": e.contract_id,
                    "scheme_id": event.scheme_id,
                    "practice_ods": e.practice_ods,
                },
            )
        )
    return True


async def scheme_of(session: AsyncSession, scheme_id: str) -> SchemePublished | None:
    body = await session.scalar(select(schemes.c.body).where(schemes.c.scheme_id == scheme_id))
    return None if body is None else SchemePublished.model_validate(body)


def rules_of(scheme: SchemeEvent) -> SchemeRules:
    return SchemeRules(
        scheme_id=scheme.scheme_id,
        release=scheme.release,
        balancing=scheme.balancing,
        standards=tuple(s.code for s in scheme.standards),
        networks={e.practice_ods: e.network for e in scheme.enrolments},
        results={
            r.practice_ods: {s.code: s.delivered for s in r.standards} for r in scheme.results
        },
    )


async def scheme_rules_of(
    session: AsyncSession, contract_ids: Iterable[str]
) -> dict[str, SchemeRules]:
    """The scheme of each of the contracts enrolled in one."""
    ids = sorted(set(contract_ids))
    if not ids:
        return {}
    e = scheme_enrolments.c
    rows = (
        await session.execute(
            select(e.contract_id, schemes.c.body)
            .join(schemes, schemes.c.scheme_id == e.scheme_id)
            .where(e.contract_id.in_(ids))
        )
    ).all()
    found: dict[str, Any] = {}
    rules: dict[str, SchemeRules] = {}
    for contract_id, body in rows:
        scheme_id = body["scheme_id"]
        if scheme_id not in found:
            found[scheme_id] = rules_of(SchemePublished.model_validate(body))
        rules[contract_id] = found[scheme_id]
    return rules
