"""Which records may change where, and how clashes are settled (DESIGN.md "Conflicts by kind").

- Append-only records cannot clash: a check-in event, a pass, feedback, a receipt, a status
  step is written once; the server keeps the first copy of a row id and ignores repeats.
- Reference data is the central server's: desks read it and never write it. An op from a desk
  on these kinds is rejected (a visible sync issue on that desk). Pass-signing keys are the
  centre's too: made by the server, handed down to their establishment's desks.
- A desk writes only its own establishment's records, and a record it writes may name another
  establishment's record only where ``SHAREABLE`` allows (``REFERENCES`` lists what each kind
  names). An append-only record, once stored, changes only in the fields its own services
  change afterwards (``APPEND_ONLY_CHANGES``: a pass voided, words removed when a person's
  details are erased).
- Bookings, visitor details and the other editable records carry a version number. A change is
  applied when it is based on the server's current version; otherwise it is a clash: the
  server keeps what it has, keeps the desk's change aside, and the desk shows an issue.
- National records (the establishments, national support services, the scheme's rates) reach every desk; the
  rest reaches only the desks of the record's establishment (and, for a visitor, the desks of
  every establishment the family visits: see ``SHAREABLE``).
"""

from __future__ import annotations

APPEND_ONLY = frozenset(
    {
        "check_in_event",
        "visit_pass",
        "feedback",
        "cost_attachment",
        "cost_application_event",
        "advice_given",
        "child_approval",
        "visit_note",
        "visit_review",
    }
)  # (the audit stays on the desk)
#: What the centre owns: desks receive it and never write it.
REFERENCE = frozenset(
    {
        "establishment",
        "prisoner",
        "restriction",
        "ban",
        "visit_session",
        "support_service",
        "pass_key",
        "cost_decision",
        "scheme_rates",
    }
)
VERSIONED = frozenset(
    {"visit", "visit_person", "visitor", "relationship", "cost_application", "advice_rule", "feedback_response"}
)
#: Everything a desk may push.
DESK_WRITABLE = (APPEND_ONLY | VERSIONED) - {"visit_note"}
#: Every record kind the desk's database holds that sync carries.
SYNCED = APPEND_ONLY | REFERENCE | VERSIONED
NATIONAL = "*"  # the scope of records every desk receives

#: A visitor belongs to the establishment that registered them; when a record of another
#: establishment names them (a relationship, a visit's party, a ban, an application), the
#: server shares the visitor's details with that establishment as well. Nothing else of theirs
#: (their visits elsewhere, their applications) is shared.
SHAREABLE = frozenset({"visitor"})
VISITOR_REFERENCES = ("visitor_id", "claimant_id")

#: The records each kind a desk writes names, field by field (db.models' foreign keys).
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "relationship": (("visitor_id", "visitor"), ("prisoner_id", "prisoner")),
    "visit": (("session_id", "visit_session"), ("prisoner_id", "prisoner")),
    "visit_person": (("visit_id", "visit"), ("visitor_id", "visitor")),
    "check_in_event": (("visit_id", "visit"), ("visitor_id", "visitor")),
    "visit_pass": (("visit_id", "visit"),),
    "child_approval": (("prisoner_id", "prisoner"), ("visitor_id", "visitor")),
    "cost_application": (("claimant_id", "visitor"), ("prisoner_id", "prisoner"), ("visit_id", "visit")),
    "cost_application_event": (("application_id", "cost_application"),),
    "cost_attachment": (("application_id", "cost_application"),),
    "advice_given": (("visit_id", "visit"),),
    "feedback": (("visit_id", "visit"),),
    "feedback_response": (("feedback_ids", "feedback"),),  # a list of ids
    "visit_review": (("visit_id", "visit"),),
    "visitor": (),
    "advice_rule": (),
    # the centre's own records (no desk writes them; the server's write path names them the same way)
    "restriction": (("prisoner_id", "prisoner"),),
    "ban": (("visitor_id", "visitor"), ("prisoner_id", "prisoner")),
    "cost_decision": (("application_id", "cost_application"),),
}

ANY = None  # (in APPEND_ONLY_CHANGES) the field may take any value its rule allows
#: What may change in a stored append-only record, beyond its update stamp and version: the field,
#: and the values it may take (ANY, or only these: words are removed, never written anew).
APPEND_ONLY_CHANGES: dict[str, dict[str, tuple | None]] = {
    # reprinted (services.passes._print_one), voided (void_pass): a voided pass stays voided
    "visit_pass": {
        "times_printed": ANY,
        "printed_at": ANY,
        "printed_by": ANY,
        "layout": ANY,
        "voided": (True,),
        "voided_reason": ANY,
        "voided_at": ANY,
        "voided_by": ANY,
    },
    # answered (services.engagement.respond); anonymised (services.anonymise.feedback)
    "feedback": {"responded": (True,), "comment": ("",), "name": ("",), "anonymous": (True,), "visit_id": (None,)},
    "check_in_event": {"reason": ("",)},  # anonymised
    "cost_attachment": {"original_name": ("",), "sha256": ("",)},  # anonymised
    "cost_application_event": {"note": ("",)},  # anonymised
    "child_approval": {"note": ("",)},  # anonymised
    "advice_given": {},
    # settled at a desk (services.visits.review.resolve): once settled, it stays settled
    "visit_review": {
        "resolved_at": ANY,
        "resolved_by": ANY,
        "resolution": ("goes_ahead", "party_changed", "cancelled"),
        "family_told": ANY,
        "note": ANY,
    },
}

#: Statuses that mean a family has been checked in (a second check-in elsewhere is a double check-in).
CHECKED_IN_STATUSES = frozenset({"checked_in", "in_hall", "completed"})
CHECKED_IN_OUTCOMES = frozenset({"checked_in", "no_show", "refused", "in_hall", "completed"})


def reaches_every_establishment(entity: str, payload: dict) -> bool:
    """A ban on a visitor at every establishment: it goes wherever the visitor's details go
    (server.documents), whichever establishment entered it."""
    return entity == "ban" and payload.get("scope") == "all"  # core.kinds.BanScope.ALL


def scope_of(entity: str, payload: dict) -> str:
    """The scope a record is delivered in: its establishment, or NATIONAL."""
    if entity in ("establishment", "scheme_rates"):
        return NATIONAL
    if entity == "support_service" and payload.get("national"):
        return NATIONAL
    return str(payload.get("establishment") or "")
