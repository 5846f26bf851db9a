"""The decision policy's rules (services/contracts/domain/policy.py), without I/O."""

from __future__ import annotations

import pytest

from services.contracts.domain.policy import GATED_BY_DEFAULT, DecisionPolicy
from services.contracts.domain.rules import RuleBroken, WrongState
from tests.unit.contracts.test_domain import hub, proposed


def test_by_default_the_kinds_outside_the_core_contracts_and_their_changes_are_gated() -> None:
    policy = DecisionPolicy()
    assert policy.kinds == ["APMS", "DES", "LES", "LIS", "HUB", "PRIME"]
    assert set(policy.kinds) == GATED_BY_DEFAULT
    assert not policy.is_gated("GMS")
    assert policy.gates("HUB", "variation") and policy.gates("HUB", "termination")
    assert not policy.gates("PMS", "variation")


def test_each_flag_releases_only_its_own_kind_of_change() -> None:
    policy = DecisionPolicy(gate_variations=False)
    assert not policy.gates("HUB", "variation")
    assert policy.gates("HUB", "termination")


def test_a_gated_proposal_without_a_committee_names_the_field() -> None:
    with pytest.raises(RuleBroken) as refused:
        DecisionPolicy().check_proposal("LES", None)
    assert refused.value.field == "decision_committee_id"
    DecisionPolicy().check_proposal("LES", "pccc-02w")
    DecisionPolicy(gated_kinds=frozenset()).check_proposal("LES", None)


def test_a_contract_of_a_gated_kind_is_not_activated_by_its_commissioner() -> None:
    contract = proposed(hub(decision_committee_id=None))
    with pytest.raises(WrongState) as refused:
        contract.activate(gated=True)
    assert "decision policy" in str(refused.value) and contract.status == "proposed"
    contract.activate(gated=False)
    assert contract.status == "active"
