"""The console's foundation over HTTP: sign-in with the second factor, sessions, CSRF, roles and scope, headers."""

from __future__ import annotations

import re

import pyotp
from sqlalchemy import select, text
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from tests.console.harness import PASSWORD, add_establishment, add_user, signed_in
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.console import accounts, signin
from visitorcentre.server.console.models import ConsoleUser

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def client_for(app) -> TestClient:
    return TestClient(app, base_url="http://testserver", follow_redirects=False)


def form_token(response) -> str:
    return TOKEN.search(response.text).group(1)


def password_step(client: TestClient, name: str, password: str = PASSWORD):
    token = form_token(client.get("/console/sign-in"))
    return client.post("/console/sign-in", data={"name": name, "password": password, "csrf_token": token})


def test_sign_in_sets_up_the_second_factor_then_asks_for_it(app):
    add_user(app.state.engine, name="Ann Admin")
    client = client_for(app)
    assert client.get("/console/").headers["location"] == "/console/sign-in"
    answer = password_step(client, "Ann Admin")
    assert answer.status_code == 303 and answer.headers["location"] == "/console/sign-in/code"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/console" in cookie
    set_up = client.get("/console/sign-in/code")
    assert "<svg" in set_up.text and "Set up your authenticator app" in set_up.text
    secret = re.search(r'vc-secret">([A-Z2-7]+)<', set_up.text).group(1)
    assert client.get("/console/").status_code == 303  # the password alone does not sign in
    wrong = client.post("/console/sign-in/code", data={"code": "000000", "csrf_token": form_token(set_up)})
    assert wrong.status_code == 400 and "not right" in wrong.text
    done = client.post(
        "/console/sign-in/code", data={"code": pyotp.TOTP(secret).now(), "csrf_token": form_token(set_up)}
    )
    assert done.status_code == 303 and done.headers["location"] == "/console/"
    home = client.get("/console/")
    assert home.status_code == 200 and "Ann Admin" in home.text
    # next time: the code, no set-up (and the same code cannot be used twice)
    client.post("/console/sign-out", data={"csrf_token": form_token(home)})
    assert client.get("/console/").status_code == 303
    password_step(client, "Ann Admin")
    again = client.get("/console/sign-in/code")
    assert "<svg" not in again.text
    reused = client.post(
        "/console/sign-in/code", data={"code": pyotp.TOTP(secret).now(), "csrf_token": form_token(again)}
    )
    assert reused.status_code == 400
    with Session(app.state.engine) as session:
        actions = session.scalars(
            select(CentreAudit.action)
            .where(CentreAudit.action != "scheme_rates.entered")  # (what a new server seeds)
            .order_by(CentreAudit.seq)
        ).all()
    assert actions == [
        "console_user.added",
        "console.sign_in_refused",
        "console.signed_in",
        "console.signed_out",
        "console.sign_in_refused",
    ]


def test_one_message_whoever_you_are_and_lockout_after_five(app):
    add_user(app.state.engine, name="Ann Admin")
    client = client_for(app)
    unknown = password_step(client, "Nobody", "whatever it is")
    wrong = password_step(client, "Ann Admin", "not the password")
    assert unknown.status_code == wrong.status_code == 400
    message = re.compile(r"The name, password or code is not right[^<]*")
    assert message.search(unknown.text).group(0) == message.search(wrong.text).group(0)
    for _ in range(4):
        password_step(client, "Ann Admin", "not the password")
    locked = password_step(client, "Ann Admin")  # the right password, but locked now
    assert locked.status_code == 400 and message.search(locked.text)
    with Session(app.state.engine) as session:
        assert session.scalar(select(ConsoleUser.locked_until)) is not None


def test_every_form_needs_its_token(app):
    client = signed_in(app)
    assert client.post("/console/sign-out", data={}).status_code == 403
    assert client.post("/console/sign-out", data={"csrf_token": "forged"}).status_code == 403
    assert client.get("/console/").status_code == 200  # still signed in
    anonymous = client_for(app)
    refused = anonymous.post("/console/sign-in", data={"name": "x", "password": "y"})
    assert refused.status_code == 403 and "This form has expired" in refused.text


def test_sign_out_ends_the_session_for_good(app):
    client = signed_in(app)
    token = client.cookies.get("vc_console")
    client.post("/console/sign-out", data={"csrf_token": client.csrf})
    replay = client_for(app)
    replay.cookies.set("vc_console", token, domain="testserver.local", path="/console")
    assert replay.get("/console/").status_code == 303


def test_pages_carry_the_security_headers(app):
    client = signed_in(app)
    page = client.get("/console/")
    assert page.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    css = client.get("/console/static/console.css")
    assert css.status_code == 200 and "max-age" in css.headers["cache-control"]
    assert "GDS Transport" not in css.text


def test_an_establishment_admin_sees_only_their_establishments(app):
    add_establishment(app.state.engine, "BAR")
    client = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert "for BAR" in client.get("/console/").text


def test_the_cookies_are_secure_over_https_and_behind_a_trusted_proxy_only(console_url):
    from visitorcentre.server.app import create_app

    cases = (
        ((), "http://testserver", {"x-forwarded-proto": "https"}, False),  # nobody vouches for the header
        (("testclient",), "http://testserver", {"x-forwarded-proto": "https"}, True),
        ((), "https://testserver", {}, True),
        ((), "http://testserver", {}, False),
    )
    for proxies, base, headers, secure in cases:
        app = create_app(console_url, trusted_proxies=proxies)
        try:
            client = TestClient(app, base_url=base, follow_redirects=False)
            cookie = client.get("/console/sign-in", headers=headers).headers["set-cookie"].lower()
            assert "httponly" in cookie and ("; secure" in cookie) is secure, (proxies, base, headers)
        finally:
            app.state.engine.dispose()


def test_one_address_guessing_many_names_is_stopped(app, monkeypatch):
    monkeypatch.setattr(signin, "ADDRESS_LIMIT", 3)
    add_user(app.state.engine, name="Ann Admin")
    client = client_for(app)
    for n in range(3):
        assert "not right" in password_step(client, f"Guess {n}", "whatever it is").text
    stopped = password_step(client, "Ann Admin")  # the right password, from an address over its limit
    assert stopped.status_code == 400 and "Too many wrong sign-ins from this address" in stopped.text


def test_a_new_session_token_at_each_step_of_the_sign_in(app):
    add_user(app.state.engine, name="Ann Admin")
    client = client_for(app)
    client.cookies.set("vc_console", "planted-by-an-attacker", domain="testserver.local", path="/console")
    first = password_step(client, "Ann Admin")
    after_password = first.cookies.get("vc_console")
    assert after_password and after_password != "planted-by-an-attacker"
    set_up = client.get("/console/sign-in/code")
    secret = re.search(r'vc-secret">([A-Z2-7]+)<', set_up.text).group(1)
    done = client.post(
        "/console/sign-in/code", data={"code": pyotp.TOTP(secret).now(), "csrf_token": form_token(set_up)}
    )
    assert done.cookies.get("vc_console") not in (None, after_password)
    stale = client_for(app)
    stale.cookies.set("vc_console", after_password, domain="testserver.local", path="/console")
    assert stale.get("/console/").status_code == 303  # the half-way token is gone


def test_a_fault_is_a_page_that_quotes_nothing(app):
    client = signed_in(app, raise_server_exceptions=False)
    with Session(app.state.engine) as session, session.begin():  # a broken chain head: the next audit write fails
        session.execute(text("DELETE FROM centre_audit_head"))
    answer = client.post(f"/console/users/{client.user_id}/unlock", data={"csrf_token": client.csrf})
    assert answer.status_code == 500 and "Sorry, there is a problem with the service" in answer.text
    assert "Traceback" not in answer.text


def test_idle_timeout_and_absolute_lifetime(console_url):
    from datetime import datetime, timedelta

    from visitorcentre.server.app import create_app

    moment = [datetime.utcnow()]
    app = create_app(console_url, clock=lambda: moment[0])
    try:
        client = signed_in(app)
        moment[0] += timedelta(minutes=29)
        assert client.get("/console/").status_code == 200  # used: the idle time starts again
        moment[0] += timedelta(minutes=29)
        assert client.get("/console/").status_code == 200
        moment[0] += timedelta(minutes=31)
        assert client.get("/console/").headers["location"] == "/console/sign-in"
        busy = signed_in(app)  # its session starts now, by the real clock
        moment[0] = datetime.utcnow()
        for _ in range(12 * 3 - 1):  # used every 20 minutes, it still ends 12 hours after signing in
            moment[0] += timedelta(minutes=20)
            assert busy.get("/console/").status_code == 200
        moment[0] += timedelta(minutes=20)
        assert busy.get("/console/").status_code == 303
    finally:
        app.state.engine.dispose()
