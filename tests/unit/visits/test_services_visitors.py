"""Registering and editing visitors at the desk, and linking them to the prisoner they visit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.unit.ledger import Audit, Op
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed, NotFound
from visitorcentre.core.kinds import ListStatus, RelationshipKind
from visitorcentre.core.staff import Actor
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.desk import open_desk
from visitorcentre.services.visits import visitors

ACTOR = "Test Worker"
ANN = VisitorDetails(
    first_name="Ann",
    last_name="O'Brien",
    date_of_birth=date(1979, 8, 14),
    postcode="g33 4rt",
    phone="0141 555 0199",
    support_needs="Hearing loop",
)


def names_found(world, query: str) -> list[str]:
    return [hit.name for hit in world.desk.visits.search(query)]


class TestRegister:
    def test_register_writes_the_visitor_audit_and_outbox(self, world, ledger):
        vid = world.desk.visits.register_visitor(ANN)
        ledger.expect(audit=[(ACTOR, "register_visitor", "visitor", vid)], outbox=[("visitor", vid, "insert")])
        record = world.desk.visits.visitor_record(vid)
        assert record.version == 1
        assert record.details.postcode == "G33 4RT"  # tidied on the way in
        assert record.details.support_needs == "Hearing loop"
        assert names_found(world, "o'brien") == ["Ann O'Brien"]
        assert names_found(world, "obrien ann") == ["Ann O'Brien"]

    @pytest.mark.parametrize("status", [ListStatus.APPROVED, ListStatus.REMOVED])
    def test_desk_worker_cannot_register_onto_the_list(self, world, ledger, desk_worker, status):
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            desk_worker.visits.register_visitor(ANN, world.prisoner, RelationshipKind.SIBLING, status)
        assert caught.value.field == "list_status" and "manager" in caught.value.message
        assert names_found(world, "obrien") == []  # no half-registered visitor

    def test_desk_worker_can_register_as_waiting_for_approval(self, world, ledger, desk_worker):
        vid = desk_worker.visits.register_visitor(ANN, world.prisoner, RelationshipKind.SIBLING, ListStatus.PENDING)
        (link,) = [p for p in world.desk.visits.linked_visitors(world.prisoner) if p.visitor_id == vid]
        assert link.list_status == ListStatus.PENDING
        assert [a.actor for a in ledger.audit()] == ["Desk Worker", "Desk Worker"]

    def test_desk_worker_can_register_without_a_prisoner(self, world, desk_worker):
        assert desk_worker.visits.register_visitor(ANN)

    def test_manager_can_register_straight_onto_the_approved_list(self, world, ledger):
        vid = world.desk.visits.register_visitor(ANN, world.prisoner, RelationshipKind.SIBLING, ListStatus.APPROVED)
        (link,) = [p for p in world.desk.visits.linked_visitors(world.prisoner) if p.visitor_id == vid]
        assert link.list_status == ListStatus.APPROVED

    def test_register_and_link_to_a_prisoner(self, world, ledger):
        vid = world.desk.visits.register_visitor(ANN, world.prisoner, RelationshipKind.SIBLING)
        (link,) = [p for p in world.desk.visits.linked_visitors(world.prisoner) if p.visitor_id == vid]
        assert link.kind == RelationshipKind.SIBLING and link.list_status == ListStatus.PENDING
        with world.desk.ctx.engine.connect() as c:
            (rel_id,) = c.exec_driver_sql("SELECT id FROM relationship WHERE visitor_id = ?", (vid,)).one()
        ledger.expect(
            audit=[(ACTOR, "register_visitor", "visitor", vid), (ACTOR, "link_visitor", "relationship", rel_id)],
            outbox=[("visitor", vid, "insert"), ("relationship", rel_id, "insert")],
        )
        assert [p.id for p in world.desk.visits.prisoners_of(vid)] == [world.prisoner]

    @pytest.mark.parametrize(
        "changes, field",
        [
            ({"first_name": ""}, "first_name"),
            ({"last_name": "  "}, "last_name"),
            ({"first_name": "Ann2"}, "first_name"),
            ({"date_of_birth": date(2026, 12, 25)}, "date_of_birth"),
            ({"date_of_birth": date(1900, 1, 1)}, "date_of_birth"),
            ({"postcode": "12345"}, "postcode"),
            ({"email": "ann at home"}, "email"),
            ({"phone": "ring the neighbour"}, "phone"),
        ],
    )
    def test_mistakes_in_the_form_write_nothing(self, world, ledger, changes, field):
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.register_visitor(replace(ANN, **changes))
        assert caught.value.field == field

    @pytest.mark.parametrize(
        "first, last",
        [
            ("Siobhán", "MacDonald"),
            ("siobhan", "macdonald"),
            ("SIOBHAN", "MACDONALD"),
            (" Siobhán ", "MacDonald "),
            ("Siobhan", "Mac Donald"),
            ("Siobhan", "McDonald"),
            ("Siobhan", "Mc Donald"),
            ("Siobhan", "M'Donald"),
        ],
    )
    def test_the_same_person_twice_is_refused(self, world, ledger, first, last):
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.register_visitor(VisitorDetails(first, last, date(1990, 4, 12)))
        assert caught.value.field == "first_name"
        assert "already registered" in caught.value.message and "Siobhán MacDonald" in caught.value.message

    @pytest.mark.parametrize(
        "first, last", [("Siobhán", "MacDonald"), ("Siobhan", "Mac Donald"), ("Siobhan", "McDonald")]
    )
    def test_same_name_different_birthday_is_another_person(self, world, first, last):
        vid = world.desk.visits.register_visitor(VisitorDetails(first, last, date(1991, 4, 12)))
        assert len(names_found(world, "siobhan macdonald")) == 2 and vid

    @pytest.mark.parametrize(
        "first, last",
        [("Siobhán", "Donald"), ("Siobhán", "Mack"), ("Siobhán", "MacDonaldson"), ("Siobhán Ann", "MacDonald")],
    )
    def test_a_different_name_on_the_same_birthday_is_another_person(self, world, first, last):
        assert world.desk.visits.register_visitor(VisitorDetails(first, last, date(1990, 4, 12)))

    def test_o_brien_typed_apart_is_the_same_person(self, world, ledger):
        world.desk.visits.register_visitor(ANN)
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.register_visitor(replace(ANN, last_name="O Brien"))
        assert "Ann O'Brien" in caught.value.message

    def test_unknown_prisoner_leaves_no_half_registered_visitor(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(NotFound):
            world.desk.visits.register_visitor(ANN, "no-such-prisoner", RelationshipKind.FRIEND)
        assert names_found(world, "obrien") == []


class TestEdit:
    def test_edit_writes_audit_outbox_and_a_new_version(self, world, ledger):
        record = world.desk.visits.visitor_record(world.mum)
        world.desk.visits.edit_visitor(
            world.mum, replace(record.details, last_name="Boyle", postcode="eh1 1yz"), record.version
        )
        ledger.expect(audit=[(ACTOR, "edit_visitor", "visitor", world.mum)], outbox=[("visitor", world.mum, "update")])
        again = world.desk.visits.visitor_record(world.mum)
        assert again.version == record.version + 1
        assert again.details.last_name == "Boyle" and again.details.postcode == "EH1 1YZ"

    def test_audit_lists_the_fields_changed(self, world, ledger):
        record = world.desk.visits.visitor_record(world.gran)
        world.desk.visits.edit_visitor(
            world.gran, replace(record.details, phone="0141 555 0123", language="gd"), record.version
        )
        (event,) = ledger.audit_rows()
        assert event["detail"] == {"fields": ["language", "phone"]}
        assert "Margaret McDonald" in event["summary"]

    def test_search_finds_the_new_name_not_the_old_one(self, world):
        record = world.desk.visits.visitor_record(world.mum)
        world.desk.visits.edit_visitor(
            world.mum, replace(record.details, first_name="Shona", last_name="Ó Briain"), record.version
        )
        assert [h.visitor_id for h in world.desk.visits.search("shona o briain")] == [world.mum]
        assert [h.visitor_id for h in world.desk.visits.search("briain")] == [world.mum]
        assert world.mum not in [h.visitor_id for h in world.desk.visits.search("siobhan")]

    def test_a_row_made_in_an_earlier_unit_of_work_is_an_update(self, world, ledger):
        """One UnitOfWork used twice: the second transaction did not create the visitor, so it updates it."""
        uow = world.desk.ctx.unit_of_work()
        vid = visitors.register_visitor(uow, ANN)
        visitors.edit_visitor(uow, vid, replace(ANN, phone="0141 555 0123"), 1)
        assert ledger.outbox() == [Op("visitor", vid, "insert"), Op("visitor", vid, "update")]

    def test_changed_on_another_desk(self, world, ledger, desk_worker):
        opened_here = world.desk.visits.visitor_record(world.mum)
        opened_there = desk_worker.visits.visitor_record(world.mum)
        desk_worker.visits.edit_visitor(
            world.mum, replace(opened_there.details, phone="07700 900123"), opened_there.version
        )
        with ledger.nothing_written(), pytest.raises(ChangedElsewhere) as caught:
            world.desk.visits.edit_visitor(
                world.mum, replace(opened_here.details, phone="0141 555 0000"), opened_here.version
            )
        assert "another desk" in caught.value.message
        assert world.desk.visits.visitor_record(world.mum).details.phone == "07700 900123"

    def test_saving_without_changes_writes_nothing(self, world, ledger):
        record = world.desk.visits.visitor_record(world.mum)
        with ledger.nothing_written():
            world.desk.visits.edit_visitor(world.mum, record.details, record.version)
        assert world.desk.visits.visitor_record(world.mum).version == record.version

    def test_bad_postcode_writes_nothing(self, world, ledger):
        record = world.desk.visits.visitor_record(world.mum)
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.edit_visitor(world.mum, replace(record.details, postcode="ZZ99 ZZZZ"), record.version)
        assert caught.value.field == "postcode"

    def test_editing_into_another_spelling_of_someone_else_is_refused(self, world, ledger):
        record = world.desk.visits.visitor_record(world.gran)
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.edit_visitor(
                world.gran,
                replace(record.details, first_name="Siobhan", last_name="Mac Donald", date_of_birth=date(1990, 4, 12)),
                record.version,
            )
        assert "Siobhán MacDonald" in caught.value.message

    def test_respelling_ones_own_name_is_not_a_duplicate(self, world, ledger):
        record = world.desk.visits.visitor_record(world.mum)
        world.desk.visits.edit_visitor(world.mum, replace(record.details, last_name="McDonald"), record.version)
        assert world.desk.visits.visitor_record(world.mum).details.last_name == "McDonald"

    def test_editing_into_someone_else_is_refused(self, world, ledger):
        record = world.desk.visits.visitor_record(world.mum)
        gran = world.desk.visits.visitor_record(world.gran).details
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.edit_visitor(
                world.mum,
                replace(
                    record.details,
                    first_name=gran.first_name,
                    last_name=gran.last_name,
                    date_of_birth=gran.date_of_birth,
                ),
                record.version,
            )
        assert "Margaret McDonald" in caught.value.message

    def test_unknown_visitor(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(NotFound):
            world.desk.visits.edit_visitor("no-such-visitor", ANN, 1)


class TestLink:
    def test_link_visitor(self, world, ledger):
        rel = world.desk.visits.link_visitor(world.gran, world.restricted, RelationshipKind.PARENT, ListStatus.APPROVED)
        ledger.expect(audit=[(ACTOR, "link_visitor", "relationship", rel)], outbox=[("relationship", rel, "insert")])
        assert world.gran in [v.visitor_id for v in world.desk.visits.linked_visitors(world.restricted)]

    @pytest.mark.parametrize("status", [ListStatus.APPROVED, ListStatus.REMOVED])
    def test_desk_worker_cannot_link_onto_the_list(self, world, ledger, desk_worker, status):
        with ledger.nothing_written(), pytest.raises(NotAllowed) as caught:
            desk_worker.visits.link_visitor(world.gran, world.restricted, RelationshipKind.PARENT, status)
        assert caught.value.field == "list_status" and "manager" in caught.value.message

    def test_desk_worker_can_link_as_waiting_for_approval(self, world, ledger, desk_worker):
        rel = desk_worker.visits.link_visitor(world.gran, world.restricted, RelationshipKind.PARENT)
        ledger.expect(
            audit=[("Desk Worker", "link_visitor", "relationship", rel)], outbox=[("relationship", rel, "insert")]
        )
        (link,) = [v for v in world.desk.visits.linked_visitors(world.restricted) if v.visitor_id == world.gran]
        assert link.list_status == ListStatus.PENDING

    def test_an_admin_can_approve(self, world, ledger):
        admin = open_desk(
            world.desk.ctx.db_path, actor=Actor("Admin User", "admin"), clock=world.clock, establishment="BAR"
        )
        try:
            rel = admin.visits.link_visitor(world.gran, world.restricted, RelationshipKind.PARENT, ListStatus.APPROVED)
        finally:
            admin.close()
        assert ledger.audit() == [Audit("Admin User", "link_visitor", "relationship", rel)]

    def test_already_linked(self, world, ledger):
        with ledger.nothing_written(), pytest.raises(InvalidInput) as caught:
            world.desk.visits.link_visitor(world.mum, world.prisoner, RelationshipKind.PARTNER)
        assert caught.value.field == "prisoner"
