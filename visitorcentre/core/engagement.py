"""Family engagement: feedback, "you said, we did" responses, the support directory, and the reports.

Plain read-only records built by the services and shown by the UI, the CLI and the printouts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from visitorcentre.core.figures import Figures
from visitorcentre.core.words import N_

#: Longest comment a family can leave (characters).
COMMENT_LIMIT = 1000
#: Longest name a family can leave when they choose not to be anonymous.
NAME_LIMIT = 80
#: Longest "you said" / "we did" text, and theme.
RESPONSE_LIMIT = 500
THEME_LIMIT = 80
#: Longest free-text support need.
SUPPORT_NEED_LIMIT = 200

#: The face scale: rating -> (words for adults, words for children).
RATINGS = {
    1: (N_("Very poor"), N_("Very sad")),
    2: (N_("Poor"), N_("Sad")),
    3: (N_("OK"), N_("OK")),
    4: (N_("Good"), N_("Happy")),
    5: (N_("Very good"), N_("Very happy")),
}

#: Additional support needs a family can ask for at booking (code -> words). Anything else is free text.
SUPPORT_NEEDS = {
    "sensory_aids": N_("Sensory aids (ear defenders, fidget toys)"),
    "quiet_space": N_("A quiet space"),
    "familiarisation": N_("A pre-visit familiarisation"),
    "step_free": N_("Step-free access"),
    "interpreter": N_("An interpreter"),
}


def support_need_label(need: str) -> str:
    """Words for a stored support need (a known code, or the family's own words)."""
    return SUPPORT_NEEDS.get(need, need)


#: Kinds of support service, in the order the directory lists them (code -> heading).
SUPPORT_CATEGORIES = {
    "helpline": N_("Family helpline"),
    "visitor_centre": N_("Visitor centres"),
    "financial": N_("Help with money and the cost of visits"),
    "children": N_("Support for children and young people"),
    "bereavement": N_("Bereavement and loss"),
    "other": N_("Other support"),
}


@dataclass(frozen=True)
class FeedbackView:
    """One piece of feedback as managers see it. Anonymous feedback has no name and no visit."""

    id: str
    establishment: str
    given_at: datetime
    rating: int  # 1 (very poor / very sad face) .. 5 (very good / very happy face)
    comment: str
    by_child: bool
    anonymous: bool
    name: str = ""  # only when they chose to give it
    visit_reference: str = ""  # only when not anonymous and left after a known visit
    session_kind: str = ""  # the kind of visit it was about, when known (kept even when anonymous)
    responded: bool = False  # a "you said, we did" response cites it

    @property
    def given_on(self) -> date:
        return self.given_at.date()


@dataclass(frozen=True)
class ResponseView:
    """A manager's "you said, we did" response, as the poster shows it."""

    id: str
    establishment: str
    theme: str
    you_said: str
    we_did: str
    responded_on: date
    responded_by: str
    feedback_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class SupportService:
    """A service families can be signposted to: national (every establishment) or local to one."""

    id: str
    name: str
    category: str  # a key of SUPPORT_CATEGORIES
    description: str
    phone: str = ""
    website: str = ""
    hours: str = ""
    national: bool = False
    establishment: str = ""  # the establishment's code for a local service; "" for a national one

    @property
    def category_label(self) -> str:
        return SUPPORT_CATEGORIES.get(self.category, self.category)


@dataclass(frozen=True)
class CostApplicationsSummary:
    count: int = 0
    total_pence: int = 0  # the quoted amounts of the applications counted
    by_status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FeedbackSummary:
    count: int = 0
    average: float | None = None  # None when there is no feedback
    by_rating: dict[int, int] = field(default_factory=dict)  # 1..5 -> how many (every rating present)
    by_child: int = 0  # how many were left by children
    #: one entry per week of the report: (Monday, how many, average rating or None)
    over_time: tuple[tuple[date, int, float | None], ...] = ()


@dataclass(frozen=True)
class Report:
    """Patterns of family contact between ``start`` and ``end`` (both included).

    Visits are counted by the date of their session, whatever became of them (as the day lists
    list them); people are counted by what happened to them at the desk. ``establishment`` is
    the code the figures are for, or None for every establishment. The weekly series all have
    one value per Monday in ``weeks`` (the Monday on or before ``start`` up to ``end``).
    """

    start: date
    end: date
    establishment: str | None
    total_visits: int  # every visit whose session falls in the range, any status
    by_kind: dict[str, int]  # session kind -> visits (sums to total_visits)
    by_status: dict[str, int]  # visit status -> visits (sums to total_visits)
    virtual: int  # visits in virtual sessions
    physical: int  # the others
    first_time_visitors: int  # people whose first visit that went ahead falls in the range
    children: int  # children (under the establishment's adult age) let in, counted per visit
    visitors_admitted: int  # everyone let in, counted per visit
    refusals: dict[str, int]  # reason -> people refused at the desk
    no_shows: int  # visits marked as not attended
    advice_given: int  # visits whose advice was read out at check-in
    support_needs: int  # visits booked with additional support needs
    cost_applications: CostApplicationsSummary
    feedback: FeedbackSummary
    weeks: tuple[date, ...] = ()
    visits_by_kind_weekly: dict[str, tuple[int, ...]] = field(default_factory=dict)
    physical_weekly: tuple[int, ...] = ()
    virtual_weekly: tuple[int, ...] = ()
    first_time_weekly: tuple[int, ...] = ()
    children_weekly: tuple[int, ...] = ()
    refusals_weekly: tuple[int, ...] = ()
    no_shows_weekly: tuple[int, ...] = ()
    advice_given_weekly: tuple[int, ...] = ()
    feedback_average_weekly: tuple[float | None, ...] = ()
    feedback_count_weekly: tuple[int, ...] = ()
    #: the headline figures as the console counts them (core.figures), "you said, we did" included
    figures: Figures | None = None

    @property
    def refused(self) -> int:
        return sum(self.refusals.values())

    def as_json(self) -> dict:
        """The figures as JSON-ready values (what ``visitorcentre report --format json`` prints)."""
        iso = lambda days: [d.isoformat() for d in days]  # noqa: E731
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "establishment": self.establishment,
            "total_visits": self.total_visits,
            "by_kind": dict(self.by_kind),
            "by_status": dict(self.by_status),
            "virtual": self.virtual,
            "physical": self.physical,
            "first_time_visitors": self.first_time_visitors,
            "children": self.children,
            "visitors_admitted": self.visitors_admitted,
            "refusals": dict(self.refusals),
            "no_shows": self.no_shows,
            "advice_given": self.advice_given,
            "support_needs": self.support_needs,
            "cost_applications": {
                "count": self.cost_applications.count,
                "total_pence": self.cost_applications.total_pence,
                "by_status": dict(self.cost_applications.by_status),
            },
            "feedback": {
                "count": self.feedback.count,
                "average": self.feedback.average,
                "by_rating": {str(k): v for k, v in self.feedback.by_rating.items()},
                "by_child": self.feedback.by_child,
                "over_time": [{"week": w.isoformat(), "count": n, "average": a} for w, n, a in self.feedback.over_time],
            },
            "weekly": {
                "weeks": iso(self.weeks),
                "visits_by_kind": {k: list(v) for k, v in self.visits_by_kind_weekly.items()},
                "physical": list(self.physical_weekly),
                "virtual": list(self.virtual_weekly),
                "first_time_visitors": list(self.first_time_weekly),
                "children": list(self.children_weekly),
                "refusals": list(self.refusals_weekly),
                "no_shows": list(self.no_shows_weekly),
                "advice_given": list(self.advice_given_weekly),
                "feedback_average": list(self.feedback_average_weekly),
                "feedback_count": list(self.feedback_count_weekly),
            },
        }
