"""Migration 0003 (cost of visits) on its own: it adds exactly its three tables and takes them away again."""

from __future__ import annotations

from tests.integration.records.test_migrations import downgrade, revision_of, schema, upgrade

COST_TABLES = {"cost_application", "cost_application_event", "cost_attachment"}


def test_0003_follows_0002_and_adds_the_cost_of_visits_tables(tmp_path):
    path = tmp_path / "desk.sqlite3"
    upgrade(path, "0002")
    before = schema(path)["table"]
    upgrade(path, "0003")
    assert revision_of(path) == "0003"
    assert schema(path)["table"] - before == COST_TABLES
    assert {"ix_cost_application_claim", "ix_cost_attachment_sha256"} <= schema(path)["index"]


def test_0003_downgrades_to_0002_cleanly(tmp_path):
    path = tmp_path / "desk.sqlite3"
    upgrade(path, "0003")
    downgrade(path, "0002")
    assert revision_of(path) == "0002"
    assert not COST_TABLES & schema(path)["table"]
    assert not any(name.startswith("ix_cost_") for name in schema(path).get("index", set()))
