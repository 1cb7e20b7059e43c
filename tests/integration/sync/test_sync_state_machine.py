"""Sync under a hostile network, proved by a hypothesis state machine (issue 6).

Three desks (A and B at BAR, C at GRE) and the central server, all in this process, on SQLite
files. Desks work through the real services (book, check in, cancel, register and edit
visitors, and a desk mistakenly writing for another establishment); syncs run through a
network that loses, repeats, holds back and reorders requests and answers, and crashes the
desk (before sending, or after the server committed but before the desk recorded the answer)
or the server. Desks are also crashed and reopened from their files, and the server rebuilt
from its database, between any two steps.

After every step: no outbox op has left a desk without the desk having received its
acknowledgement, and no desk's pull cursor went backwards. After the network heals (teardown):
each desk's queue drains in one sync with no new local write; every committed change is on the
server exactly once and the server's copy of each row is the last one applied; every rejected
or clashing change is visible (a sync issue on the desk, kept on the server); every desk of an
establishment equals the server for what that establishment receives; and pulling everything
again changes nothing.

Runs in CI with a few examples; ``VC_SYNC_EXAMPLES=300`` (and ``VC_SYNC_STEPS``) runs it longer.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tests.integration import sync_faults as net
from visitorcentre.core.errors import SyncUnavailable, VisitorCentreError
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.db import models as m
from visitorcentre.db.sync_tables import SyncIssueRow, SyncStateRow
from visitorcentre.server.models import AppliedOp, Conflict, Document, Feed
from visitorcentre.services.unit_of_work import UnitOfWork
from visitorcentre.services.visits import visitors as visitor_service
from visitorcentre.sync import policy

EXAMPLES = int(os.environ.get("VC_SYNC_EXAMPLES", "10"))
STEPS = int(os.environ.get("VC_SYNC_STEPS", "20"))
DESKS = {"a": "BAR", "b": "BAR", "c": "GRE"}
PARTIES = {
    "BAR": [
        ("pr-1", ["vis-mum"]),
        ("pr-1", ["vis-gran"]),
        ("pr-1", ["vis-mum", "vis-child"]),
        ("pr-1", ["vis-gran", "vis-teen"]),
    ],
    "GRE": [(net.GRE_PRISONER, [net.GRE_VISITOR]), (net.GRE_PRISONER, ["vis-mum"])],
}
SESSIONS = {"BAR": ["ses-today", "ses-tomorrow"], "GRE": [net.GRE_SESSION]}
PRISONER = {"BAR": "pr-1", "GRE": net.GRE_PRISONER}
FIRST_NAMES = ["Morag", "Callum", "Eilidh", "Fraser", "Iona", "Ruaridh"]
POSTCODES = ["G33 4RT", "PA15 1AB", "G21 2QA", "KA1 1AA"]

_TEMPLATE: Path | None = None


def template() -> Path:
    """The server and three enrolled desks, built once per test run and copied for each example."""
    global _TEMPLATE
    if _TEMPLATE is None:
        folder = Path(tempfile.mkdtemp(prefix="vc-sync-template-"))
        central = net.seed_world(folder)
        with net.cheap_secret_hashing():  # argon2 keeps its parameters in the hash: checks stay cheap too
            for name, establishment in DESKS.items():
                net.enrol_desk(central, folder / f"{name}.sqlite3", establishment).close()
        central.close()
        _TEMPLATE = folder
    return _TEMPLATE


@pytest.fixture(scope="module", autouse=True)
def _template_cleanup():
    yield
    global _TEMPLATE
    if _TEMPLATE is not None:
        shutil.rmtree(_TEMPLATE, ignore_errors=True)
        _TEMPLATE = None


def event(text: str) -> None:
    """Count what happened in hypothesis's statistics (and nothing in a plain test)."""
    if currently_in_test_context():
        hypothesis_event(text)


class DeskUnderTest:
    """One desk, with what the test saw it commit and what it saw acknowledged."""

    def __init__(self, name: str, establishment: str, path: Path, central: net.Central):
        self.name = name
        self.establishment = establishment
        self.path = path
        self.network = net.FaultyNetwork(central)
        self.desk = net.open_desk(path, self.network)
        self.committed: dict[str, m.OutboxOp] = {}  # op id -> what the desk's write put in its outbox
        self.last_seq = self._max_seq()
        self.cursor = self._cursor()
        self.crashes = 0

    def _session(self) -> Session:
        return Session(self.desk.ctx.engine)

    def _max_seq(self) -> int:
        with self._session() as session:
            return session.scalar(select(func.max(m.OutboxOp.seq))) or 0

    def _cursor(self) -> int:
        with self._session() as session:
            return session.get(SyncStateRow, 1).pull_cursor

    def outbox(self) -> set[str]:
        with self._session() as session:
            return set(session.scalars(select(m.OutboxOp.op_id)))

    def write(self, what: str, action) -> bool:
        """Do a desk write; remember the outbox ops it committed. A refused write must leave none."""
        try:
            action()
            refused = False
        except VisitorCentreError:
            refused = True
        with self._session() as session:
            new = list(session.scalars(select(m.OutboxOp).where(m.OutboxOp.seq > self.last_seq)))
        event(f"{what}: {'refused' if refused else 'done'}")
        if refused:
            assert new == [], f"a refused write on desk {self.name} left outbox ops behind"
            return False
        for op in new:
            self.committed[op.op_id] = op
            self.last_seq = max(self.last_seq, op.seq)
        return True

    def sync(self, plan: list[str]) -> None:
        self.network.plan = list(plan)
        try:
            self.desk.sync.now()
            event("sync: completed")
        except SyncUnavailable:
            event("sync: offline")
        except net.DeskCrash:
            event("sync: desk crashed")
            self.crash()
        finally:
            self.network.plan = []

    def crash(self) -> None:
        """The process dies: its engine goes, the desk is opened again from the file."""
        self.desk.close()
        self.desk = net.open_desk(self.path, self.network)
        self.crashes += 1

    def close(self) -> None:
        self.desk.close()

    def issues(self) -> list[SyncIssueRow]:
        with self._session() as session:
            return list(session.scalars(select(SyncIssueRow)))


class SyncUnderFaults(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="vc-sync-"))
        net.copy_folder(template(), self.folder)
        self.central = net.Central(f"sqlite:///{self.folder / 'server.sqlite3'}")
        self.desks = {
            name: DeskUnderTest(name, est, self.folder / f"{name}.sqlite3", self.central) for name, est in DESKS.items()
        }
        self.names = 0

    # --- desk work through the real services ------------------------------------------------------

    @rule(name=st.sampled_from(sorted(DESKS)), party=st.integers(0, 3), session=st.integers(0, 1))
    def book(self, name, party, session):
        d = self.desks[name]
        parties, sessions = PARTIES[d.establishment], SESSIONS[d.establishment]
        prisoner, visitors = parties[party % len(parties)]
        d.write("book", lambda: d.desk.visits.book_visit(sessions[session % len(sessions)], prisoner, visitors))

    def _visits(self, d: DeskUnderTest, statuses: tuple[str, ...]) -> list[str]:
        with d._session() as session:
            return sorted(
                session.scalars(
                    select(m.Visit.id).where(m.Visit.establishment == d.establishment, m.Visit.status.in_(statuses))
                )
            )

    # Choices among the desk's records are drawn as an index whatever the records are (their ids are
    # random, so the same steps can find different lists): hypothesis sees the same draws on replay.
    @rule(name=st.sampled_from(sorted(DESKS)), pick=st.integers(0, 999))
    def check_in(self, name, pick):
        d = self.desks[name]
        visits = self._visits(d, ("booked",))
        if visits:
            visit = visits[pick % len(visits)]
            d.write("check in", lambda: d.desk.visits.check_in(visit))

    @rule(name=st.sampled_from(sorted(DESKS)), pick=st.integers(0, 999))
    def cancel(self, name, pick):
        d = self.desks[name]
        visits = self._visits(d, ("booked",))
        if visits:
            visit = visits[pick % len(visits)]
            d.write("cancel", lambda: d.desk.visits.cancel(visit, "The family phoned to cancel"))

    def _details(self, first: str, dob: date, postcode: str = "") -> VisitorDetails:
        self.names += 1
        last_name = "Test" + "".join("abcdefghij"[int(c)] for c in str(self.names))
        return VisitorDetails(first_name=first, last_name=last_name, date_of_birth=dob, postcode=postcode)

    @rule(name=st.sampled_from(sorted(DESKS)), first=st.sampled_from(FIRST_NAMES), link=st.booleans())
    def register_visitor(self, name, first, link):
        d = self.desks[name]
        details = self._details(first, date(1970, 1, 1) + timedelta(days=97 * self.names))
        prisoner = PRISONER[d.establishment] if link else None
        d.write("register visitor", lambda: d.desk.visits.register_visitor(details, prisoner))

    @rule(
        name=st.sampled_from(sorted(DESKS)),
        pick=st.integers(0, 999),
        postcode=st.sampled_from(POSTCODES),
        phone=st.sampled_from(["", "0141 555 0100", "07700 900123"]),
    )
    def edit_visitor(self, name, pick, postcode, phone):
        d = self.desks[name]
        with d._session() as session:
            known = sorted(session.execute(select(m.Visitor.id, m.Visitor.version)).all())
        if not known:
            return
        visitor_id, version = known[pick % len(known)]
        details = replace(d.desk.visits.visitor_record(visitor_id).details, postcode=postcode, phone=phone)
        d.write("edit visitor", lambda: d.desk.visits.edit_visitor(visitor_id, details, version))

    def edit_visitor_to(self, name: str, visitor_id: str, postcode: str) -> None:
        d = self.desks[name]
        record = d.desk.visits.visitor_record(visitor_id)
        d.write(
            "edit visitor",
            lambda: d.desk.visits.edit_visitor(visitor_id, replace(record.details, postcode=postcode), record.version),
        )

    @rule(name=st.sampled_from(sorted(DESKS)))
    def register_for_another_establishment(self, name):
        """A desk switched to the wrong establishment registers a family there: the server must refuse it."""
        d = self.desks[name]
        other = "GRE" if d.establishment == "BAR" else "BAR"
        details = self._details("Wrong", date(1980, 2, 2))
        d.write(
            "register elsewhere",
            lambda: visitor_service.register_visitor(
                UnitOfWork(d.desk.ctx.write_sessions, d.desk.ctx.actor, d.desk.ctx.clock, other), details
            ),
        )

    # --- the network, crashes ----------------------------------------------------------------------

    @rule(name=st.sampled_from(sorted(DESKS)), plan=st.lists(st.sampled_from(net.FAULTS), max_size=8))
    def sync(self, name, plan):
        self.desks[name].sync(plan)

    @rule(name=st.sampled_from(sorted(DESKS)))
    def crash_desk(self, name):
        self.desks[name].crash()

    @rule()
    def crash_server(self):
        self.central.restart()

    @rule(shuffle=st.randoms(use_true_random=False))
    def late_requests_arrive(self, shuffle):
        for d in self.desks.values():
            order = list(range(len(d.network.held)))
            shuffle.shuffle(order)
            d.network.deliver_held(order)

    # --- after every step --------------------------------------------------------------------------

    @invariant()
    def nothing_leaves_the_outbox_unacknowledged(self):
        for d in self.desks.values():
            gone = set(d.committed) - d.outbox()
            assert gone <= d.network.acked, f"desk {d.name} dropped unacknowledged ops {sorted(gone - d.network.acked)}"

    @invariant()
    def pull_cursors_only_move_forward(self):
        for d in self.desks.values():
            cursor = d._cursor()
            assert cursor >= d.cursor, f"desk {d.name}'s pull cursor went back from {d.cursor} to {cursor}"
            d.cursor = cursor

    @invariant()
    def the_server_never_faults(self):
        for d in self.desks.values():
            assert d.network.server_faults == []

    # --- after the network heals -----------------------------------------------------------------

    def teardown(self):
        try:
            self.heal_and_check()
        finally:
            for d in self.desks.values():
                d.close()
            self.central.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def heal_and_check(self):
        for d in self.desks.values():
            d.network.deliver_held()
        # The queue drains without a new local write: one sync per desk, no faults.
        for d in self.desks.values():
            result = d.desk.sync.now()
            assert result.pending == 0 and d.outbox() == set(), f"desk {d.name} still has {result.pending} to send"
        for d in self.desks.values():  # and once more, so every desk has every other desk's changes
            assert d.desk.sync.now().pushed == 0
        self.nothing_leaves_the_outbox_unacknowledged()
        self.the_server_never_faults()
        with Session(self.central.engine) as server:
            self.check_server_has_each_change_once(server)
            self.check_refusals_are_visible(server)
            for d in self.desks.values():
                self.check_desk_equals_server(server, d)
        for d in self.desks.values():
            self.check_pull_twice_changes_nothing(d)

    def check_server_has_each_change_once(self, server: Session):
        applied = {
            op_id: (count, outcome)
            for op_id, count, outcome in server.execute(
                select(AppliedOp.op_id, func.count(), func.max(AppliedOp.outcome)).group_by(AppliedOp.op_id)
            )
        }
        committed = {}
        for d in self.desks.values():
            committed.update(d.committed)
            device = net.credential_device(d.path)
            theirs = set(server.scalars(select(AppliedOp.op_id).where(AppliedOp.device_id == device)))
            assert theirs == set(d.committed), f"desk {d.name}: server ops differ from the desk's committed ops"
        for op_id in committed:
            assert op_id in applied and applied[op_id][0] == 1, f"op {op_id} is on the server {applied.get(op_id)}"
        # Each row's server copy is the last change applied to it (nothing lost, nothing applied twice).
        by_row: dict[tuple[str, str], list[m.OutboxOp]] = {}
        for op_id, op in committed.items():
            if applied[op_id][1] == "applied":
                by_row.setdefault((op.entity, op.row_id), []).append(op)
        for (entity, row_id), ops in by_row.items():
            doc = server.get(Document, (entity, row_id))
            assert doc is not None, f"{entity} {row_id} was applied but is not on the server"
            newest = max(int(op.payload.get("version") or 1) for op in ops)
            assert doc.version == newest, f"{entity} {row_id}: server has version {doc.version}, desks applied {newest}"
            assert doc.payload in [op.payload for op in ops], f"{entity} {row_id}: the server's copy is no desk's"

    def check_refusals_are_visible(self, server: Session):
        outcomes = dict(server.execute(select(AppliedOp.op_id, AppliedOp.outcome)).all())
        for d in self.desks.values():
            issues = d.issues()
            for op_id, op in d.committed.items():
                outcome = outcomes[op_id]
                if outcome == "rejected":
                    assert any(
                        i.kind == "rejected" and i.row_id == op.row_id and i.detail.get("change") == op.payload
                        for i in issues
                    ), f"desk {d.name}: rejected op {op_id} is not shown"
                elif outcome in ("conflict", "double_check_in"):
                    kept = server.get(Conflict, op_id)
                    assert kept is not None and kept.payload == op.payload, f"clashing op {op_id} was not kept"
                    if outcome == "conflict":
                        assert any(i.kind == "conflict" and i.row_id == op.row_id for i in issues), (
                            f"desk {d.name}: the clash on {op.entity} {op.row_id} is not shown"
                        )
                    else:
                        visit = op.row_id if op.entity == "visit" else op.payload.get("visit_id")
                        for other in self.desks.values():
                            if other.establishment == d.establishment:
                                assert any(
                                    i.kind == "double_check_in" and i.detail.get("visit_id") == visit
                                    for i in other.issues()
                                ), f"desk {other.name} shows no double check-in for visit {visit}"

    def check_desk_equals_server(self, server: Session, d: DeskUnderTest):
        rejected = {(i.entity, i.row_id) for i in d.issues() if i.kind == "rejected"}
        on_desk = {key: row for key, row in net.synced_rows(d.desk).items() if key not in rejected}
        on_server = {
            (entity, row_id): payload
            for entity, row_id, payload in server.execute(
                select(Document.entity, Document.row_id, Document.payload)
                .join(Feed, (Feed.entity == Document.entity) & (Feed.row_id == Document.row_id))
                .where(Feed.scope.in_((d.establishment, policy.NATIONAL)))
                .distinct()
            )
        }
        kept_on_desks = {name for name in policy.SYNCED - {"audit_event"} if name in m.Base.metadata.tables}
        on_server = {key: row for key, row in on_server.items() if key[0] in kept_on_desks}
        assert sorted(set(on_desk) - set(on_server)) == [], f"desk {d.name} holds rows the server lacks"
        assert sorted(set(on_server) - set(on_desk)) == [], f"desk {d.name} lacks rows the server has"
        differ = [key for key in on_desk if on_desk[key] != on_server[key]]
        assert differ == [], f"desk {d.name} differs from the server on {differ[:5]}"

    def check_pull_twice_changes_nothing(self, d: DeskUnderTest):
        before = net.synced_rows(d.desk)
        issues_before = sorted((i.kind, i.row_id, i.message) for i in d.issues())
        with Session(d.desk.ctx.engine.execution_options(write=True)) as session:
            session.execute(update(SyncStateRow).values(pull_cursor=0))
            session.commit()
        result = d.desk.sync.now()
        assert result.pushed == 0 and result.pulled > 0
        assert net.synced_rows(d.desk) == before, f"pulling everything again changed desk {d.name}"
        assert sorted((i.kind, i.row_id, i.message) for i in d.issues()) == issues_before


SyncUnderFaults.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None, suppress_health_check=list(HealthCheck)
)
TestSyncUnderFaults = SyncUnderFaults.TestCase


# --- examples the machine found, kept as plain tests -------------------------------------------------


def test_an_old_pull_answer_arriving_late_does_not_take_the_desk_back():
    """A pull answer overtaken by newer ones must not move the cursor back nor bring back old rows."""
    machine = SyncUnderFaults()
    try:
        for party in (0, 1):
            machine.book("b", party, 1)
            machine.sync("b", [])
            machine.sync("a", [])
            machine.pull_cursors_only_move_forward()
        machine.edit_visitor_to("b", "vis-gran", "KA1 1AA")
        machine.sync("b", [])
        machine.sync("a", ["very_stale"])  # the answer to a's first pull arrives instead
        machine.pull_cursors_only_move_forward()
    finally:
        machine.teardown()
