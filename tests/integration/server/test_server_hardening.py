"""The server refuses what it should: no credential 401, another establishment 403, too large 413,
malformed 4xx, enrolment codes used or expired, too many enrolment attempts 429."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from tests.integration.sync_world import make_sync_world
from visitorcentre.server import admin
from visitorcentre.server import devices as device_store
from visitorcentre.sync import credential

HEADERS = {"X-Sync-Protocol": "1", "X-Sync-Schema": "1"}


@pytest.fixture(scope="module")
def hardened_world(tmp_path_factory):
    world = make_sync_world(tmp_path_factory.mktemp("hardening"), json_limit=20_000, blob_limit=50_000)
    from starlette.testclient import TestClient

    world.client = TestClient(world.app)
    world.enrol("a")
    world.enrol("g", "GRE")
    yield world
    world.close()


@pytest.fixture
def hardened(hardened_world):
    return hardened_world


def bearer(desk) -> dict:
    return {**HEADERS, "Authorization": f"Bearer {credential.load(desk.ctx.db_path).token}"}


def test_open_endpoints_need_no_credential(hardened):
    assert hardened.client.get("/health").status_code == 200
    document = hardened.client.get("/openapi.json").json()
    assert "/v1/establishments/{code}/push" in document["paths"]


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/v1/establishments/BAR/pull"),
        ("POST", "/v1/establishments/BAR/push"),
        ("HEAD", "/v1/establishments/BAR/blobs/" + "a" * 64),
        ("GET", "/v1/establishments/BAR/blobs/" + "a" * 64),
        ("PUT", "/v1/establishments/BAR/blobs/" + "a" * 64),
    ],
)
@pytest.mark.parametrize("authorization", [None, "Bearer nobody.nothing", "Basic abc", "Bearer " + "x" * 300])
def test_every_other_endpoint_refuses_a_request_without_valid_credentials(hardened, method, path, authorization):
    headers = dict(HEADERS, **({"Authorization": authorization} if authorization else {}))
    answer = hardened.client.request(method, path, headers=headers, json={"ops": []} if method == "POST" else None)
    assert answer.status_code == 401


def test_a_wrong_secret_for_a_real_device_is_refused(hardened):
    desk = hardened.desks["a"]
    device_id = credential.load(desk.ctx.db_path).device_id
    answer = hardened.client.get(
        "/v1/establishments/BAR/pull", headers={**HEADERS, "Authorization": f"Bearer {device_id}.guessed"}
    )
    assert answer.status_code == 401
    with Session(hardened.engine) as session:  # the secret is kept only as a hash (SHA-256: devices.py says why)
        from visitorcentre.server.models import Device

        stored = session.get(Device, device_id).secret_hash
    secret = credential.load(desk.ctx.db_path).token.split(".", 1)[1]
    assert stored == "sha256$" + hashlib.sha256(secret.encode()).hexdigest() and secret not in stored


def test_another_establishment_is_forbidden(hardened):
    desk = hardened.desks["a"]
    for method, path in (("GET", "/v1/establishments/GRE/pull"), ("POST", "/v1/establishments/GRE/push")):
        answer = hardened.client.request(
            method, path, headers=bearer(desk), json={"ops": []} if method == "POST" else None
        )
        assert answer.status_code == 403 and "BAR" in answer.json()["detail"]


def test_a_blob_of_another_establishment_is_answered_as_not_there(hardened):
    import hashlib

    from tests.integration.server.test_attacker_desk_push import a_receipt

    bar, gre = hardened.desks["a"], hardened.desks["g"]
    data = a_receipt()
    sha = hashlib.sha256(data).hexdigest()
    assert (
        hardened.client.put(f"/v1/establishments/BAR/blobs/{sha}", content=data, headers=bearer(bar)).status_code == 204
    )
    foreign = hardened.client.get(f"/v1/establishments/GRE/blobs/{sha}", headers=bearer(gre))
    absent = hardened.client.get(f"/v1/establishments/GRE/blobs/{'b' * 64}", headers=bearer(gre))
    assert foreign.status_code == absent.status_code == 404 and foreign.content == absent.content
    assert hardened.client.get(f"/v1/establishments/BAR/blobs/{sha}", headers=bearer(bar)).content == data
    wrong = hardened.client.put(f"/v1/establishments/BAR/blobs/{'0' * 64}", content=data, headers=bearer(bar))
    assert wrong.status_code == 400 and "SHA-256" in wrong.json()["detail"]


def test_oversized_bodies_are_refused_with_413(hardened):
    desk = hardened.desks["a"]
    big = {
        "ops": [
            {
                "op_id": "x",
                "seq": 1,
                "entity": "visit",
                "row_id": "x",
                "operation": "insert",
                "schema_version": 1,
                "payload": {"notes": "n" * 30_000},
            }
        ]
    }
    assert hardened.client.post("/v1/establishments/BAR/push", json=big, headers=bearer(desk)).status_code == 413

    def chunks():  # no Content-Length up front: counted as it arrives
        for _ in range(30):
            yield b"x" * 1000

    answer = hardened.client.post("/v1/establishments/BAR/push", content=chunks(), headers=bearer(desk))
    assert answer.status_code == 413
    assert (
        hardened.client.put(
            "/v1/establishments/BAR/blobs/" + "a" * 64, content=b"y" * 60_000, headers=bearer(desk)
        ).status_code
        == 413
    )


@pytest.mark.parametrize(
    "body", [b"{not json", b"[]", b'{"ops": "many"}', b'{"ops": [{"op_id": 1}]}', b'{"ops": [], "extra": true}']
)
def test_malformed_bodies_get_a_clear_4xx(hardened, body):
    desk = hardened.desks["a"]
    answer = hardened.client.post(
        "/v1/establishments/BAR/push", content=body, headers={**bearer(desk), "Content-Type": "application/json"}
    )
    assert answer.status_code == 422 and answer.json()["detail"]


@pytest.mark.parametrize(
    "headers, word",
    [
        ({}, "headers"),
        ({"X-Sync-Protocol": "9", "X-Sync-Schema": "1"}, "protocol"),
        ({"X-Sync-Protocol": "1", "X-Sync-Schema": "7"}, "schema"),
        ({"X-Sync-Protocol": "one", "X-Sync-Schema": "1"}, ""),
    ],
)
def test_versions_are_on_every_request(hardened, headers, word):
    answer = hardened.client.post("/v1/enrol", json={"code": "ABCD-EFGH"}, headers=headers)
    assert answer.status_code in (400, 422) and word in str(answer.json()["detail"])


def test_the_previous_schema_is_accepted(hardened):
    answer = hardened.client.post(
        "/v1/enrol", json={"code": "ABCD-EFGH"}, headers={"X-Sync-Protocol": "1", "X-Sync-Schema": "0"}
    )
    assert answer.status_code == 403  # read, and refused only for the unknown code


def test_a_used_enrolment_code_is_refused(hardened):
    code, _ = admin.enrolment_code(hardened.engine, "BAR", datetime.utcnow())
    first = hardened.client.post("/v1/enrol", json={"code": code}, headers=HEADERS)
    assert first.status_code == 200 and first.json()["establishment"] == "BAR"
    again = hardened.client.post("/v1/enrol", json={"code": code.lower().replace("-", " ")}, headers=HEADERS)
    assert again.status_code == 403 and "not valid" in again.json()["detail"]


def test_an_expired_enrolment_code_is_refused(hardened):
    with Session(hardened.engine) as session:
        code, _ = device_store.new_enrolment_code(session, "BAR", datetime.utcnow() - timedelta(days=2))
        session.commit()
    answer = hardened.client.post("/v1/enrol", json={"code": code}, headers=HEADERS)
    assert answer.status_code == 403


def test_enrolment_attempts_are_rate_limited(hardened):
    from starlette.testclient import TestClient

    from visitorcentre.server.app import create_app

    # The counts live in the database, shared with every app on it: an hour on, this window is fresh.
    later = lambda: datetime.utcnow() + timedelta(hours=1)  # noqa: E731
    strict = TestClient(create_app(str(hardened.engine.url), migrate=False, enrol_limit=4, clock=later))
    answers = [strict.post("/v1/enrol", json={"code": f"WRONG-{n:04d}"}, headers=HEADERS).status_code for n in range(6)]
    assert answers[:4] == [403] * 4 and answers[4:] == [429, 429]
    code, _ = admin.enrolment_code(hardened.engine, "BAR", datetime.utcnow())
    assert strict.post("/v1/enrol", json={"code": code}, headers=HEADERS).status_code == 429


def test_no_server_fault_on_unknown_paths_or_methods(hardened):
    assert hardened.client.get("/v1/establishments/BAR/nothing").status_code == 404
    assert hardened.client.delete("/v1/establishments/BAR/pull").status_code == 405
    assert hardened.client.get("/v1/establishments/B%20R/pull", headers=HEADERS).status_code in (401, 422)
