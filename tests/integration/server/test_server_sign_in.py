"""Failed sign-ins cost the attacker, not the server: limited per address and per desk before any
check, the same work whether the desk exists or not, X-Forwarded-For believed only from a trusted
proxy, and nothing kept in process memory (two apps on one database act as one)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from tests.integration.sync_world import make_sync_world
from visitorcentre.server import admin
from visitorcentre.server import devices as device_store
from visitorcentre.server.app import create_app
from visitorcentre.server.models import Device
from visitorcentre.sync import credential

HEADERS = {"X-Sync-Protocol": "1", "X-Sync-Schema": "1"}
PULL = "/v1/establishments/BAR/pull"


@pytest.fixture
def world(tmp_path):
    made = make_sync_world(tmp_path)
    made.enrol("a")
    yield made
    made.close()


def token(world) -> str:
    return credential.load(world.desks["a"].ctx.db_path).token


def signed(value: str) -> dict:
    return {**HEADERS, "Authorization": f"Bearer {value}"}


def app_on(world, **options):
    """Another server process on the same database (as another worker would be)."""
    return create_app(str(world.engine.url), migrate=False, **options)


@pytest.fixture
def checks(monkeypatch):
    """Every secret check the server makes: (stored hash, secret)."""
    made = []
    real = device_store.secret_matches

    def counting(stored, secret):
        made.append((stored, secret))
        return real(stored, secret)

    monkeypatch.setattr(device_store, "secret_matches", counting)
    return made


def test_an_address_over_its_failure_limit_is_refused_before_anything_is_checked(world, checks):
    rules = device_store.SignInLimits(failures_per_address=3, failures_per_device=100)
    attacker = TestClient(app_on(world, sign_in=rules), client=("203.0.113.9", 4000))
    device_id = token(world).split(".")[0]
    answers = [attacker.get(PULL, headers=signed(f"{device_id}.guess{n}")).status_code for n in range(3)]
    assert answers == [401, 401, 401] and len(checks) == 3
    for value in (f"{device_id}.guess9", "unknown-device.guess", token(world)):  # even the right secret, for now
        answer = attacker.get(PULL, headers=signed(value))
        assert answer.status_code == 429 and answer.headers["Retry-After"]
    assert len(checks) == 3  # nothing looked up or hashed past the limit
    desk = TestClient(app_on(world, sign_in=rules), client=("198.51.100.7", 4000))
    assert desk.get(PULL, headers=signed(token(world))).status_code == 200  # other addresses are not held up


def test_a_desk_over_its_failure_limit_is_refused_from_every_address(world, checks):
    rules = device_store.SignInLimits(failures_per_address=100, failures_per_device=2)
    device_id = token(world).split(".")[0]
    for n in range(2):
        attacker = TestClient(app_on(world, sign_in=rules), client=(f"203.0.113.{n}", 4000))
        assert attacker.get(PULL, headers=signed(f"{device_id}.guess")).status_code == 401
    elsewhere = TestClient(app_on(world, sign_in=rules), client=("203.0.113.50", 4000))
    assert elsewhere.get(PULL, headers=signed(f"{device_id}.guess")).status_code == 429
    assert len(checks) == 2
    later = TestClient(app_on(world, sign_in=rules, clock=lambda: datetime.utcnow() + timedelta(minutes=2)))
    assert later.get(PULL, headers=signed(token(world))).status_code == 200  # the window passes


def test_an_unknown_desk_costs_the_same_check_as_a_wrong_secret(world, checks):
    client = TestClient(world.app)
    device_id = token(world).split(".")[0]
    unknown = client.get(PULL, headers=signed("0b7c8a0e-0000-4000-8000-000000000000.some-secret"))
    wrong = client.get(PULL, headers=signed(f"{device_id}.some-secret"))
    assert unknown.status_code == wrong.status_code == 401 and unknown.json() == wrong.json()
    assert dict(unknown.headers) == dict(wrong.headers)
    (stand_in, first), (real, second) = checks
    assert first == second == "some-secret"
    assert stand_in.startswith("sha256$") and real.startswith("sha256$") and stand_in != real


def test_a_desk_enrolled_with_an_argon2_hash_keeps_working_and_gets_the_cheap_hash(world):
    device_id, secret = token(world).split(".", 1)
    old = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(secret)
    with Session(world.engine) as session:
        session.get(Device, device_id).secret_hash = old
        session.commit()
    client = TestClient(world.app)
    assert client.get(PULL, headers=signed(f"{device_id}.wrong")).status_code == 401
    assert client.get(PULL, headers=signed(token(world))).status_code == 200
    with Session(world.engine) as session:
        assert session.get(Device, device_id).secret_hash == device_store.hash_secret(secret)
    assert client.get(PULL, headers=signed(token(world))).status_code == 200


def test_revocation_is_seen_at_once_by_every_process(world):
    first, second = TestClient(world.app), TestClient(app_on(world))
    assert first.get(PULL, headers=signed(token(world))).status_code == 200
    assert second.get(PULL, headers=signed(token(world))).status_code == 200
    admin.revoke(world.engine, token(world).split(".")[0])
    assert first.get(PULL, headers=signed(token(world))).status_code == 401
    assert second.get(PULL, headers=signed(token(world))).status_code == 401


def test_failure_counts_are_shared_by_every_process_on_the_database(world):
    rules = device_store.SignInLimits(failures_per_address=4, failures_per_device=100)
    workers = [TestClient(app_on(world, sign_in=rules)) for _ in range(4)]
    answers = [w.get(PULL, headers=signed(f"nobody-{n}.guess")).status_code for n, w in enumerate(workers)]
    assert answers == [401] * 4
    assert [w.get(PULL, headers=signed(token(world))).status_code for w in workers] == [429] * 4


def enrol_attempts(client: TestClient, count: int, forwarded: bool) -> list[int]:
    return [
        client.post(
            "/v1/enrol",
            json={"code": f"WRONG-{n:04d}"},
            headers={**HEADERS, **({"X-Forwarded-For": f"192.0.2.{n}"} if forwarded else {})},
        ).status_code
        for n in range(count)
    ]


def test_a_forwarded_for_header_does_not_dodge_the_enrolment_limit_without_a_trusted_proxy(world):
    client = TestClient(app_on(world, enrol_limit=3), client=("203.0.113.20", 4000))
    assert enrol_attempts(client, 5, forwarded=True) == [403, 403, 403, 429, 429]


def test_a_trusted_proxy_passes_on_each_client_address(world):
    proxy = TestClient(app_on(world, enrol_limit=3, trusted_proxies=["127.0.0.9"]), client=("127.0.0.9", 4000))
    assert enrol_attempts(proxy, 5, forwarded=True) == [403] * 5  # five clients, one attempt each
    stranger = TestClient(app_on(world, enrol_limit=3, trusted_proxies=["127.0.0.9"]), client=("203.0.113.21", 4000))
    assert enrol_attempts(stranger, 5, forwarded=True) == [403, 403, 403, 429, 429]  # not the proxy: not believed
