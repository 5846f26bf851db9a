"""The committed API documents (docs/openapi) and client (clients/python/gpfed_client) are what
`make openapi` and `make client` make of the code now (gpfed/openapi.py)."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

from gpfed import openapi


def test_each_committed_openapi_document_is_current() -> None:
    committed = sorted(p.name for p in openapi.DOCUMENTS.glob("*.json"))
    assert committed == [f"{s}.json" for s in openapi.service_names()], "run `make openapi`"
    for service in openapi.service_names():
        text = (openapi.DOCUMENTS / f"{service}.json").read_text(encoding="utf-8")
        assert text == openapi.document_text(service), f"{service}: run `make openapi`"


def test_a_document_is_written_the_same_every_time() -> None:
    first = openapi.document_text("contracts")
    assert first == openapi.document_text("contracts")
    assert list(json.loads(first)) == sorted(json.loads(first))


def test_the_committed_client_was_made_from_the_committed_documents() -> None:
    recorded = (openapi.CLIENT / openapi.SOURCES).read_text(encoding="utf-8")
    assert recorded == openapi.sources(), "run `make client`"


def test_the_committed_client_is_what_the_generator_makes(tmp_path: Path) -> None:
    """Regenerated offline from the committed documents, file for file."""
    fresh = tmp_path / "gpfed_client"
    openapi.generate_client(openapi.DOCUMENTS, fresh)
    _assert_same_tree(openapi.CLIENT, fresh)


def _assert_same_tree(committed: Path, fresh: Path) -> None:
    compared = filecmp.dircmp(committed, fresh, ignore=["__pycache__"])
    stack = [compared]
    while stack:
        here = stack.pop()
        assert not here.left_only, f"not generated any more: {here.left_only}; run `make client`"
        assert not here.right_only, f"not committed: {here.right_only}; run `make client`"
        _, mismatch, errors = filecmp.cmpfiles(
            here.left, here.right, here.common_files, shallow=False
        )
        assert not mismatch + errors, f"{here.left}: {mismatch}; run `make client`"
        stack.extend(here.subdirs.values())
