"""The roster feed's HTTP endpoint: ``POST /v1/establishments/{code}/roster`` from a prison's records system.

Not a console page (no browser, no cookie, no CSRF token): the caller is an integration made on
the console's integrations page, and signs in with ``Authorization: Bearer <its API key>``. Its
key works for its own establishment only. The JSON body (``server.centre.roster_feed``) is
checked whole and applied once; the answer says what it did. Failed sign-ins count against the
caller's address like a desk's (``server.devices``), so a key cannot be guessed at speed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.server import devices
from visitorcentre.server.centre import integrations, roster_feed

MAX_FEED_BYTES = 2 * 1024 * 1024  # 10,000 prisoners with room to spare
PATH = "/v1/establishments/{code}/roster"
INTEGRATION = "integration"  # the "device" a failed feed sign-in is counted against (with the address)


class _TooLarge(Exception):
    pass


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise _TooLarge
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise _TooLarge
    return bytes(data)


def add_roster_feed(
    app: FastAPI,
    *,
    read: sessionmaker[Session],
    write: sessionmaker[Session],
    clock: Callable[[], datetime],
    rules: devices.SignInLimits,
    address: Callable[[Request], str],
    limit: int = MAX_FEED_BYTES,
) -> None:
    """Add the roster feed's route to the server app."""

    def _apply(key: str, code: str, body: bytes, idempotency_key: str | None, where: str) -> JSONResponse:
        now = clock()
        with read() as session:
            try:
                devices.check_limits(session, where, INTEGRATION, rules, now)
            except devices.TooManyAttempts as too_many:
                seconds = str(int(rules.window.total_seconds()))
                return JSONResponse({"detail": str(too_many)}, 429, headers={"Retry-After": seconds})
        for attempt in (1, 2):
            with write() as session:
                who = integrations.signed_in(session, key, now)
                if who is None:
                    devices.count_failure(session, where, INTEGRATION, rules, now)
                    session.commit()
                    return JSONResponse(
                        {"detail": "The API key is unknown or was revoked."},
                        401,
                        headers={"WWW-Authenticate": "Bearer"},
                    )
                if who.establishment != code.upper():
                    return JSONResponse(
                        {"detail": f"This key sends the roster of {who.establishment}, not {code}."}, 403
                    )
                try:
                    done, repeated = roster_feed.apply(session, who, body, idempotency_key, now)
                    session.commit()
                except roster_feed.FeedRefused as refused:
                    problems = [{"row": r, "field": f, "message": m} for r, f, m in refused.problems[:100]]
                    return JSONResponse({"detail": refused.message, "problems": problems}, 422)
                except InvalidInput as wrong:
                    return JSONResponse({"detail": wrong.message, "field": wrong.field}, 422)
                except NotAllowed as refused_again:
                    return JSONResponse({"detail": refused_again.message}, 409)
                except IntegrityError:  # the same feed, sent twice at once: the other one was first
                    session.rollback()
                    if attempt == 1:
                        continue
                    raise
                return JSONResponse({**done, "repeated": repeated}, 200)
        raise AssertionError("unreachable")  # pragma: no cover

    @app.post(PATH, summary="Send an establishment's whole roster (the prison's records system)")
    async def roster_feed_route(
        request: Request,
        code: Annotated[str, Path(pattern=r"^[A-Za-z0-9]{1,8}$")],
        authorization: Annotated[str | None, Header()] = None,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        """Apply the roster in the body, all or nothing, once per Idempotency-Key (or body)."""
        if not authorization or not authorization.startswith("Bearer "):
            raise HTTPException(
                401,
                "Send the integration's API key: Authorization: Bearer <key>.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            raise HTTPException(415, "Send the roster as JSON (Content-Type: application/json).")
        try:
            body = await _body(request, limit)
        except _TooLarge:
            raise HTTPException(413, f"The roster is too large: at most {limit} bytes.") from None
        key = authorization[len("Bearer ") :].strip()
        return await run_in_threadpool(_apply, key, code, body, idempotency_key, address(request))
