"""The server's last line against a fault: a plain 500 for the desk, and a log line that quotes nobody.

An exception's message may carry what was sent or stored (a family's names, SQL parameters), so
a fault is logged by its kind, its SQL statement (never parameters) and where it happened, and
goes no further: the ASGI server would otherwise log it again, whole.
"""

from __future__ import annotations

import logging
import traceback

from fastapi.responses import JSONResponse
from sqlalchemy.exc import StatementError

log = logging.getLogger(__name__)


class FaultShield:
    """Answer 500 for anything unexpected and log only the fault's kind, its SQL and where it happened.

    An exception's message may quote what was sent (a family's names, SQL parameters), so it is
    never logged; nor does the exception travel on to the server, which would log it whole.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:  # noqa: BLE001 - the shield: nothing unexpected gets past it
            log.error("Server fault on %s %s: %s", scope.get("method"), scope.get("path"), describe_fault(error))
            if not started:
                await JSONResponse(
                    {"detail": "The server could not do that; the details are in its log."}, status_code=500
                )(scope, receive, send)


def describe_fault(error: BaseException) -> str:
    """The fault's kind, its SQL statement if any (never parameters) and its traceback, without any message."""
    parts = []
    fault: BaseException | None = error
    while fault is not None:
        error = fault
        line = type(error).__name__
        if isinstance(error, StatementError) and error.statement:
            line += f" in SQL: {' '.join(error.statement.split())[:500]}"
        frames = "".join(traceback.format_list(traceback.extract_tb(error.__traceback__, limit=12)))
        parts.append(f"{line}\n{frames}")
        fault = error.__cause__ or error.__context__
        if len(parts) >= 3:
            break
    return "\n".join(parts)
