"""Browser helpers: Debian's chromium, signing a page in without the second factor, and axe-core.

``sign_in_page(page, server, engine, role, establishments)`` makes a user and a signed-in session in
the database and puts its cookie in the page's browser context. ``assert_accessible(page)`` runs
the vendored axe-core (``axe/``, pinned in console-assets/package.json) on the page and fails on any
serious or critical violation, naming each.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from tests.console.harness import add_user, session_for
from visitorcentre.server.console import accounts
from visitorcentre.server.console.web import COOKIE

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent / "axe" / "axe.min.js"


def chromium_missing() -> str:
    """ "" when the browser tests can run, else why not."""
    if not os.path.exists(CHROMIUM):
        return f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run installs it)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return ""


def sign_in_page(page, server, engine, role: str = accounts.NATIONAL_ADMIN, establishments: Iterable[str] = ()):
    """Sign ``page``'s browser in as a new user with ``role``; returns the user's id."""
    user_id = add_user(engine, role, establishments)
    signed = session_for(engine, user_id)
    page.context.add_cookies(
        [{"name": COOKIE, "value": signed.token, "url": f"{server.address}/console/", "httpOnly": True}]
    )
    return user_id


def assert_accessible(page) -> None:
    """No serious or critical axe-core violation on the page as it is now (WCAG 2.2 A and AA rules)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through the browser's debugger: the page's CSP stays as it is
    results = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    described = [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:3])}" for v in bad
    ]
    assert not bad, f"axe-core found on {page.url}:\n" + "\n".join(described)
