"""The services' OpenAPI documents (docs/openapi) and the Python client made from them
(clients/python).

``make openapi`` writes one document per service from its app, and ``make client``
regenerates the client package, ``gpfed_client``, with one subpackage per service, from the
committed documents with openapi-python-client (offline). Both are deterministic, so the tests
can fail on a document or a client that no longer matches the code (tests/unit/
test_openapi_documents.py). The console is not here: it answers HTML pages, not an API.

    python -m gpfed.openapi documents [--out docs/openapi]
    python -m gpfed.openapi client [--documents docs/openapi] [--out clients/python/gpfed_client]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "docs" / "openapi"
CLIENT = ROOT / "clients" / "python" / "gpfed_client"
#: The generator's settings; in the package, so that a change to them regenerates it.
CLIENT_CONFIG = CLIENT.parent / "openapi-python-client.json"
#: Written into the package: which documents it was made from.
SOURCES = "SOURCES.json"

_CLIENT_INIT = '''"""gpfed's typed Python client, generated from docs/openapi by ``make client``:
one subpackage per service, each with its own ``Client`` and ``AuthenticatedClient``. Do not
edit; regenerate."""
'''


def service_names() -> list[str]:
    from gpfed.services import SERVICES

    return sorted(SERVICES)


def document(service: str) -> dict[str, Any]:
    """The service's OpenAPI document, as its app serves it at ``/openapi.json``."""
    from gpfed.services import SERVICES

    spec = SERVICES[service]
    settings = spec.settings(database_url="sqlite+aiosqlite://", bus_enabled=False)
    result: dict[str, Any] = spec.create_app(settings).openapi()
    return result


def document_text(service: str) -> str:
    """The document as committed: sorted keys, two-space indent, a final newline."""
    return json.dumps(document(service), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_documents(out: Path = DOCUMENTS) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for service in service_names():
        (out / f"{service}.json").write_text(document_text(service), encoding="utf-8")
        print(f"wrote {out / f'{service}.json'}", file=sys.stderr)


def sources(documents: Path = DOCUMENTS) -> str:
    """The SHA-256 of each document and of the generator's settings, as the client records."""
    inputs = {f"{s}.json": documents / f"{s}.json" for s in service_names()}
    inputs[CLIENT_CONFIG.name] = CLIENT_CONFIG
    digests = {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in inputs.items()}
    return json.dumps(digests, indent=2, sort_keys=True) + "\n"


def generate_client(documents: Path = DOCUMENTS, out: Path = CLIENT) -> None:
    """Regenerate the client package at ``out`` from ``documents``; nothing leaves the machine.

    Each service is generated in a scratch directory outside the repository, so the generator's
    ruff hooks run with ruff's defaults, not this project's settings, whatever they become."""
    documents, out = documents.resolve(), out.resolve()
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    with tempfile.TemporaryDirectory(prefix="gpfed-client-") as scratch:
        package = Path(scratch) / "gpfed_client"
        package.mkdir()
        (package / "__init__.py").write_text(_CLIENT_INIT, encoding="utf-8")
        for service in service_names():
            subprocess.run(  # noqa: S603 - fixed arguments, the venv's own generator
                [
                    str(bin_dir / "openapi-python-client"),
                    "generate",
                    "--path",
                    str(documents / f"{service}.json"),
                    "--meta",
                    "none",
                    "--config",
                    str(CLIENT_CONFIG),
                    "--output-path",
                    str(package / service),
                ],
                check=True,
                cwd=scratch,
                env=env,
                stdout=subprocess.DEVNULL,
            )
        (package / SOURCES).write_text(sources(documents), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(package, out, ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache"))
    print(f"wrote {out}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gpfed.openapi", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    documents = commands.add_parser("documents", help="write docs/openapi/<service>.json")
    documents.add_argument("--out", type=Path, default=DOCUMENTS)
    client = commands.add_parser("client", help="regenerate clients/python/gpfed_client")
    client.add_argument("--documents", type=Path, default=DOCUMENTS)
    client.add_argument("--out", type=Path, default=CLIENT)
    args = parser.parse_args(argv)
    if args.command == "documents":
        write_documents(args.out)
    else:
        generate_client(args.documents, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
