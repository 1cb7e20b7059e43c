"""The centre's service tests: ``engine`` is a migrated, empty central server database, on SQLite and on PostgreSQL.

A test module that needs more in it (establishments, say) overrides ``engine`` with a fixture of
the same name that asks for this one and fills it.
"""

from __future__ import annotations

import pytest

from tests.integration.servers import drop_server_db, server_db_url
from visitorcentre.server import database


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request, tmp_path):
    url = server_db_url(request.param, tmp_path)
    engine = database.make_engine(url)
    database.migrate(engine)
    engine.url_text = url  # type: ignore[attr-defined]  (for tests that start a server process on it)
    yield engine
    engine.dispose()
    drop_server_db(url)
