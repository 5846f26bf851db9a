"""Routes for a commissioner's decision policy: which contracts only its committees' decisions
put in force, vary and terminate (the decision gate, issue 17)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from services.contracts import store
from services.contracts.schemas import DecisionPolicyIn, DecisionPolicyOut
from shared.auth import Principal, Role, require_roles
from shared.db import UnitOfWork
from shared.events.contracts import DecisionPolicySet
from shared.ods import OdsCode
from shared.problems import NotFound
from shared.web import UnitOfWorkDep

router = APIRouter(tags=["decision policies"])

#: The commissioner itself, and its governance staff who run its committees, read the policy.
PolicyReader = Annotated[Principal, require_roles(Role.COMMISSIONER, Role.GOVERNANCE)]
#: Only the commissioner (or ops) sets it.
PolicySetter = Annotated[Principal, require_roles(Role.COMMISSIONER)]

PATH = "/commissioners/{ods}/decision-policy"


async def _commissioner(uow: UnitOfWork, ods: str, principal: Principal) -> str:
    principal.require_acts_for(ods)
    org = await store.get_organisation(uow.session, ods)
    if org is None or not org.commissions:
        raise NotFound(f"no commissioner {ods}")
    return org.ods_code


@router.get(
    PATH,
    response_model=DecisionPolicyOut,
    summary="A commissioner's decision policy (the default until it sets one)",
)
async def get_policy(
    ods: OdsCode, uow: UnitOfWorkDep, principal: PolicyReader
) -> DecisionPolicyOut:
    code = await _commissioner(uow, ods, principal)
    return DecisionPolicyOut.of(code, await store.decision_policy(uow.session, code))


@router.put(
    PATH,
    response_model=DecisionPolicyOut,
    summary="Set a commissioner's decision policy",
    description="Gated kinds of contract name a committee of the commissioner when proposed and "
    "are activated only by its quorate, screened decision; with `gate_variations` and "
    "`gate_terminations`, their variations and terminations are held until such a decision "
    "too. The policy applies from now on, to the contracts already made as well.",
)
async def set_policy(
    ods: OdsCode, body: DecisionPolicyIn, uow: UnitOfWorkDep, principal: PolicySetter
) -> DecisionPolicyOut:
    code = await _commissioner(uow, ods, principal)
    policy = body.policy()
    await store.keep_decision_policy(uow.session, code, policy, set_by=principal.sub)
    uow.publish(
        DecisionPolicySet(
            commissioner_ods=code,
            gated_kinds=policy.kinds,
            gate_variations=policy.gate_variations,
            gate_terminations=policy.gate_terminations,
        )
    )
    await uow.commit()
    return DecisionPolicyOut.of(code, policy)
