"""Cursor pagination for every list: ``?limit=&cursor=`` in, ``{items, next_cursor}`` out.

The cursor is opaque to clients: the sort key of the last item, base64url-encoded JSON, so
pages stay stable while rows are added (unlike offsets).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel

from shared.problems import Unprocessable

T = TypeVar("T")

MAX_LIMIT = 500


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


class PageRequest(BaseModel):
    limit: int
    after: list[Any] | None = None

    def next_cursor(self, rows: list[Any], key: Any) -> str | None:
        """The cursor for the page after ``rows`` (fetched with limit + 1), or None."""
        if len(rows) <= self.limit:
            return None
        return encode_cursor(key(rows[self.limit - 1]))


def encode_cursor(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, default=str).encode()).decode()


def decode_cursor(cursor: str) -> list[Any]:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise Unprocessable.field(["query", "cursor"], "not a cursor this service issued") from None
    if not isinstance(key, list):
        raise Unprocessable.field(["query", "cursor"], "not a cursor this service issued")
    return key


def page_request(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page")] = 50,
    cursor: Annotated[
        str | None, Query(max_length=500, description="`next_cursor` of the previous page")
    ] = None,
) -> PageRequest:
    return PageRequest(limit=limit, after=decode_cursor(cursor) if cursor else None)


PageDep = Annotated[PageRequest, Depends(page_request)]
