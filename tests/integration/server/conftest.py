"""A real server on PostgreSQL with four workers, seeded with the demo world's records (BAR's desks push to it)."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import build_world
from tests.integration.servers import ServerProcess, drop_server_db, server_db_url
from visitorcentre.server import admin, database


@pytest.fixture
def server_on_four_workers(tmp_path):
    url = server_db_url("postgres", tmp_path)
    engine = database.make_engine(url)
    database.migrate(engine)
    seed = build_world(tmp_path / "seed.sqlite3")
    seed.desk.close()
    admin.load_desk_database(engine, tmp_path / "seed.sqlite3", datetime.utcnow())
    process = ServerProcess(url, None, "--workers", "4").start()
    process.engine = engine
    yield process
    process.stop()
    engine.dispose()
    drop_server_db(url)
