"""Item-of-service claims (issue 19 point 2): an enhanced service (DES, LES, LIS) paid a fee
per item of service, its activity reported by the practice that provides it through the same
routes as hub consultations. A claim names its service code; its contract, unless named, is
the one of the practice's item-of-service contracts in force that day whose terms pay a fee for
that code (docs/domain.md, "Item of service")."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from services.federation.domain.activity import (
    UNRESOLVED,
    Consultation,
    MayReport,
    Rejected,
    Rejection,
)
from services.federation.domain.hub import HubTerms, current_terms, terms_on


def find_service_contract(
    record: Consultation, services: Mapping[str, Sequence[HubTerms]], may_report: MayReport
) -> str | Rejection:
    """The contract a claim counts under: the one item-of-service contract of its practice in
    force on its day that pays a fee for its code. Two or more are ambiguous (name one); one
    the caller does not report for is not authorised; none is an unknown service."""
    day, code = record.day, record.service_code
    paying = []
    for versions in services.values():
        contract, terms = current_terms(versions), terms_on(versions, day)
        if (
            contract is not None
            and terms is not None
            and contract.provider_ods == record.practice_ods
            and contract.in_force_on(day)
            and code in terms.fees
        ):
            paying.append(contract)
    visible = [c.contract_id for c in paying if may_report(c, record.practice_ods)]
    if len(visible) == 1:
        return visible[0]
    if visible:
        return Rejection.AMBIGUOUS_CONTRACT
    return Rejection.NOT_AUTHORISED if paying else Rejection.UNKNOWN_SERVICE


def resolve_claims(
    records: Iterable[Consultation | Rejected],
    services: Mapping[str, Sequence[HubTerms]],
    may_report: MayReport,
    reports_for: Callable[[str], bool],
) -> list[Consultation | Rejected]:
    """Each record, with the contract of a claim that does not name one found (or why none
    could be); hub consultations and named contracts as they are. ``reports_for(practice)`` is
    False for a practice the caller may never report for, whose contracts are not its to learn
    of."""
    out: list[Consultation | Rejected] = []
    for record in records:
        if (
            isinstance(record, Rejected)
            or record.service_code is None
            or record.contract_id != UNRESOLVED
        ):
            out.append(record)
            continue
        found: str | Rejection = Rejection.NOT_AUTHORISED
        if reports_for(record.practice_ods):
            found = find_service_contract(record, services, may_report)
        if isinstance(found, Rejection):
            out.append(Rejected(record.id, found, found.text, record.practice_ods))
        else:
            out.append(record.model_copy(update={"contract_id": found}))
    return out
