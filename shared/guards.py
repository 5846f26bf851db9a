"""What a request must pass before any of its body is read (docs/security.md, "Hostile input").

- :class:`AuthenticationMiddleware`: a change (POST, PUT, PATCH, DELETE) needs a valid bearer
  token; without one it is a 401 at once. FastAPI reads and parses a body before it solves
  dependencies, so the route's own check (``shared.auth.current_principal``) comes too late to
  spare the parsing; it reuses the principal verified here.
- :class:`BodyLimitMiddleware`: a body over ``GPFED_MAX_BODY_BYTES`` is a 413, by its
  ``Content-Length`` before anything is read, or, streamed without one, as soon as the chunks
  received pass the limit; nothing past the limit is read or kept.
- :class:`StorableTextMiddleware`: text PostgreSQL cannot store (a NUL character, or in JSON an
  unpaired surrogate, which UTF-8 cannot encode) is a 422 naming where it is, before any
  route passes it to the database and fails there.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.auth import TokenVerifier
from shared.problems import Problem, Unauthorized, Unprocessable
from shared.web import MUTATING, header, send_problem

#: RFC 6750 section 3: a 401 names the scheme it wants.
_CHALLENGE = [(b"www-authenticate", b"Bearer")]


class AuthenticationMiddleware:
    """Verifies the bearer token of every change before the app reads its body, and keeps the
    principal in the scope's state for ``current_principal`` (which still checks that the
    role fits the organisation, and the route which roles it admits). Every change in gpfed
    needs a token: the public routes are all reads (docs/security.md)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in MUTATING:
            await self.app(scope, receive, send)
            return
        scheme, _, token = (header(scope, b"authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            problem = Unauthorized("a bearer token is required")
            await send_problem(scope, send, problem, _CHALLENGE)
            return
        verifier: TokenVerifier = scope["app"].state.verifier
        try:
            principal = await verifier.verify(token.strip())
        except Problem as problem:
            await send_problem(scope, send, problem, _CHALLENGE)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)


class BodyTooLarge(Exception):
    """Raised to the app by ``receive`` once a body passes the limit: whatever was reading it
    stops there, and the middleware answers 413 in place of anything the app answers."""


def too_large(limit: int) -> Problem:
    return Problem(
        f"the request body is over the limit of {limit} bytes (GPFED_MAX_BODY_BYTES)",
        status=413,
        slug="content-too-large",
        title="Content too large",
        max_bytes=limit,
    )


#: The connection may still carry the unread rest of the body: do not keep it alive.
_CLOSE = [(b"connection", b"close")]


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await send_problem(scope, send, too_large(limit), _CLOSE)
            return

        received = 0
        over = False  # the body passed the limit
        started = False  # the app had begun its answer by then
        answered = False  # the 413 is sent

        async def limited_receive() -> Message:
            nonlocal received, over
            if over:
                raise BodyTooLarge
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    raise BodyTooLarge
            return message

        async def answer_413() -> None:
            nonlocal answered
            if not answered:
                answered = True
                await send_problem(scope, send, too_large(limit), _CLOSE)

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over and not started:
                # Whatever the app made of the interrupted read (FastAPI answers 400, "error
                # parsing the body"), the client gets the 413 instead.
                await answer_413()
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            # A middleware reading the body (Idempotency-Key) lets BodyTooLarge through;
            # anything else, or an answer already begun, is not ours to hide.
            if not over or started:
                raise
        if over and not started:
            await answer_413()


def _content_length(scope: Scope) -> int | None:
    value = header(scope, b"content-length")
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None  # a server refuses it; in process, the chunks are counted instead


#: A JSON escape that may decode to text PostgreSQL refuses: NUL, or half a surrogate pair.
#: Most bodies hold neither, and are passed on after this one scan.
_SUSPECT_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")


class StorableTextMiddleware:
    """Refuses, with a 422 naming the part, a request whose path, query or JSON body holds
    text the database cannot store. Runs after the body limit, so what it reads is bounded."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"]:
            await send_problem(scope, send, _unstorable("path"))
            return
        if b"\x00" in unquote_to_bytes(scope.get("query_string", b"")):
            await send_problem(scope, send, _unstorable("query"))
            return
        if scope["method"] not in MUTATING:
            await self.app(scope, receive, send)
            return
        body = await read_body(receive)
        if _SUSPECT_ESCAPE.search(body) and not _storable_json(body):
            await send_problem(scope, send, _unstorable("body"))
            return
        await self.app(scope, replay_body(body, receive), send)


def _unstorable(where: str) -> Problem:
    return Unprocessable.field(
        [where], "holds a NUL character or an unpaired surrogate, which cannot be stored"
    )


def _storable_json(body: bytes) -> bool:
    """False if the JSON holds a string (key or value) PostgreSQL cannot store; True if it
    does not, or is not JSON at all (the route's own parsing answers that)."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return True
    pending: list[Any] = [document]
    while pending:  # iteratively: a deeply nested body must not exhaust the stack
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str) and not _storable_text(value):
            return False
    return True


def _storable_text(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


async def read_body(receive: Receive) -> bytes:
    """The whole request body (bounded by :class:`BodyLimitMiddleware`, outside)."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay_body(body: bytes, receive: Receive) -> Receive:
    """A receive callable that hands the app the body already read."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
