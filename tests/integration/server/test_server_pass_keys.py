"""The central server's pass-signing keys (server/pass_keys.py): made once per establishment, scoped to it,
rotated with the old key retired, and the server-admin verb that rotates them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import build_world
from visitorcentre import cli
from visitorcentre.core import passes as tokens
from visitorcentre.core.errors import InvalidInput
from visitorcentre.server import admin, database, documents, pass_keys
from visitorcentre.server.models import Document, Feed

NOW = datetime(2026, 11, 22, 12, 0)
TODAY = NOW.date()


@pytest.fixture
def server(tmp_path):
    """A server database holding the known world (BAR and GRE), loaded as `server-admin demo` would."""
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    engine = database.make_engine(url)
    database.migrate(engine)
    seed = build_world(tmp_path / "seed.sqlite3")
    seed.desk.close()
    admin.load_desk_database(engine, tmp_path / "seed.sqlite3", NOW)
    yield engine
    engine.dispose()


def keys(engine, establishment: str | None = None) -> list[Document]:
    with Session(engine) as session:
        query = select(Document).where(Document.entity == "pass_key").order_by(Document.seq)
        if establishment:
            query = query.where(Document.establishment == establishment)
        return list(session.scalars(query))


def scopes(engine, row_id: str) -> set[str]:
    with Session(engine) as session:
        return set(session.scalars(select(Feed.scope).where(Feed.entity == "pass_key", Feed.row_id == row_id)))


def test_loading_an_establishment_makes_one_key_each_scoped_to_it(server):
    bar, gre = keys(server, "BAR"), keys(server, "GRE")
    assert len(bar) == 1 and len(gre) == 1
    for doc, code in ((bar[0], "BAR"), (gre[0], "GRE")):
        payload = doc.payload
        assert doc.written_by == "server" and payload["establishment"] == code and payload["active"]
        assert payload["retired_on"] is None
        public = bytes.fromhex(payload["public_key"])
        assert payload["key_id"] == tokens.key_id_for(public) and len(bytes.fromhex(payload["private_key"])) == 32
        assert scopes(server, doc.row_id) == {code}  # never national, never another establishment's
    assert bar[0].payload["key_id"] != gre[0].payload["key_id"]


def test_the_desks_own_keys_are_not_loaded(tmp_path):
    engine = database.make_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    database.migrate(engine)
    seed = build_world(tmp_path / "seed.sqlite3")
    reference = seed.desk.visits.book_visit(seed.session_today, seed.prisoner, [seed.mum])
    vid = seed.desk.visits.visit_for_scan(reference)
    seed.desk.visits.check_in(vid)
    seed.desk.passes.issue_pass(vid)  # the seed desk makes a key of its own
    with seed.desk.ctx.reading() as session:
        from visitorcentre.db import models as m

        desk_key = session.scalar(select(m.PassKey.key_id))
    seed.desk.close()
    admin.load_desk_database(engine, tmp_path / "seed.sqlite3", NOW)
    assert [d.payload["key_id"] for d in keys(engine, "BAR")] != [desk_key]
    assert len(keys(engine, "BAR")) == 1
    engine.dispose()


def test_making_sure_again_changes_nothing(server):
    before = [(d.row_id, d.seq) for d in keys(server)]
    with Session(server.execution_options(write=True)) as session:
        assert pass_keys.ensure(session, "BAR", NOW).row_id == before[0][0]
        session.commit()
    assert pass_keys.ensure_every_establishment(server, NOW, TODAY) == 0
    admin.enrolment_code(server, "bar", NOW)
    assert [(d.row_id, d.seq) for d in keys(server)] == before


def test_an_establishment_without_a_key_gets_one_at_start_up_and_with_its_first_enrolment_code(server):
    with Session(server.execution_options(write=True)) as session:
        for doc in keys(server):
            session.delete(session.get(Document, ("pass_key", doc.row_id)))
        session.commit()
    admin.enrolment_code(server, "GRE", NOW)
    assert len(keys(server, "GRE")) == 1 and keys(server, "BAR") == []
    assert pass_keys.ensure_every_establishment(server, NOW, TODAY) == 1
    assert len(keys(server, "BAR")) == 1


def test_rotation_makes_a_new_key_and_retires_the_old_one_for_later_days(server):
    [old] = keys(server, "BAR")
    new_id, retired = admin.rotate_pass_key(server, "bar", NOW + timedelta(hours=1), TODAY)
    assert retired == [old.payload["key_id"]] and new_id != old.payload["key_id"]
    by_key = {d.payload["key_id"]: d for d in keys(server, "BAR")}
    gone, current = by_key[old.payload["key_id"]], by_key[new_id]
    assert gone.payload["retired_on"] == TODAY.isoformat() and gone.payload["active"] is False
    assert gone.payload["private_key"] == "" and gone.payload["public_key"] == old.payload["public_key"]
    assert gone.version == old.version + 1 and gone.seq > old.seq  # desks pull the retirement
    assert current.payload["retired_on"] is None and current.payload["private_key"]
    assert scopes(server, current.row_id) == {"BAR"}
    with Session(server) as session:
        assert pass_keys.current(session, "BAR").payload["key_id"] == new_id
    assert len(keys(server, "GRE")) == 1 and keys(server, "GRE")[0].payload["retired_on"] is None  # GRE untouched


def test_rotating_twice_keeps_one_key_in_force(server):
    admin.rotate_pass_key(server, "BAR", NOW, TODAY)
    newest, _ = admin.rotate_pass_key(server, "BAR", NOW + timedelta(minutes=1), TODAY + timedelta(days=1))
    in_force = [d for d in keys(server, "BAR") if pass_keys.in_force(d)]
    assert [d.payload["key_id"] for d in in_force] == [newest] and len(keys(server, "BAR")) == 3


def test_rotating_an_unknown_establishment_names_the_field(server):
    with pytest.raises(InvalidInput) as refused:
        admin.rotate_pass_key(server, "XYZ", NOW, TODAY)
    assert refused.value.field == "establishment"


def test_a_key_a_desk_pushed_before_is_retired_at_start_up(server):
    key_id, private, public = tokens.new_key_pair()
    planted = {
        "id": "planted-key",
        "establishment": "GRE",
        "created_at": NOW.isoformat(),
        "updated_at": NOW.isoformat(),
        "version": 1,
        "key_id": key_id,
        "public_key": public.hex(),
        "private_key": private.hex(),
        "active": True,
    }
    with Session(server.execution_options(write=True)) as session:
        documents.put(session, "pass_key", "planted-key", planted, "some-device-id", NOW)
        session.commit()
    pass_keys.ensure_every_establishment(server, NOW, date(2026, 11, 23))
    [doc] = [d for d in keys(server, "GRE") if d.row_id == "planted-key"]
    assert doc.payload["retired_on"] == "2026-11-23" and doc.payload["private_key"] == ""
    with Session(server) as session:
        assert pass_keys.current(session, "GRE").row_id != "planted-key"


def test_the_rotate_verb(server, capsys, tmp_path):
    url = str(server.url)
    [old] = keys(server, "BAR")
    # --database-url after the verb, as the admin guide writes it ...
    status = cli.main(["server-admin", "rotate-pass-key", "bar", "--database-url", url])
    out, err = capsys.readouterr()
    assert status == 0 and err == "" and "New pass-signing key" in out and old.payload["key_id"] in out
    # ... or before it, like every other server-admin verb
    assert cli.main(["server-admin", "--database-url", url, "rotate-pass-key", "BAR"]) == 0
    capsys.readouterr()
    assert len(keys(server, "BAR")) == 3
    status = cli.main(["server-admin", "rotate-pass-key", "NOPE", "--database-url", url])
    out, err = capsys.readouterr()
    assert status == 2 and err.count("\n") == 1 and "NOPE" in err and "Traceback" not in err
