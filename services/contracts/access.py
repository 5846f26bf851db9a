"""Who may change the organisation register (docs/security.md, "contracts").

The register belongs to the commissioners: each organisation sits under the commissioner that
registered it (its parent), and only that commissioner, or ops, changes it. Commissioners
themselves are registered by ops alone, so no commissioner can create a peer it then acts as.
"""

from __future__ import annotations

from services.contracts.domain.organisation import COMMISSIONING_KINDS, Organisation
from shared.auth import Principal, Role
from shared.ods import OrganisationKind
from shared.problems import Forbidden


def parent_for_registration(
    principal: Principal, kind: OrganisationKind, parent_ods: str | None
) -> str | None:
    """The parent a new organisation is registered under: a commissioner registers only under
    itself (the default), and never another commissioner."""
    if principal.role is Role.OPS:
        return parent_ods
    if kind in COMMISSIONING_KINDS:
        raise Forbidden(f"only ops registers a {kind}; a {principal.role} token cannot")
    if parent_ods not in (None, principal.org):
        raise Forbidden(
            f"{principal.org} registers organisations under itself, not under {parent_ods}"
        )
    return principal.org


def require_registrar_of(principal: Principal, org: Organisation) -> None:
    """Only an organisation's parent commissioner (or ops) changes its entry or list size."""
    if principal.role is Role.OPS or (
        org.parent_ods is not None and org.parent_ods == principal.org
    ):
        return
    owner = org.parent_ods or "ops"
    raise Forbidden(f"{org.ods_code} is registered under {owner}; {principal.org} cannot change it")


def require_may_move(principal: Principal, org: Organisation, parent_ods: str) -> None:
    """Moving an organisation to another commissioner is an operator's change."""
    if principal.role is not Role.OPS and parent_ods != principal.org:
        raise Forbidden(f"only ops moves {org.ods_code} to another commissioner ({parent_ods})")
