"""The server's OpenAPI document through schemathesis (time-bounded): no request it describes gives a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.integration.sync_world import make_sync_world
from visitorcentre.sync import credential


@pytest.fixture(scope="module")
def fuzz_world(tmp_path_factory):
    world = make_sync_world(tmp_path_factory.mktemp("fuzz"))
    world.enrol("a")
    yield world
    world.close()


def test_no_request_the_document_describes_gives_a_server_error(fuzz_world):
    from hypothesis import given

    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_world.app)
    token = credential.load(fuzz_world.desks["a"].db_path).token
    signed = {"X-Sync-Protocol": "1", "X-Sync-Schema": "1", "Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def no_server_error(case):
            for headers in (signed, {}):
                response = case.call(headers=headers)
                assert response.status_code < 500, (case.method, case.formatted_path, response.text)

        no_server_error()
