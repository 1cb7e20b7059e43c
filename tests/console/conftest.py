"""Fixtures for the console's tests (HTTP tests with TestClient, browser tests in Debian's chromium).

- ``console_url``: a fresh server database, SQLite and PostgreSQL (each test runs on both).
- ``app``: the whole server app (the console mounted at /console) on it.
- ``live_server``: a real ``visitorcentre server`` on loopback on that database (browser tests).
- ``browser`` / ``page``: Chromium through Playwright (``/usr/bin/chromium``, headless).
See ``harness.py`` for signed-in clients and ``browser.py`` for signing in a page and axe.
"""

from __future__ import annotations

import pytest

from tests.console.browser import CHROMIUM, chromium_missing
from tests.integration.servers import ServerProcess, drop_server_db, server_db_url
from visitorcentre.server.app import create_app


@pytest.fixture(autouse=True)
def _quicker_password_hashes(monkeypatch):
    """Argon2 at its smallest cost for the passwords tests make (each hash says its own cost, so the
    server checks them all the same); the default cost stays what the server itself uses."""
    from argon2 import PasswordHasher

    from visitorcentre.server.console import accounts, signin

    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(accounts, "hasher", quick)
    monkeypatch.setattr(signin, "hasher", quick)


@pytest.fixture(params=["sqlite", "postgres"])
def console_url(request, tmp_path):
    url = server_db_url(request.param, tmp_path)
    yield url
    drop_server_db(url)


@pytest.fixture
def app(console_url):
    app = create_app(console_url)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def live_server(console_url):
    server = ServerProcess(console_url).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    missing = chromium_missing()
    if missing:
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()
