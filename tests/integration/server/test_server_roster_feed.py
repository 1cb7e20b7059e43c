"""The roster feed over HTTP, as a records system (or an attacker) would call it: no key, a wrong,
revoked or another establishment's key, an oversized or junk body; a good feed applied once."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from tests.integration.centre.prisoner_world import ADMIN, NOW, audit_entries, establishments
from tests.integration.servers import drop_server_db, server_db_url
from visitorcentre.server import devices
from visitorcentre.server.app import create_app
from visitorcentre.server.centre import integrations
from visitorcentre.server.models import Document

URL = "/v1/establishments/BAR/roster"
ROW = {
    "prison_number": "A1234BC",
    "first_name": "Sean",
    "last_name": "MacDonald",
    "date_of_birth": "1990-05-01",
    "location": "Hall B",
    "status": "convicted",
}
GOOD = json.dumps({"prisoners": [ROW]}).encode()


@pytest.fixture(params=["sqlite", "postgres"])
def server(request, tmp_path):
    url = server_db_url(request.param, tmp_path)
    rules = devices.SignInLimits(failures_per_address=5, window=timedelta(minutes=1))
    app = create_app(url, clock=lambda: NOW, sign_in=rules)
    engine = app.state.engine
    establishments(engine)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        bar, bar_key = integrations.create(session, actor=ADMIN, now=NOW, name="BAR records", establishment="BAR")
        _gre, gre_key = integrations.create(session, actor=ADMIN, now=NOW, name="GRE records", establishment="GRE")
        _gone, gone_key = integrations.create(session, actor=ADMIN, now=NOW, name="Old system", establishment="BAR")
        integrations.revoke(session, actor=ADMIN, now=NOW, integration_id=_gone.id)
    yield TestClient(app), engine, {"bar": bar_key, "gre": gre_key, "revoked": gone_key}
    engine.dispose()
    drop_server_db(url)


def send(client: TestClient, key: str | None, body: bytes = GOOD, url: str = URL, **headers):
    sent = {"Content-Type": "application/json", **headers}
    if key is not None:
        sent["Authorization"] = f"Bearer {key}"
    return client.post(url, content=body, headers=sent)


def prisoners(engine) -> list[dict]:
    with Session(engine) as session:
        return [d.payload for d in session.scalars(select(Document).where(Document.entity == "prisoner"))]


def test_a_good_feed_is_applied_once_and_audited_with_the_integrations_name(server):
    client, engine, keys = server
    first = send(client, keys["bar"])
    assert first.status_code == 200, first.text
    assert first.json() == {
        "establishment": "BAR",
        "added": 1,
        "changed": 0,
        "moved": 0,
        "unchanged": 0,
        "repeated": False,
    }
    entries = len(audit_entries(engine))
    again = send(client, keys["bar"])
    assert again.status_code == 200 and again.json()["repeated"] is True and again.json()["added"] == 1
    assert len(audit_entries(engine)) == entries
    assert [p["version"] for p in prisoners(engine)] == [1]
    assert {e.actor for e in audit_entries(engine)[-2:]} == {"integration BAR records"}
    keyed = send(
        client,
        keys["bar"],
        json.dumps({"prisoners": [ROW | {"location": "Hall C"}]}).encode(),
        **{"Idempotency-Key": "2026-12-03"},
    )
    assert keyed.status_code == 200 and keyed.json()["changed"] == 1
    reused = send(client, keys["bar"], GOOD, **{"Idempotency-Key": "2026-12-03"})
    assert reused.status_code == 409


@pytest.mark.parametrize("which", [None, "wrong", "revoked", "junk"])
def test_no_key_a_wrong_key_or_a_revoked_key_is_refused_and_writes_nothing(server, which):
    client, engine, keys = server
    key = {"wrong": "vcr_" + "x" * 43, "revoked": keys["revoked"], "junk": "\u00e9" * 5000, None: None}[which]
    answer = (
        send(client, key)
        if which != "junk"
        else client.post(
            URL, content=GOOD, headers={"Content-Type": "application/json", "Authorization": "Bearer " + "x" * 5000}
        )
    )
    assert answer.status_code == 401 and answer.headers["WWW-Authenticate"] == "Bearer"
    assert prisoners(engine) == []


def test_another_establishments_key_is_refused(server):
    client, engine, keys = server
    answer = send(client, keys["gre"])
    assert answer.status_code == 403 and "GRE" in answer.json()["detail"]
    assert send(client, keys["bar"], url="/v1/establishments/GRE/roster").status_code == 403
    assert send(client, keys["bar"], url="/v1/establishments/B%20R/roster").status_code == 422
    assert prisoners(engine) == []


def test_repeated_wrong_keys_are_slowed_down(server):
    client, _engine, keys = server
    answers = [send(client, "vcr_guess" + str(n)).status_code for n in range(7)]
    assert answers[:5] == [401] * 5 and answers[5:] == [429, 429]
    assert send(client, keys["bar"]).status_code == 429  # from the same address, for a minute


def test_an_oversized_body_is_refused_before_it_is_read(server):
    client, engine, keys = server
    big = json.dumps({"prisoners": [ROW | {"location": "x" * 1000}] * 3000}).encode()
    assert send(client, keys["bar"], big).status_code == 413
    assert prisoners(engine) == []


@pytest.mark.parametrize(
    ("body", "row", "field"),
    [
        (b"\xff\xfe not json", 0, "body"),
        (b"{" * 100000, 0, "body"),
        (b'{"prisoners": {"a": 1}}', 0, "prisoners"),
        (json.dumps({"prisoners": [ROW, ROW | {"date_of_birth": "1990-13-01"}]}).encode(), 2, "date_of_birth"),
        (json.dumps({"prisoners": [ROW | {"status": None, "first_name": ["x"]}]}).encode(), 1, "first_name"),
    ],
)
def test_junk_is_refused_naming_the_row_and_field(server, body, row, field):
    client, engine, keys = server
    answer = send(client, keys["bar"], body)
    assert answer.status_code == 422, answer.text
    first = answer.json()["problems"][0]
    assert (first["row"], first["field"]) == (row, field)
    assert prisoners(engine) == []


def test_a_body_that_is_not_json_by_its_type_is_refused(server):
    client, _engine, keys = server
    answer = client.post(
        URL, content=GOOD, headers={"Authorization": f"Bearer {keys['bar']}", "Content-Type": "text/csv"}
    )
    assert answer.status_code == 415
