"""Double funding (Co-commissioning evaluation 3.4.2.2; Commissioning and funding general practice,
"Payment models"): commissioners must not pay twice for the same work. The unique item key stops one
contract paying a period twice; this flags (not refuses) a payment to a provider that another
contract already paid in the period for the same service, through a PRIME chain too: a subcontractor
paid by a prime is funded for the prime's service as well as its own, so a direct contract with it
for either is flagged."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from services.payments.domain.terms import Contract

FundingKey = tuple[str, str]  # (provider paid, service funded)


def funded(contract: Contract, known: Mapping[str, Contract]) -> frozenset[FundingKey]:
    """What paying ``contract`` funds: its provider for its service and every service up its
    PRIME chain."""
    services, seen = {contract.service}, {contract.contract_id}
    parent = known.get(contract.parent_contract_id or "")
    while parent is not None and parent.contract_id not in seen:
        services.add(parent.service)
        seen.add(parent.contract_id)
        parent = known.get(parent.parent_contract_id or "")
    return frozenset((contract.provider_ods, service) for service in services)


def double_funding(
    earlier: Iterable[tuple[str, frozenset[FundingKey]]],
    made: Sequence[tuple[str, frozenset[FundingKey]]],
) -> list[list[str]]:
    """For each payment made, in order (contract id, what it funds): the other contracts that
    had already funded the same provider and service in the period, by an earlier run or
    earlier in this one."""
    paid: dict[FundingKey, set[str]] = {}
    for contract_id, keys in earlier:
        for key in keys:
            paid.setdefault(key, set()).add(contract_id)
    flagged = []
    for contract_id, keys in made:
        before = set().union(*(paid.get(key, set()) for key in keys)) if keys else set()
        flagged.append(sorted(before - {contract_id}))
        for key in keys:
            paid.setdefault(key, set()).add(contract_id)
    return flagged
