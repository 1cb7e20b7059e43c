"""An attacker holding one enrolled desk's credential, against a real server on loopback (SQLite and PostgreSQL).

Every attack goes through the push (or receipt) endpoints with the desk's own bearer token, as
raw JSON. Each must be refused with a clear answer naming what is wrong, with nothing stored
(the server's documents and feed unchanged), and afterwards honest desks of the same and of
another establishment still push and pull normally.
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
from datetime import datetime

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import NOW, build_world
from tests.integration.servers import ServerProcess, drop_server_db, server_db_url
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.staff import Actor
from visitorcentre.desk import Desk, open_desk
from visitorcentre.server import admin, database, documents
from visitorcentre.server.models import AppliedOp, Document, Feed
from visitorcentre.sync.enrolment import enrol

HEADERS = {"X-Sync-Protocol": "1", "X-Sync-Schema": "1"}
STAMP = "2026-11-22T13:00:00"


def _common(row_id: str, establishment: str, version: int = 1) -> dict:
    return {"id": row_id, "establishment": establishment, "created_at": STAMP, "updated_at": STAMP, "version": version}


def visitor(row_id: str, establishment: str = "BAR", version: int = 1, **changes) -> dict:
    return {
        **_common(row_id, establishment, version),
        "first_name": "Eve",
        "last_name": "Mallory",
        "date_of_birth": "1990-01-01",
        "phone": "",
        "email": "",
        "address": "",
        "postcode": "",
        "language": "en",
        "support_needs": "",
        "id_checked": "",
        "photo_consent": False,
        "notes": "",
        "search_terms": "eve mallory",
        **changes,
    }


def visit(row_id: str, establishment: str = "BAR", version: int = 1, **changes) -> dict:
    return {
        **_common(row_id, establishment, version),
        "reference": row_id[-6:].upper(),
        "session_id": "ses-today",
        "prisoner_id": "pr-1",
        "status": "booked",
        "source": "desk",
        "booked_at": STAMP,
        "checked_in_at": None,
        "in_hall_at": None,
        "completed_at": None,
        "late_reason": "",
        "overbooked_reason": "",
        "cancel_reason": "",
        "notes": "",
        "support_needs": [],
        **changes,
    }


def visit_person(row_id: str, visit_id: str, visitor_id: str, **changes) -> dict:
    return {
        **_common(row_id, "BAR"),
        "visit_id": visit_id,
        "visitor_id": visitor_id,
        "session_date": "2026-11-22",
        "position": 0,
        "outcome": "expected",
        "reason": "",
        "outcome_at": None,
        **changes,
    }


def feedback(row_id: str, version: int = 1, **changes) -> dict:
    return {
        **_common(row_id, "BAR", version),
        "rating": 4,
        "comment": "",
        "by_child": False,
        "anonymous": True,
        "name": "",
        "visit_id": None,
        "session_kind": "",
        "given_at": STAMP,
        "given_on": "2026-11-22",
        "responded": False,
        **changes,
    }


def visit_pass(row_id: str, visit_id: str, version: int = 1, **changes) -> dict:
    return {
        **_common(row_id, "BAR", version),
        "visit_id": visit_id,
        "serial": 900001,
        "key_id": "k1",
        "token": "VC1.TOKEN",
        "layout": "a6",
        "printed_at": STAMP,
        "printed_by": "Eve",
        "times_printed": 1,
        "voided": False,
        "voided_reason": "",
        "voided_at": None,
        "voided_by": "",
        **changes,
    }


def application(row_id: str, **changes) -> dict:
    return {
        **_common(row_id, "BAR"),
        "reference": row_id[-6:].upper(),
        "claimant_id": "vis-mum",
        "prisoner_id": "pr-1",
        "visit_id": None,
        "prison_nation": "scotland",
        "visit_date": "2026-11-22",
        "application_date": "2026-11-22",
        "claim_type": "past",
        "claimant_date_of_birth": "1990-04-12",
        "relationship": "partner",
        "benefit": "universal_credit",
        "status": "draft",
        **changes,
    }


def attachment(row_id: str, application_id: str, sha: str) -> dict:
    return {
        **_common(row_id, "BAR"),
        "application_id": application_id,
        "kind": "receipt",
        "sha256": sha,
        "media_type": "application/pdf",
        "size_bytes": 10,
        "original_name": "ticket.pdf",
        "expense_index": 0,
    }


def op(entity: str, payload: dict, operation: str = "insert", op_id: str | None = None) -> dict:
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "seq": 1,
        "entity": entity,
        "row_id": payload["id"],
        "operation": operation,
        "schema_version": 1,
        "payload": payload,
    }


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


# --- the town: a real server with Barlinnie (BAR) and Greenock (GRE), an attacker and honest desks ----------


class Town:
    def __init__(self, kind: str, folder):
        self.kind = kind
        self.folder = folder
        self.url = server_db_url(kind, folder)
        seed = build_world(folder / "seed.sqlite3")
        seed.desk.close()
        self.engine = database.make_engine(self.url)
        database.migrate(self.engine)
        admin.load_desk_database(self.engine, folder / "seed.sqlite3", datetime.utcnow())
        self._plant_greenock()
        self.server = ServerProcess(self.url).start()
        self.http = httpx.Client(base_url=self.server.address, timeout=30)
        self.attacker = self.enrol_raw("BAR")
        self.other_bar_device = self.enrol_raw("BAR")
        self.gre_device = self.enrol_raw("GRE")
        self.bar = self.enrol_desk("bar", "BAR")
        self.gre = self.enrol_desk("gre", "GRE")

    def _plant_greenock(self) -> None:
        """Greenock's own records on the server: a session, a prisoner, a visitor, a visit, an application."""
        now = datetime.utcnow()
        rows = [
            (
                "visit_session",
                {
                    **_common("ses-gre", "GRE"),
                    "date": "2026-11-22",
                    "starts_at": "14:00:00",
                    "ends_at": "16:00:00",
                    "room": "Hall",
                    "kind": "standard",
                    "capacity": 5,
                    "details": "",
                },
            ),
            (
                "prisoner",
                {
                    **_common("pr-gre", "GRE"),
                    "prison_number": "G100001",
                    "first_name": "Gary",
                    "last_name": "Greenock",
                    "date_of_birth": None,
                    "location": "",
                    "status": "convicted",
                    "no_child_contact": False,
                    "closed_visits": False,
                },
            ),
            ("visitor", visitor("vis-gre", "GRE", first_name="Gwen")),
            ("visit", visit("visit-gre", "GRE", session_id="ses-gre", prisoner_id="pr-gre", reference="GREGRE")),
            (
                "cost_application",
                application(
                    "app-gre", establishment="GRE", claimant_id="vis-gre", prisoner_id="pr-gre", reference="GAPPGR"
                ),
            ),
            ("feedback", {**feedback("fb-gre"), "establishment": "GRE"}),
        ]
        with Session(self.engine.execution_options(write=True)) as session:
            for entity, payload in rows:
                documents.put(session, entity, payload["id"], payload, "server", now)
            session.commit()

    def enrol_raw(self, establishment: str) -> dict:
        code, _ = admin.enrolment_code(self.engine, establishment, datetime.utcnow())
        answer = self.http.post("/v1/enrol", json={"code": code, "desk_name": "kiosk"}, headers=HEADERS)
        assert answer.status_code == 200, answer.text
        return {**HEADERS, "Authorization": f"Bearer {answer.json()['secret']}"}

    def enrol_desk(self, name: str, establishment: str) -> Desk:
        code, _ = admin.enrolment_code(self.engine, establishment, datetime.utcnow())
        path = self.folder / f"{name}.sqlite3"
        enrol(path, self.server.address, code, name)
        desk = open_desk(
            path, actor=Actor("Honest Worker", "manager"), clock=FixedClock(NOW), establishment=establishment
        )
        desk.sync.now()
        return desk

    def push(self, ops: list[dict], headers: dict | None = None, code: str = "BAR") -> list[dict]:
        body = json.dumps({"ops": ops}).encode()  # ASCII: a lone surrogate goes as the escape \ud800
        answer = self.http.post(
            f"/v1/establishments/{code}/push",
            content=body,
            headers={**(headers or self.attacker), "Content-Type": "application/json"},
        )
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]

    def push_raw(self, body: bytes, headers: dict | None = None) -> httpx.Response:
        return self.http.post(
            "/v1/establishments/BAR/push",
            content=body,
            headers={**(headers or self.attacker), "Content-Type": "application/json"},
        )

    def stored(self) -> tuple:
        """Everything the server holds that desks receive: documents and the feed."""
        with Session(self.engine) as session:
            docs = sorted(
                (d.entity, d.row_id, d.establishment, d.version, json.dumps(d.payload, sort_keys=True))
                for d in session.scalars(select(Document))
            )
            feed = sorted((f.scope, f.entity, f.row_id, f.seq) for f in session.scalars(select(Feed)))
        return docs, feed

    def doc(self, entity: str, row_id: str) -> Document | None:
        with Session(self.engine) as session:
            return session.get(Document, (entity, row_id))

    def others_still_sync(self) -> None:
        """Honest desks of both establishments push a change and pull, with no new issue."""
        for desk in (self.bar, self.gre):
            issues = len(desk.sync.issues())
            row_id = desk.engagement.leave_feedback(5, "Lovely staff")
            result = desk.sync.now()
            assert result.pending == 0 and len(desk.sync.issues()) == issues
            assert self.doc("feedback", row_id) is not None

    def close(self) -> None:
        for desk in (self.bar, self.gre):
            desk.close()
        self.http.close()
        self.server.stop()
        self.engine.dispose()
        drop_server_db(self.url)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def town(request, tmp_path_factory):
    built = Town(request.param, tmp_path_factory.mktemp(f"attack-{request.param}"))
    yield built
    built.close()


def refused(town: Town, ops: list[dict], *words: str, headers: dict | None = None, code: str = "BAR") -> list[dict]:
    """Push ``ops``: every one rejected (each message holding ``words``), nothing stored, others unaffected."""
    before = town.stored()
    results = town.push(ops, headers, code)
    assert [r["outcome"] for r in results] == ["rejected"] * len(ops), results
    for result in results:
        assert result["current"] is None
        for word in words:
            assert word in result["message"], result["message"]
    assert town.stored() == before
    town.others_still_sync()
    return results


def applied(town: Town, ops: list[dict]) -> None:
    results = town.push(ops)
    assert [r["outcome"] for r in results] == ["applied"] * len(ops), results


# --- ownership --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("elsewhere", ["GRE", "*", ""])
def test_a_new_row_cannot_be_made_for_another_establishment_or_the_whole_country(town, elsewhere):
    refused(town, [op("visitor", visitor(new_id("vis"), elsewhere))], "establishment")


@pytest.mark.parametrize("elsewhere", ["GRE", "*", ""])
@pytest.mark.parametrize("operation", ["update", "insert"])
def test_a_desks_own_row_cannot_be_moved_elsewhere(town, elsewhere, operation):
    row_id = new_id("vis")
    applied(town, [op("visitor", visitor(row_id))])
    version = 2 if operation == "update" else 1
    refused(town, [op("visitor", visitor(row_id, elsewhere, version), operation)], "establishment")
    assert town.doc("visitor", row_id).establishment == "BAR"


@pytest.mark.parametrize(
    "entity, payload",
    [
        ("visitor", lambda: visitor("vis-gre", "BAR", 2)),  # claimed as ours
        ("visit", lambda: visit("visit-gre", "BAR", 2)),
        ("visit", lambda: visit("visit-gre", "GRE", 2, notes="changed by BAR")),  # changed in place
        ("cost_application", lambda: application("app-gre", version=2)),
    ],
)
def test_another_establishments_row_cannot_be_claimed_or_changed(town, entity, payload):
    refused(town, [op(entity, payload(), "update"), op(entity, payload(), "insert")], "another establishment")


@pytest.mark.parametrize(
    "entity, payload",
    [
        ("visit", lambda: visit(new_id("v"), session_id="ses-gre")),
        ("visit", lambda: visit(new_id("v"), prisoner_id="pr-gre")),
        ("visit_person", lambda: visit_person(new_id("vp"), "visit-gre", "vis-mum")),
        ("visit_pass", lambda: visit_pass(new_id("pass"), "visit-gre")),
        (
            "check_in_event",
            lambda: {
                **_common(new_id("ev"), "BAR"),
                "visit_id": "visit-gre",
                "visitor_id": None,
                "event": "checked_in",
                "at": STAMP,
                "by": "Eve",
                "reason": "",
            },
        ),
        (
            "advice_given",
            lambda: {
                **_common(new_id("ag"), "BAR"),
                "visit_id": "visit-gre",
                "given_at": STAMP,
                "given_by": "Eve",
                "language": "en",
            },
        ),
        ("feedback", lambda: feedback(new_id("fb"), visit_id="visit-gre")),
        ("cost_application", lambda: application(new_id("app"), prisoner_id="pr-gre")),
        ("cost_application", lambda: application(new_id("app"), visit_id="visit-gre")),
        (
            "cost_application_event",
            lambda: {
                **_common(new_id("ae"), "BAR"),
                "application_id": "app-gre",
                "status": "submitted",
                "at": STAMP,
                "by": "Eve",
                "note": "",
            },
        ),
        ("cost_attachment", lambda: attachment(new_id("att"), "app-gre", "")),
        (
            "relationship",
            lambda: {
                **_common(new_id("rel"), "BAR"),
                "visitor_id": "vis-mum",
                "prisoner_id": "pr-gre",
                "kind": "friend",
                "list_status": "approved",
            },
        ),
        (
            "child_approval",
            lambda: {
                **_common(new_id("ca"), "BAR"),
                "prisoner_id": "pr-gre",
                "visitor_id": "vis-mum",
                "approved_by": "Eve",
                "approved_on": "2026-11-22",
                "valid_until": None,
                "note": "",
            },
        ),
        (
            "feedback_response",
            lambda: {
                **_common(new_id("fr"), "BAR"),
                "theme": "Waiting",
                "you_said": "x",
                "we_did": "y",
                "feedback_ids": ["fb-gre"],
                "responded_on": "2026-11-22",
                "responded_by": "Eve",
            },
        ),
    ],
)
def test_a_row_cannot_name_another_establishments_records(town, entity, payload):
    refused(town, [op(entity, payload())], "another establishment")


def test_a_visitor_registered_elsewhere_may_be_named(town):
    """The shared visitor (policy.SHAREABLE): Greenock's visitor in a Barlinnie party is allowed."""
    visit_id = new_id("v")
    applied(town, [op("visit", visit(visit_id)), op("visit_person", visit_person(new_id("vp"), visit_id, "vis-gre"))])
    town.others_still_sync()


# --- append-only records ------------------------------------------------------------------------------------


def test_an_append_only_row_cannot_be_rewritten(town):
    visit_id, pass_id, fb_id = new_id("v"), new_id("pass"), new_id("fb")
    applied(
        town,
        [
            op("visit", visit(visit_id)),
            op("visit_pass", visit_pass(pass_id, visit_id)),
            op("feedback", feedback(fb_id, rating=2)),
        ],
    )
    refused(town, [op("feedback", feedback(fb_id, 2, rating=5), "update")], "“rating”", "cannot be changed")
    refused(town, [op("feedback", feedback(fb_id, 1, rating=5))], "“rating”")  # an insert "again", rewritten
    refused(town, [op("visit_pass", visit_pass(pass_id, visit_id, 2, token="VC1.FORGED"), "update")], "“token”")
    # what its own services change stays allowed: voided, then never un-voided
    applied(
        town,
        [
            op(
                "visit_pass",
                visit_pass(pass_id, visit_id, 2, voided=True, voided_reason="lost", voided_at=STAMP, voided_by="Eve"),
                "update",
            )
        ],
    )
    refused(town, [op("visit_pass", visit_pass(pass_id, visit_id, 3, voided=False), "update")], "“voided”")
    applied(town, [op("feedback", feedback(fb_id, rating=2))])  # the same insert again is fine
    assert town.doc("feedback", fb_id).payload["rating"] == 2


# --- what the centre owns ------------------------------------------------------------------------------------


def _pass_key(establishment: str) -> dict:
    return {
        **_common(new_id("key"), establishment),
        "key_id": uuid.uuid4().hex[:16],
        "public_key": "ab" * 32,
        "private_key": "cd" * 32,
        "active": True,
    }


@pytest.mark.parametrize(
    "entity, payload",
    [
        ("pass_key", lambda: _pass_key("GRE")),
        ("pass_key", lambda: _pass_key("BAR")),
        (
            "ban",
            lambda: {
                **_common(new_id("ban"), "BAR"),
                "visitor_id": "vis-mum",
                "scope": "all",
                "prisoner_id": None,
                "reason": "x",
                "starts_on": "2026-11-22",
                "ends_on": None,
            },
        ),
        (
            "visit_session",
            lambda: {
                **_common(new_id("ses"), "BAR"),
                "date": "2026-11-23",
                "starts_at": "10:00:00",
                "ends_at": "11:00:00",
                "room": "Hall",
                "kind": "standard",
                "capacity": 999,
                "details": "",
            },
        ),
        (
            "prisoner",
            lambda: {
                **_common(new_id("pr"), "BAR"),
                "prison_number": "X1",
                "first_name": "A",
                "last_name": "B",
                "date_of_birth": None,
                "location": "",
                "status": "remand",
                "no_child_contact": False,
                "closed_visits": False,
            },
        ),
        (
            "establishment",
            lambda: {**_common(new_id("est"), "EVL"), "code": "EVL", "name": "HMP Evil", "nation": "england"},
        ),
        (
            "support_service",
            lambda: {**_common(new_id("sup"), "BAR"), "name": "Fake helpline", "category": "money", "national": True},
        ),
        (
            "visit_note",
            lambda: {**_common(new_id("note"), "BAR"), "visit_id": "visit-gre", "kind": "x", "text": "y", "at": STAMP},
        ),
    ],
)
def test_what_the_centre_owns_cannot_be_planted(town, entity, payload):
    refused(town, [op(entity, payload()), op(entity, payload(), "update")], "Desks cannot change")


# --- broken records and envelopes -----------------------------------------------------------------------------

BROKEN = [
    ('"date_of_birth": "1990-02-30"', "date_of_birth"),
    ('"date_of_birth": "yesterday"', "date_of_birth"),
    ('"created_at": 1700000000', "created_at"),
    ('"version": 9223372036854775808', "version"),  # 2**63
    ('"version": 1000000000000000000000000000000', "version"),  # 10**30
    ('"version": "2"', "version"),
    ('"photo_consent": "true"', "photo_consent"),
    ('"first_name": ["Eve"]', "first_name"),
    ('"first_name": "Eve\\u0000"', "first_name"),  # NUL
    ('"first_name": "Eve\\ud800"', "first_name"),  # a lone surrogate, as raw JSON
    ('"notes": "' + "n" * 6000 + '"', "notes"),
    ('"favourite_colour": "blue"', "favourite_colour"),
    ('"language": {"\\u0000": 1}', "language"),
]


@pytest.mark.parametrize("field_json, field", BROKEN)
def test_a_broken_record_is_refused_naming_the_field(town, field_json, field):
    row_id = new_id("vis")
    good = json.dumps(visitor(row_id))
    body = good[:-1] + ", " + field_json + "}"  # the later key wins in a JSON object
    ops = (
        f'{{"ops": [{{"op_id": "{uuid.uuid4()}", "seq": 1, "entity": "visitor", "row_id": "{row_id}", '
        f'"operation": "insert", "schema_version": 1, "payload": {body}}}]}}'
    )
    before = town.stored()
    answer = town.push_raw(ops.encode())
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    assert result["outcome"] == "rejected" and f"“{field}”" in result["message"]
    assert town.stored() == before and town.doc("visitor", row_id) is None
    town.others_still_sync()


def test_a_broken_record_inside_nested_json_is_refused(town):
    app = application(new_id("app"), quote={"bad\ud800key": 1})
    refused(town, [op("cost_application", app)], "“quote”")
    refused(town, [op("visit", visit(new_id("v"), support_needs=["ok", "\x00"]))], "“support_needs”")
    refused(town, [op("visitor", {**visitor(new_id("vis")), "date_of_birth": None})], "“date_of_birth”")
    short = visitor(new_id("vis"))
    del short["first_name"]
    refused(town, [op("visitor", short)], "“first_name” is missing")


@pytest.mark.parametrize(
    "body",
    [
        b'{"ops": [{"op_id": "a", "seq": 9223372036854775808, "entity": "visitor", "row_id": "a", '
        b'"operation": "insert", "schema_version": 1, "payload": {}}]}',
        b'{"ops": [{"op_id": "a", "seq": 1, "entity": "visitor", "row_id": "a", "operation": "insert", '
        b'"schema_version": 1000000000000000000000000000000, "payload": {}}]}',
        b'{"ops": [{"op_id": "a\\u0000", "seq": 1, "entity": "visitor", "row_id": "a", "operation": "insert", '
        b'"schema_version": 1, "payload": {}}]}',
        b'{"ops": [{"op_id": "a", "seq": 1, "entity": "visitor", "row_id": "a\\ud800", "operation": "insert", '
        b'"schema_version": 1, "payload": {}}]}',
        b'{"ops": [{"op_id": "a", "seq": 1, "entity": "visitor", "row_id": "a", "operation": "insert", '
        b'"schema_version": 1, "payload": ["not", "an", "object"]}]}',
        b'{"ops": [{"op_id": "a", "seq": 1, "entity": "visitor", "row_id": "a", "operation": "insert", '
        b'"schema_version": 1, "payload": {"id": "a"}, "stale": "yes please"}]}',
    ],
)
def test_a_broken_envelope_is_a_clear_4xx(town, body):
    before = town.stored()
    answer = town.push_raw(body)
    assert answer.status_code == 422 and answer.json()["detail"]
    assert town.stored() == before
    town.others_still_sync()


def test_a_surrogate_in_the_entity_or_an_unknown_kind_is_refused(town):
    answer = town.push_raw(
        b'{"ops": [{"op_id": "a", "seq": 1, "entity": "visit\\udc00", "row_id": "a", '
        b'"operation": "insert", "schema_version": 1, "payload": {}}]}'
    )
    assert answer.status_code == 422
    refused(town, [op("audit_event", {**_common(new_id("au"), "BAR")})], "does not keep records")


@pytest.mark.parametrize(
    "body",
    [
        b'{"code": "ABCD\\ud800EFGH"}',
        b'{"code": "ABCD\\u0000EFGH"}',
        b'{"code": 100000000000000000000000000000}',
        b'{"code": "ABCDEFGH", "desk_name": "\\udfff"}',
        b'{"code": ["ABCD"]}',
    ],
)
def test_broken_json_against_enrolment_is_a_clear_4xx(town, body):
    answer = town.http.post("/v1/enrol", content=body, headers={**HEADERS, "Content-Type": "application/json"})
    assert 400 <= answer.status_code < 500 and answer.json()["detail"]


# --- op ids belong to their device -----------------------------------------------------------------------------


def test_an_op_id_of_another_device_gets_neither_its_answer_nor_its_effect(town):
    row_id = new_id("vis")
    first = op("visitor", visitor(row_id))
    applied(town, [first])
    stolen = op("visitor", visitor(row_id, version=2, first_name="Changed"), "update", op_id=first["op_id"])
    for device in (town.other_bar_device, town.gre_device):
        code = "GRE" if device is town.gre_device else "BAR"
        before = town.stored()
        answer = town.http.post(f"/v1/establishments/{code}/push", json={"ops": [stolen]}, headers=device)
        [result] = answer.json()["results"]
        assert result["outcome"] == "rejected" and "another desk" in result["message"]
        assert first["op_id"] in result["message"]
        assert result["current"] is None and town.stored() == before
    with Session(town.engine) as session:
        assert session.get(AppliedOp, first["op_id"]).outcome == "applied"
    assert town.push([first])[0]["outcome"] == "applied"  # the device that sent it is still answered
    assert town.doc("visitor", row_id).payload["first_name"] == "Eve"
    town.others_still_sync()


# --- receipts ---------------------------------------------------------------------------------------------------


def a_receipt() -> bytes:
    """A real one-page PDF, different each time."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, f"Bus ticket {uuid.uuid4()}")
    page.save()
    return out.getvalue()


def test_a_file_that_is_not_a_receipt_is_not_taken(town):
    """Every desk that pulls an attachment opens its file: a damaged one would stop their syncs."""
    for data in (b"%PDF-1.4 not really a pdf", b"MZ\x90\x00 a program", b"\x89PNG\r\n\x1a\n broken"):
        sha = hashlib.sha256(data).hexdigest()
        answer = town.http.put(f"/v1/establishments/BAR/blobs/{sha}", content=data, headers=town.attacker)
        assert answer.status_code == 400 and "The file" in answer.json()["detail"]
        assert town.http.head(f"/v1/establishments/BAR/blobs/{sha}", headers=town.attacker).status_code == 404
    town.others_still_sync()


def test_receipts_are_shared_by_content_but_read_only_by_their_owners(town):
    data = a_receipt()
    sha = hashlib.sha256(data).hexdigest()
    absent = hashlib.sha256(b"never uploaded" + data).hexdigest()
    blobs = lambda code, s: f"/v1/establishments/{code}/blobs/{s}"  # noqa: E731
    assert town.http.put(blobs("BAR", sha), content=data, headers=town.attacker).status_code == 204
    # not there, and not yours, answer the same way
    for method in ("HEAD", "GET"):
        foreign = town.http.request(method, blobs("GRE", sha), headers=town.gre_device)
        missing = town.http.request(method, blobs("GRE", absent), headers=town.gre_device)
        assert foreign.status_code == missing.status_code == 404 and foreign.content == missing.content
    # a desk cannot name a receipt it never uploaded, however it knows the hash
    refused(
        town,
        [op("cost_attachment", {**attachment(new_id("att"), "app-gre", sha), "establishment": "GRE"})],
        "never reached",
        headers=town.gre_device,
        code="GRE",
    )
    # the same bytes from the second establishment: stored, and both read them back
    assert town.http.put(blobs("GRE", sha), content=data, headers=town.gre_device).status_code == 204
    assert town.http.get(blobs("GRE", sha), headers=town.gre_device).content == data
    assert town.http.head(blobs("GRE", sha), headers=town.gre_device).status_code == 200
    assert town.http.get(blobs("BAR", sha), headers=town.attacker).content == data
    app_id = new_id("app")
    applied(town, [op("cost_application", application(app_id))])
    lying = {**attachment(new_id("att"), app_id, sha), "media_type": "image/png"}
    refused(town, [op("cost_attachment", lying)], "“media_type”")
    refused(town, [op("cost_attachment", {**lying, "media_type": "application/pdf", "size_bytes": 1})], "“size_bytes”")
    applied(town, [op("cost_attachment", {**attachment(new_id("att"), app_id, sha), "size_bytes": len(data)})])
    town.others_still_sync()


# --- a refusal is a sync issue on the pushing desk, and no one else's ------------------------------------------


def test_a_refused_change_becomes_a_sync_issue_on_the_desk_that_sent_it_only(town):
    from visitorcentre.db.models import OutboxOp

    row_id = new_id("vis")
    with town.bar.ctx.write_sessions() as session:  # a change the desk's own services would never make
        session.add(
            OutboxOp(
                op_id=str(uuid.uuid4()),
                entity="visitor",
                row_id=row_id,
                operation="insert",
                payload=visitor(row_id, date_of_birth="1990-02-30"),
                schema_version=1,
                created_at=datetime.utcnow(),
            )
        )
        session.commit()
    gre_issues = len(town.gre.sync.issues())
    before = town.stored()
    result = town.bar.sync.now()
    assert result.pending == 0
    [issue] = [i for i in town.bar.sync.issues() if i.row_id == row_id]
    assert issue.kind == "rejected" and "The field “date_of_birth” must be a date like 2026-12-03." in issue.message
    assert town.stored() == before
    town.gre.sync.now()
    assert len(town.gre.sync.issues()) == gre_issues
    town.others_still_sync()
