"""RSA signing keys and a local JWKS endpoint serving their public halves, for RS256 tests."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def write_pem(key: rsa.RSAPrivateKey, path: Path) -> Path:
    """The key as an unencrypted PEM file, what GPFED_JWT_SIGNING_KEY_FILE names."""
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


def jwk_set(keys: dict[str, rsa.RSAPrivateKey]) -> dict[str, Any]:
    """The public JWK of each key, under its kid."""
    return {
        "keys": [
            {
                **json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key())),
                "kid": kid,
                "use": "sig",
                "alg": "RS256",
            }
            for kid, key in keys.items()
        ]
    }


class JwksServer:
    """Where the JWKS is served, and how many times it was fetched."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.fetches = 0


@contextmanager
def serve_jwks(keys: dict[str, rsa.RSAPrivateKey], *, delay: float = 0.0) -> Iterator[JwksServer]:
    """A JWKS endpoint on a free local port that waits ``delay`` seconds before answering."""
    body = json.dumps(jwk_set(keys)).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.fetches += 1
            time.sleep(delay)
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served = JwksServer(f"http://127.0.0.1:{server.server_address[1]}/jwks.json")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
