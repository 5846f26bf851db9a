"""The ledger in the database: writing balanced transactions and reading balances back.

Every write goes through :func:`post_all`, which refuses an unbalanced transaction in code
(``domain.ledger.Transaction``) before PostgreSQL refuses it again at commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, cast

from sqlalchemy import CursorResult, Table, case, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.payments.domain.ledger import Transaction
from services.payments.store import accounts, ledger_transactions, postings
from shared.db import insert_ignoring_conflicts


def insert_unless_exists(session: AsyncSession, table: Table, values: dict[str, Any]) -> Any:
    return insert_ignoring_conflicts(session, table).values(**values)


async def claim(session: AsyncSession, table: Table, values: dict[str, Any]) -> bool:
    """Insert a row keyed by a unique constraint; False when another writer already holds it."""
    result = cast(
        CursorResult[Any], await session.execute(insert_unless_exists(session, table, values))
    )
    return bool(result.rowcount)


async def claim_all(
    session: AsyncSession, table: Table, rows: list[dict[str, Any]], key: list[str]
) -> set[tuple[Any, ...]]:
    """:func:`claim` for many rows in one statement (batched by the driver), in the order
    given: the ``key`` values of the rows inserted; a row another writer holds is left out."""
    if not rows:
        return set()
    columns = [table.c[name] for name in key]
    result = await session.execute(
        insert_ignoring_conflicts(session, table).returning(*columns), rows
    )
    return {tuple(row) for row in result.all()}


@dataclass(frozen=True)
class Entry:
    kind: str  # payment | distribution | adjustment
    contract_id: str
    period: str
    basis: str
    description: str


async def post(
    session: AsyncSession, entry: Entry, transaction: Transaction, *, transaction_id: str
) -> str:
    """Write one balanced transaction and its postings under a caller-chosen id (so that the
    row claiming the work can name it before it is written)."""
    await post_all(session, [(entry, transaction, transaction_id)])
    return transaction_id


async def post_all(session: AsyncSession, entries: list[tuple[Entry, Transaction, str]]) -> None:
    """Write many balanced transactions, each under its caller-chosen id, in three statements
    whatever their number: the accounts they name (in code order, so that concurrent writers
    wait rather than deadlock), the transactions, then their postings."""
    if not entries:
        return
    now = datetime.now(UTC)
    codes = sorted({p.account for _, transaction, _ in entries for p in transaction.postings})
    await session.execute(
        insert_ignoring_conflicts(session, accounts),
        [_account(code, now) for code in codes],
    )
    await session.execute(
        insert(ledger_transactions),
        [
            {
                "id": transaction_id,
                "kind": entry.kind,
                "contract_id": entry.contract_id,
                "period": entry.period,
                "basis": entry.basis,
                "description": entry.description,
                "posted_at": now,
            }
            for entry, _, transaction_id in entries
        ],
    )
    await session.execute(
        insert(postings),
        [
            {
                "transaction_id": transaction_id,
                "account": p.account,
                "amount_pence": p.amount_pence,
                "consultations": p.consultations,
                "memo": p.memo,
                "posted_at": now,
            }
            for _, transaction, transaction_id in entries
            for p in transaction.postings
        ],
    )


def _account(code: str, now: datetime) -> dict[str, Any]:
    kind, _, ods = code.partition(":")
    return {"code": code, "kind": kind, "ods": ods, "created_at": now}


async def trial_balance(session: AsyncSession) -> tuple[int, int]:
    """(debits, credits): the positive and the negative postings, as two positive sums."""
    row = (
        await session.execute(
            select(
                func.coalesce(
                    func.sum(case((postings.c.amount_pence > 0, postings.c.amount_pence), else_=0)),
                    0,
                ),
                func.coalesce(
                    func.sum(
                        case((postings.c.amount_pence < 0, -postings.c.amount_pence), else_=0)
                    ),
                    0,
                ),
            )
        )
    ).one()
    return int(row[0]), int(row[1])


async def balances(session: AsyncSession, ods: str, as_of: date | None) -> dict[str, int]:
    """Each account of an organisation and its balance (at the end of ``as_of`` if given)."""
    query = (
        select(accounts.c.code, func.coalesce(func.sum(postings.c.amount_pence), 0))
        .select_from(accounts.outerjoin(postings, postings.c.account == accounts.c.code))
        .where(accounts.c.ods == ods)
        .group_by(accounts.c.code)
        .order_by(accounts.c.code)
    )
    if as_of is not None:
        end = datetime.combine(as_of, time.max, tzinfo=UTC)
        query = query.where((postings.c.posted_at.is_(None)) | (postings.c.posted_at <= end))
    return {code: int(total) for code, total in (await session.execute(query)).all()}
