"""Hub terms rebuilt from contract versions, in any order of arrival."""

from __future__ import annotations

from datetime import date

from services.federation.domain.hub import HubTerms, current_terms, terms_on


def version(change: str, effective: date, end: date | None = date(2027, 3, 31)) -> HubTerms:
    return HubTerms(
        contract_id="c-hub-1",
        change=change,
        effective_from=effective,
        federation_ods="Y02765",
        commissioner_ods="02W",
        service="hub",
        status="terminated" if change == "terminated" else "active",
        start_date=date(2026, 4, 1),
        end_date=end,
    )


def test_the_latest_effective_version_wins_whatever_the_arrival_order() -> None:
    activated = version("activated", date(2026, 4, 1))
    varied = version("varied", date(2026, 10, 1), date(2027, 9, 30))
    assert current_terms([varied, activated]) == varied
    assert terms_on([varied, activated], date(2026, 9, 30)) == activated
    assert terms_on([varied, activated], date(2026, 10, 1)) == varied


def test_a_termination_outranks_a_variation_on_the_same_day_and_ends_the_hub_then() -> None:
    terminated = version("terminated", date(2026, 12, 31))
    varied = version("varied", date(2026, 12, 31))
    hub = current_terms([terminated, varied])
    assert hub == terminated
    assert hub is not None and hub.last_day == date(2026, 12, 31)
    assert hub.in_force_on(date(2026, 12, 31))
    assert not hub.in_force_on(date(2027, 1, 1))
