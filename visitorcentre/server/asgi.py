"""The central server as uvicorn's worker processes build it: ``visitorcentre.server.asgi:make_app``.

``visitorcentre server`` migrates the database once, puts its settings in the environment and
starts uvicorn with this factory, so each of ``--workers N`` processes builds the same app.
Every worker shares nothing but the database (rate limits and sign-ins included), so any
number of them can run side by side, on one machine or several.

    VISITORCENTRE_SERVER_DATABASE_URL   the database (required)
    VISITORCENTRE_TRUSTED_PROXIES       comma-separated addresses of trusted reverse proxies
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat

DATABASE_URL = "VISITORCENTRE_SERVER_DATABASE_URL"
TRUSTED_PROXIES = "VISITORCENTRE_TRUSTED_PROXIES"


def trusted_proxies(text: str) -> list[str]:
    """The proxy addresses in a comma-separated list (blank: none)."""
    return [part.strip() for part in text.split(",") if part.strip()]


def keep_private() -> None:
    """Every file the server writes from now on is for its own account only (0600 in 0700 folders), logs included."""
    from visitorcentre.config import logs

    os.umask(0o077)  # inherited by the worker processes; rotated log files are made private too
    log_file = logs.log_file()
    folder = log_file.parent
    if os.stat(folder).st_uid == os.getuid() and not os.stat(folder).st_mode & stat.S_ISVTX:  # never /tmp itself
        os.chmod(folder, 0o700)
    for made in folder.glob(log_file.name + "*"):
        with contextlib.suppress(PermissionError):  # another account's file: its owner's to fix
            os.chmod(made, 0o600)


def make_app():
    """The server app for one worker process (the database was migrated before the workers started)."""
    from visitorcentre.config import logs
    from visitorcentre.server.app import create_app

    logs.configure()
    keep_private()
    app = create_app(
        os.environ[DATABASE_URL], migrate=False, trusted_proxies=trusted_proxies(os.environ.get(TRUSTED_PROXIES, ""))
    )
    quiet_collector()
    return app


def quiet_collector() -> None:
    """Keep Python's cycle collector from walking the whole server at every turn.

    A push of 1,000 ops makes a few hundred thousand objects (payloads, rows, answers), and the
    collector's full passes, each over every object the worker holds, took a fifth of a push's
    time. What start-up made (modules, the app, the database's metadata) lives as long as the
    worker: it is set aside for good (``gc.freeze``), and the youngest generation is collected
    every 10,000 new objects rather than 700. Cycles are still collected, only less often.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
