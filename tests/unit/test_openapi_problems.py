"""Every service's OpenAPI document lists the problems the kernel answers (shared/openapi.py),
so clients and schemathesis know each status and its shape, and names its operations after
their route functions."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from gpfed.services import SERVICES
from shared.problems import PROBLEM_JSON

PROBLEM = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}


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
def test_every_error_is_documented_as_a_problem_and_never_in_fastapis_own_shape(
    service: str,
) -> None:
    document = _document(service)
    for path in document["paths"].values():
        for operation in path.values():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    content = response["content"]
                    assert content[PROBLEM_JSON] == PROBLEM[PROBLEM_JSON], (status, operation)
                    assert "application/json" not in content, (status, operation["operationId"])
    schemas = document["components"]["schemas"]
    assert not {"HTTPValidationError", "ValidationError"} & set(schemas)
    assert schemas["Problem"]["required"] == ["type", "title", "status", "detail"]
    assert schemas["Problem"]["properties"]["errors"]["items"] == {
        "$ref": "#/components/schemas/FieldError"
    }
    assert schemas["FieldError"]["required"] == ["loc", "field", "msg", "type"]


def test_a_route_keeps_its_own_error_type_beside_the_problem() -> None:
    """FHIR answers an OperationOutcome, and the kernel a problem, to the same operation."""
    responses = _document("federation")["paths"]["/fhir/Bundle"]["post"]["responses"]
    assert set(responses["415"]["content"]) == {"application/fhir+json", PROBLEM_JSON}


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_operation_ids_are_the_route_functions_names_unique_in_snake_case(service: str) -> None:
    ids = [
        operation["operationId"]
        for path in _document(service)["paths"].values()
        for operation in path.values()
    ]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"two routes share an operation id: rename one of {duplicates}"
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", i) for i in ids), ids
    assert {"live", "ready", "metrics", "asyncapi"} <= set(ids)


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_every_reference_in_a_document_resolves_within_it(service: str) -> None:
    """A generated client reads ``$ref`` from the document's root: a route's own ``$defs``
    are moved into the components."""
    document = _document(service)
    refs = re.findall(r'"\$ref": "#/([^"]+)"', json.dumps(document))
    assert refs
    for ref in refs:
        node: Any = document
        for part in ref.split("/"):
            node = node[part]
