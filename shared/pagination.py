"""Cursor pagination for every list: ``?limit=&cursor=`` in, ``{items, next_cursor}`` out.

The cursor is opaque to clients: the sort key of the last item, base64url-encoded JSON, so
pages stay stable while rows are added (unlike offsets). A client can send anything as a
cursor, so a route reads the key back only through the typed accessors of
:class:`PageRequest` (``page.after_int()``, ``page.after_str()``,
``page.after_key(datetime, str)``): they give values of the types the route sorts by, within
what the database accepts, or a 422 naming ``query.cursor``, never a value that fails in SQL.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel

from shared.problems import Unprocessable

T = TypeVar("T")

MAX_LIMIT = 500
#: A cursor's length as a query parameter, and so the most any text in its key can be.
MAX_CURSOR_LENGTH = 500
#: BIGINT's range: a larger integer would fail in PostgreSQL rather than sort.
_MIN_INT, _MAX_INT = -(2**63), 2**63 - 1

#: The types a key element may be read as.
KeyKind = type[int] | type[str] | type[datetime]


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def _not_ours() -> Unprocessable:
    return Unprocessable.field(["query", "cursor"], "not a cursor this service issued")


class PageRequest(BaseModel):
    limit: int
    #: The decoded key: text and integers only (see :func:`decode_cursor`). Read it through
    #: the typed accessors below.
    after: list[Any] | None = None

    def next_cursor(self, rows: list[Any], key: Any) -> str | None:
        """The cursor for the page after ``rows`` (fetched with limit + 1), or None."""
        if len(rows) <= self.limit:
            return None
        return encode_cursor(key(rows[self.limit - 1]))

    def after_key(self, *kinds: KeyKind) -> tuple[Any, ...] | None:
        """The key the previous page ended at, one value per kind (``int``, ``str`` or
        ``datetime``, timezone-aware), or None on the first page; a 422 on ``query.cursor``
        when the cursor does not hold exactly that."""
        if self.after is None:
            return None
        if len(self.after) != len(kinds):
            raise _not_ours()
        return tuple(_typed(value, kind) for value, kind in zip(self.after, kinds, strict=True))

    def after_int(self) -> int | None:
        key = self.after_key(int)
        return None if key is None else int(key[0])

    def after_str(self) -> str | None:
        key = self.after_key(str)
        return None if key is None else str(key[0])

    def after_time(self) -> datetime | None:
        key = self.after_key(datetime)
        if key is None:
            return None
        found: datetime = key[0]
        return found


def _typed(value: Any, kind: KeyKind) -> Any:
    if kind is int and isinstance(value, int):
        return value
    if kind is str and isinstance(value, str):
        return value
    if kind is datetime and isinstance(value, str):
        try:
            found = datetime.fromisoformat(value)
        except ValueError:
            raise _not_ours() from None
        # A naive time cannot be compared with timestamptz columns (asyncpg refuses it).
        if found.tzinfo is None:
            raise _not_ours()
        return found
    raise _not_ours()


def encode_cursor(key: list[Any]) -> str:
    def text(value: Any) -> str:
        return value.isoformat() if isinstance(value, datetime) else str(value)

    return base64.urlsafe_b64encode(json.dumps(key, default=text).encode()).decode()


def decode_cursor(cursor: str) -> list[Any]:
    """The key in a cursor: a list of text and integers, each as the database can take it
    (text encodable as UTF-8 and without NUL, which PostgreSQL refuses; integers within
    BIGINT), or a 422 naming ``query.cursor``."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise _not_ours() from None
    if not isinstance(key, list) or not key or not all(_storable(v) for v in key):
        raise _not_ours()
    return key


def _storable(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return _MIN_INT <= value <= _MAX_INT
    if isinstance(value, str):
        if "\x00" in value or len(value) > MAX_CURSOR_LENGTH:
            return False
        try:
            value.encode()
        except UnicodeEncodeError:  # a lone surrogate, which JSON can carry and UTF-8 cannot
            return False
        return True
    return False


def page_request(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page")] = 50,
    cursor: Annotated[
        str | None,
        Query(max_length=MAX_CURSOR_LENGTH, description="`next_cursor` of the previous page"),
    ] = None,
) -> PageRequest:
    return PageRequest(limit=limit, after=decode_cursor(cursor) if cursor else None)


PageDep = Annotated[PageRequest, Depends(page_request)]
