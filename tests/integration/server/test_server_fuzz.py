"""The server's OpenAPI document through schemathesis (time-bounded), on SQLite and PostgreSQL: no request it
describes (positive), and no request it forbids (negative: wrong types, out-of-range numbers, missing fields),
gives a 5xx."""

from __future__ import annotations

from datetime import datetime

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis.errors import Unsatisfiable

from tests.conftest import build_world
from tests.integration.servers import drop_server_db, server_db_url
from tests.integration.sync_world import Network, SyncWorld, make_sync_world
from visitorcentre.server import admin
from visitorcentre.server.app import create_app
from visitorcentre.sync import credential
from visitorcentre.sync.in_process import server_transport


def _postgres_world(folder) -> SyncWorld:
    url = server_db_url("postgres", folder)
    seed = build_world(folder / "seed.sqlite3")
    seed.desk.close()
    app = create_app(url)
    admin.load_desk_database(app.state.engine, folder / "seed.sqlite3", datetime.utcnow())
    world = SyncWorld(app=app, engine=app.state.engine, network=Network(server_transport(app)), folder=folder)
    world.url = url
    return world


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fuzz_world(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    world = make_sync_world(folder) if request.param == "sqlite" else _postgres_world(folder)
    world.enrol("a")
    yield world
    world.close()
    if getattr(world, "url", None):
        drop_server_db(world.url)


@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode), ids=lambda m: m.value)
def test_no_request_gives_a_server_error(fuzz_world, mode):
    from hypothesis import given

    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_world.app)
    token = credential.load(fuzz_world.desks["a"].ctx.db_path).token
    signed = {"X-Sync-Protocol": "1", "X-Sync-Schema": "1", "Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    fuzzed = 0
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def no_server_error(case):
            for headers in (signed, {}):
                response = case.call(headers={**(case.headers or {}), **headers})
                assert response.status_code < 500, (case.method, case.formatted_path, response.text)

        try:
            no_server_error()
        except Unsatisfiable:  # nothing can be wrong with it (/health, /openapi.json take nothing)
            assert mode is schemathesis.GenerationMode.NEGATIVE
            continue
        fuzzed += 1
    assert fuzzed >= 5
