"""The phone page as an ASGI application (Starlette), served by uvicorn.

    GET  /t/{token}               the page (Chinese or English: ?lang=, else the phone's language)
    GET  /api/t/{token}           the same ticket as JSON (what the page polls)
    POST /api/t/{token}/notify    the customer's opt-in to messages (branch-hosted only)
    GET  /static/...              the page's script and style
    GET  /healthz                 "ok" for the gateway's checks

Read-only but for that opt-in. Each address (the gateway's X-Forwarded-For
when ``trust_forwarded``) may make ``rate_per_min`` requests a minute; the
count is kept per process, so behind N processes an address gets up to N
times that (approximate, settled question 9; docs/web.md).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from app.errors import DomainError
from app.web.page import pick_language, render_missing, render_page
from app.web.state import page_json, t

STATIC = Path(__file__).with_name("static")
NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class RateLimit:
    """A token bucket per address: ``per_min`` requests a minute, bursts of a sixth of that."""

    def __init__(self, app: ASGIApp, *, per_min: int, trust_forwarded: bool, max_addresses: int = 200_000) -> None:
        self.app, self.trust_forwarded, self.max_addresses = app, trust_forwarded, max_addresses
        self.rate = per_min / 60.0
        self.burst = max(10.0, per_min / 6.0)
        self.buckets: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def address(self, scope: Scope) -> str:
        if self.trust_forwarded:
            for name, value in scope.get("headers", ()):
                if name == b"x-forwarded-for":
                    return value.decode("latin-1").split(",")[0].strip()
        client = scope.get("client")
        return client[0] if client else "?"

    def allow(self, address: str) -> bool:
        now = time.monotonic()
        with self._lock:
            bucket = self.buckets.get(address)
            if bucket is None:
                if len(self.buckets) >= self.max_addresses:
                    self._prune(now)
                bucket = self.buckets[address] = [self.burst, now]
            tokens = min(self.burst, bucket[0] + (now - bucket[1]) * self.rate)
            bucket[1] = now
            if tokens < 1.0:
                bucket[0] = tokens
                return False
            bucket[0] = tokens - 1.0
            return True

    def _prune(self, now: float) -> None:
        full = self.burst / self.rate if self.rate else 0
        for key in [k for k, (_, last) in self.buckets.items() if now - last > full]:
            del self.buckets[key]
        if len(self.buckets) >= self.max_addresses:  # a flood of new addresses: start afresh
            self.buckets.clear()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") == "/healthz" or self.allow(self.address(scope)):
            await self.app(scope, receive, send)
            return
        lang = "en" if b"lang=en" in scope.get("query_string", b"") else "zh"
        body = json.dumps({"error": "too_many_requests", "message": t("busy", lang)}, ensure_ascii=False)
        response = Response(body, status_code=429, media_type="application/json",
                            headers={**NO_STORE, "Retry-After": "10"})
        await response(scope, receive, send)


def create_app(source: Any, *, poll_s: int = 5, rate_per_min: int = 120, trust_forwarded: bool = False) -> ASGIApp:
    """The phone page over ``source`` (app/web/sources.py: the branch or head office)."""

    def language(request: Request) -> str:
        return pick_language(request.query_params.get("lang"), request.headers.get("accept-language"))

    async def state_of(request: Request) -> tuple[Any, str, str]:
        token = request.path_params["token"]
        known, state = source.peek(token)  # most polls: answered here, no thread, no database
        if not known:
            state = await run_in_threadpool(source.state, token)
        return state, token, language(request)

    async def page(request: Request) -> Response:
        state, token, lang = await state_of(request)
        headers = {**NO_STORE, "Content-Security-Policy": CSP, "Content-Language": lang}
        if state is None:
            return HTMLResponse(render_missing(lang), status_code=404, headers=headers)
        return HTMLResponse(render_page(page_json(state, lang, poll_s), lang, token), headers=headers)

    async def api_state(request: Request) -> Response:
        state, _token, lang = await state_of(request)
        if state is None:
            return JSONResponse({"error": "not_found", "message": t("not_found", lang)}, status_code=404,
                                headers=NO_STORE)
        return JSONResponse(page_json(state, lang, poll_s), headers=NO_STORE)

    async def api_notify(request: Request) -> Response:
        lang = language(request)
        if source.hosted != "branch":
            return JSONResponse({"error": "not_here", "message": t("not_found", lang)}, status_code=404,
                                headers=NO_STORE)
        try:
            body = await request.json()
        except (ValueError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict) or len(await request.body()) > 2000:
            return _refused("bad_request", lang)
        phone, consent = body.get("phone"), body.get("consent")
        if not isinstance(phone, str) or consent is not True:
            return _refused("consent" if consent is not True else "phone", lang)
        try:
            found = await run_in_threadpool(source.subscribe, request.path_params["token"], phone=phone,
                                            consent=True, language="en" if lang == "en" else "zh_CN")
        except DomainError as exc:
            return _refused(str(exc.params.get("field") or exc.code), lang)
        if not found:
            return JSONResponse({"error": "not_found", "message": t("not_found", lang)}, status_code=404,
                                headers=NO_STORE)
        return JSONResponse({"ok": True, "message": t("subscribed", lang)}, headers=NO_STORE)

    async def health(_request: Request) -> Response:
        return PlainTextResponse("ok", headers=NO_STORE)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        source.close()  # the branch's snapshot reads stop; head office's connections close

    app = Starlette(lifespan=lifespan, routes=[
        Route("/t/{token}", page),
        Route("/api/t/{token}", api_state),
        Route("/api/t/{token}/notify", api_notify, methods=["POST"]),
        Route("/healthz", health),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ])
    return RateLimit(app, per_min=rate_per_min, trust_forwarded=trust_forwarded)


REFUSALS = {
    "phone": ("请核对手机号码", "Please check the mobile number"),
    "consent": ("请勾选同意后再提交", "Please tick the box to agree first"),
    "notify.gateway": ("本网点暂不提供短信提醒", "This branch does not send text messages"),
    "invalid_state": ("此号已不在等候中", "This ticket is no longer waiting"),
    "bad_request": ("请求无效", "The request was not understood"),
}


def _refused(what: str, lang: str) -> Response:
    zh, en = REFUSALS.get(what, REFUSALS["bad_request"])
    return JSONResponse({"error": what, "message": en if lang == "en" else zh}, status_code=400, headers=NO_STORE)
