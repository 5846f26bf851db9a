"""Every service's OpenAPI document lists the problems the kernel answers (shared/openapi.py),
so clients and schemathesis know each status and its shape."""

from __future__ import annotations

from typing import Any

import pytest

from gpfed.services import SERVICES

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def _document(service: str) -> dict[str, Any]:
    settings = SERVICES[service].settings(database_url="sqlite+aiosqlite://", bus_enabled=False)
    document: dict[str, Any] = SERVICES[service].create_app(settings).openapi()
    return document


def _statuses(operation: dict[str, Any]) -> set[str]:
    return set(operation["responses"])


def test_a_change_documents_the_kernels_answers_as_problems() -> None:
    operation = _document("contracts")["paths"]["/organisations/{ods}"]["patch"]
    assert {"401", "403", "404", "409", "413", "422", "503"} <= _statuses(operation)
    assert all(operation["responses"][s]["content"] == PROBLEM for s in ("401", "413", "422"))


def test_a_post_also_documents_the_idempotency_key_answers() -> None:
    operation = _document("contracts")["paths"]["/organisations"]["post"]
    assert {"400", "409", "422"} <= _statuses(operation)
    assert operation["responses"]["201"]["content"] != PROBLEM


def test_a_public_read_documents_no_token_answers() -> None:
    operation = _document("conflicts")["paths"]["/public/registers/{register}"]["get"]
    assert not {"401", "403", "413"} & _statuses(operation)
    assert {"404", "422", "503"} <= _statuses(operation)


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_operations_routes_keep_what_they_declare(service: str) -> None:
    paths = _document(service)["paths"]
    assert _statuses(paths["/health/live"]["get"]) == {"200"}
    assert _statuses(paths["/health/ready"]["get"]) == {"200", "503"}
    assert paths["/health/ready"]["get"]["responses"]["503"]["content"] == PROBLEM
    assert "text/plain" in paths["/metrics"]["get"]["responses"]["200"]["content"]


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_no_error_is_documented_in_fastapis_own_validation_shape(service: str) -> None:
    document = _document(service)
    for path in document["paths"].values():
        for operation in path.values():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert response["content"] == PROBLEM, (status, operation["summary"])
    assert document["components"]["schemas"]["Problem"]["required"] == [
        "type",
        "title",
        "status",
        "detail",
    ]
