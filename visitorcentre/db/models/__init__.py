"""SQLAlchemy models of the desk's database, one module per area, every name re-exported here.

``from visitorcentre.db import models as m; m.Visit`` is how the rest of the app names a table;
all the tables (the sync ones in ``db.sync_tables`` too) share one metadata, ``Base.metadata``,
which Alembic and the tests compare against the migrations.
"""

from __future__ import annotations

from visitorcentre.db import sync_tables  # noqa: F401  (the sync tables share this metadata)
from visitorcentre.db.models.advice import AdviceGiven, AdviceRule
from visitorcentre.db.models.base import Base, Synced, new_id
from visitorcentre.db.models.cost_of_visits import (
    CostApplication,
    CostApplicationEvent,
    CostAttachment,
    CostDecision,
    SchemeRatesRow,
)
from visitorcentre.db.models.desk import OutboxOp, Setting
from visitorcentre.db.models.engagement import Feedback, FeedbackResponse, SupportServiceRow
from visitorcentre.db.models.passes import PassKey, VisitPass
from visitorcentre.db.models.records import (
    Ban,
    ChildApproval,
    Establishment,
    Prisoner,
    PrisonerRestriction,
    Relationship,
    Visitor,
)
from visitorcentre.db.models.review import VisitReview
from visitorcentre.db.models.staff import AuditChainHead, AuditEvent, Staff
from visitorcentre.db.models.visits import CheckInEvent, Visit, VisitPerson, VisitSession

__all__ = [
    "new_id",
    "Base",
    "Synced",
    "Establishment",
    "Prisoner",
    "Visitor",
    "Relationship",
    "Ban",
    "PrisonerRestriction",
    "ChildApproval",
    "VisitSession",
    "Visit",
    "VisitPerson",
    "CheckInEvent",
    "VisitReview",
    "PassKey",
    "VisitPass",
    "CostApplication",
    "CostApplicationEvent",
    "CostAttachment",
    "CostDecision",
    "SchemeRatesRow",
    "AdviceRule",
    "AdviceGiven",
    "Feedback",
    "FeedbackResponse",
    "SupportServiceRow",
    "Staff",
    "AuditEvent",
    "AuditChainHead",
    "OutboxOp",
    "Setting",
]
