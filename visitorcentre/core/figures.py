"""The figures of family contact, counted the same way at a desk and at the centre.

The desk's report (``services/engagement/reports.py``) and the console's national figures
(``server/centre/figures.py``) each run their own grouped SQL — the desk over its own tables, the
centre over the typed copies of every desk's records — and hand the grouped rows to a ``Tally``
here, which owns the rules: which visits are virtual, which are no-shows, how a refusal's reason
is worded, how the feedback's average is rounded. So an establishment's national figures are
its desk's report over the same days, and figures add up (``+``) across establishments.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from visitorcentre.core.kinds import SessionKind, VisitStatus

NO_REASON = "No reason given"
_KINDS = [str(k) for k in SessionKind]


def refusal_reason(reason: str | None) -> str:
    """A refusal's reason as the report groups it (blank ones together)."""
    return (reason or "").strip() or NO_REASON


def kind_order(kind: str) -> tuple:
    """Known session kinds in their own order, then any other kind by name."""
    return (kind not in _KINDS, _KINDS.index(kind) if kind in _KINDS else 0, kind)


def average(by_rating: dict[int, int]) -> float | None:
    """The average rating, to two places; None with no feedback."""
    count = sum(by_rating.values())
    return round(sum(r * n for r, n in by_rating.items()) / count, 2) if count else None


@dataclass(frozen=True)
class Figures:
    """The headline figures of one establishment (or the sum of several) over a range of days."""

    visits: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    virtual: int = 0
    physical: int = 0
    first_time_visitors: int = 0
    children: int = 0
    visitors_admitted: int = 0
    refusals: dict[str, int] = field(default_factory=dict)
    no_shows: int = 0
    advice_given: int = 0
    support_needs: int = 0
    cost_applications: int = 0
    cost_pence: int = 0
    cost_by_status: dict[str, int] = field(default_factory=dict)
    feedback: int = 0
    feedback_by_rating: dict[int, int] = field(default_factory=dict)
    feedback_by_child: int = 0
    responses: int = 0  # "you said, we did" responses made in the range

    @property
    def refused(self) -> int:
        return sum(self.refusals.values())

    @property
    def feedback_average(self) -> float | None:
        return average(self.feedback_by_rating)

    def __add__(self, other: Figures) -> Figures:
        tally = Tally()
        for one in (self, other):
            tally.add(one)
        return tally.figures()


class Tally:
    """Counts grouped rows into ``Figures``; each method takes one grouped row (``n`` of a kind)."""

    def __init__(self) -> None:
        self._kind: Counter = Counter()
        self._status: Counter = Counter()
        self._refusals: Counter = Counter()
        self._apps: Counter = Counter()
        self._ratings: Counter = Counter()
        self._n: Counter = Counter()

    def visits(self, kind: str, status: str, n: int) -> None:
        self._kind[kind] += n
        self._status[status] += n

    def admitted(self, people: int, children: int) -> None:
        self._n["admitted"] += people
        self._n["children"] += children

    def refused(self, reason: str | None, n: int) -> None:
        self._refusals[refusal_reason(reason)] += n

    def first_time(self, n: int) -> None:
        self._n["first_time"] += n

    def advice(self, n: int) -> None:
        self._n["advice"] += n

    def support_needs(self, n: int) -> None:
        self._n["support"] += n

    def application(self, status: str, n: int, pence: int) -> None:
        self._apps[status] += n
        self._n["pence"] += pence

    def feedback(self, rating: int, by_child: bool, n: int) -> None:
        self._ratings[int(rating)] += n
        self._n["by_child"] += n if by_child else 0

    def responses(self, n: int) -> None:
        self._n["responses"] += n

    def add(self, figures: Figures) -> None:
        """Add figures already counted (another establishment's)."""
        for kind, n in figures.by_kind.items():
            self._kind[kind] += n
        self._status.update(figures.by_status)
        self._refusals.update(figures.refusals)
        self._apps.update(figures.cost_by_status)
        self._ratings.update(figures.feedback_by_rating)
        self._n.update(
            {
                "admitted": figures.visitors_admitted,
                "children": figures.children,
                "first_time": figures.first_time_visitors,
                "advice": figures.advice_given,
                "support": figures.support_needs,
                "pence": figures.cost_pence,
                "by_child": figures.feedback_by_child,
                "responses": figures.responses,
            }
        )

    def figures(self) -> Figures:
        total = sum(self._kind.values())
        virtual = self._kind.get(SessionKind.VIRTUAL, 0)
        return Figures(
            visits=total,
            by_kind={k: self._kind[k] for k in sorted(self._kind, key=kind_order) if self._kind[k]},
            by_status={s: n for s, n in sorted(self._status.items()) if n},
            virtual=virtual,
            physical=total - virtual,
            first_time_visitors=self._n["first_time"],
            children=self._n["children"],
            visitors_admitted=self._n["admitted"],
            refusals=dict(sorted(((r, n) for r, n in self._refusals.items() if n), key=lambda i: (-i[1], i[0]))),
            no_shows=self._status.get(VisitStatus.NO_SHOW, 0),
            advice_given=self._n["advice"],
            support_needs=self._n["support"],
            cost_applications=sum(self._apps.values()),
            cost_pence=self._n["pence"],
            cost_by_status={s: n for s, n in sorted(self._apps.items()) if n},
            feedback=sum(self._ratings.values()),
            feedback_by_rating={r: self._ratings.get(r, 0) for r in range(1, 6)},
            feedback_by_child=self._n["by_child"],
            responses=self._n["responses"],
        )
