"""Signing in and out. In development the sign-in page takes a bearer token (``gpfed token``)
and keeps it in an HttpOnly, SameSite=Strict cookie; in production the identity provider in
front sends it in ``Authorization`` on every request and this page is off."""

from __future__ import annotations

import time
from typing import Annotated
from urllib.parse import parse_qs

import jwt
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console.pages import MENUS, page
from services.console.session import COOKIE, claims_of

router = APIRouter()

MAX_FORM_BYTES = 16 * 1024


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: never another host (``//host``, ``/\\host``)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return None


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_page(
    request: Request, next: Annotated[str | None, Query(max_length=2000)] = None
) -> HTMLResponse:
    return page(request, "sign_in.html", next=_safe_next(next), error=None, **_mode(request))


@router.post("/sign-in", response_model=None)
async def sign_in(request: Request) -> Response:
    if not request.app.state.settings.token_sign_in:
        return page(request, "sign_in.html", status=404, next=None, error=None, **_mode(request))
    body = await request.body()
    form = parse_qs(body[:MAX_FORM_BYTES].decode("utf-8", "replace"))
    token = (form.get("token") or [""])[0].strip().removeprefix("Bearer ").strip()
    target = _safe_next((form.get("next") or [""])[0])
    who = claims_of(token) if token else None
    if who is None:
        return page(
            request,
            "sign_in.html",
            status=400,
            next=target,
            error="Enter a bearer token, as `gpfed token` prints it",
            **_mode(request),
        )
    menu = MENUS.get(who.role)
    response = RedirectResponse(target or (menu[0][1] if menu else "/"), status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        max_age=_lifetime(token),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/sign-out")
async def sign_out() -> RedirectResponse:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


def _mode(request: Request) -> dict[str, bool]:
    return {"token_sign_in": request.app.state.settings.token_sign_in}


def _lifetime(token: str) -> int:
    """Seconds until the token expires (the cookie goes with it); an hour if it does not say."""
    exp = jwt.decode(token, options={"verify_signature": False}).get("exp")
    return max(0, int(exp) - int(time.time())) if isinstance(exp, int) else 3600
