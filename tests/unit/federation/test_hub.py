"""Hub terms rebuilt from contract versions, in any order of arrival."""

from __future__ import annotations

from datetime import date

from services.federation.domain.hub import (
    HubTerms,
    TermsEntry,
    current_terms,
    terms_on,
    versions_from_history,
)


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


def test_a_termination_outranks_a_variation_on_the_same_day_and_the_hub_ends_the_day_before() -> (
    None
):
    """A termination's effective date is the first day the contract is no longer in force."""
    terminated = version("terminated", date(2027, 1, 1))
    varied = version("varied", date(2027, 1, 1))
    hub = current_terms([terminated, varied])
    assert hub == terminated
    assert hub is not None and hub.last_day == date(2026, 12, 31)
    assert hub.in_force_on(date(2026, 12, 31))
    assert not hub.in_force_on(date(2027, 1, 1))


def _entry(effective: date, first_pence: int, end: date | None = date(2027, 3, 31)) -> TermsEntry:
    return TermsEntry(effective, end, {"basis": "tariff", "tariff": {"first_pence": first_pence}})


def _first_pence(terms: HubTerms | None) -> int:
    assert terms is not None
    return int(terms.payment["tariff"]["first_pence"])


def test_a_history_gives_every_version_and_a_backdated_one_applies_from_its_date() -> None:
    event = version("varied", date(2026, 10, 1))
    history = [
        _entry(date(2026, 4, 1), 3000),
        _entry(date(2026, 10, 1), 3600),
        _entry(date(2026, 6, 1), 3200),  # the backdated variation, inserted before the later one
    ]
    versions = versions_from_history(event, history, None)
    assert [(v.change, v.effective_from) for v in versions] == [
        ("activated", date(2026, 4, 1)),
        ("varied", date(2026, 6, 1)),
        ("varied", date(2026, 10, 1)),
    ]
    assert _first_pence(terms_on(versions, date(2026, 5, 31))) == 3000
    assert _first_pence(terms_on(versions, date(2026, 6, 1))) == 3200
    assert _first_pence(current_terms(versions)) == 3600


def test_a_terminated_history_ends_the_hub_the_day_before_its_termination_with_the_terms_then() -> (
    None
):
    event = version("terminated", date(2027, 1, 1))
    history = [
        _entry(date(2026, 4, 1), 3000),
        _entry(date(2026, 11, 1), 3300),
        _entry(date(2027, 1, 1), 3700),  # would have taken effect on the termination day
        _entry(date(2027, 2, 1), 3900),  # would have taken effect after the termination
    ]
    versions = versions_from_history(event, history, date(2027, 1, 1))
    hub = current_terms(versions)
    assert hub is not None
    assert (hub.change, hub.status, hub.last_day) == (
        "terminated",
        "terminated",
        date(2026, 12, 31),
    )
    assert _first_pence(hub) == 3300
    assert [v.status for v in versions] == ["active", "active", "terminated"]
    assert not hub.in_force_on(date(2027, 1, 1))


def test_an_empty_history_keeps_the_events_own_version() -> None:
    event = version("activated", date(2026, 4, 1))
    assert versions_from_history(event, [], None) == [event]
