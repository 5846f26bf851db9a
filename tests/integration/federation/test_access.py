"""Who reads a federation (docs/security.md, "federation"): its own back office; a
commissioner only through the hubs it commissions, and then only those hubs."""

from __future__ import annotations

import pytest

from tests.integration.federation.conftest import CCG, FED, Federation, auth, hub_activated

pytestmark = pytest.mark.integration

OTHER_CCG = "13T"


async def test_a_commissioner_without_a_hub_cannot_read_the_federation_or_its_members(
    world: Federation,
) -> None:
    stranger = auth("commissioner", OTHER_CCG)
    for path in (f"/federations/{FED}", f"/federations/{FED}/members"):
        response = await world.get(path, stranger)
        assert response.status_code == 403, path
        assert f"{OTHER_CCG} commissions no hub of {FED}" in response.json()["detail"]
    assert (await world.get(f"/federations/{FED}", auth("commissioner", CCG))).status_code == 200
    members = await world.get(f"/federations/{FED}/members", auth("commissioner", CCG))
    assert [m["practice_ods"] for m in members.json()["items"]] == ["B86001", "B86002", "B86003"]


async def test_a_commissioner_sees_only_the_hubs_it_commissions(world: Federation) -> None:
    await world.deliver(
        hub_activated(contract_id="c-hub-other", commissioner_ods=OTHER_CCG, service="Dermatology")
    )
    mine = (await world.get(f"/federations/{FED}", auth("commissioner", CCG))).json()
    assert [h["contract_id"] for h in mine["hubs"]] == ["c-hub-1"]
    theirs = (await world.get(f"/federations/{FED}", auth("commissioner", OTHER_CCG))).json()
    assert [(h["contract_id"], h["service"]) for h in theirs["hubs"]] == [
        ("c-hub-other", "Dermatology")
    ]
    everything = (await world.get(f"/federations/{FED}")).json()
    assert [h["contract_id"] for h in everything["hubs"]] == ["c-hub-1", "c-hub-other"]


async def test_practices_and_other_federations_cannot_read_a_federation(world: Federation) -> None:
    for token in (auth("practice", "B86001"), auth("federation", "Y99999")):
        for path in (f"/federations/{FED}", f"/federations/{FED}/members"):
            assert (await world.get(path, token)).status_code == 403, (token, path)


async def test_a_federation_token_for_a_practice_code_is_refused(world: Federation) -> None:
    """The role must fit the organisation: a federation token carrying a practice's code."""
    response = await world.get(f"/federations/{FED}", auth("federation", "B86001"))
    assert response.status_code == 403
    assert "B86001 is a practice" in response.json()["detail"]
    response = await world.post(
        "/consultations/batch", {"consultations": []}, auth("practice", "02W")
    )
    assert response.status_code == 403
    assert "02W is a ccg" in response.json()["detail"]
