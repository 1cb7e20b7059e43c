"""The national figures as lines of a table: each figure by name, with one value per establishment and the total.

The console's page, its CSV file and its printable PDF all show these lines, in this order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from visitorcentre.core.figures import Figures, kind_order
from visitorcentre.core.kinds import SESSION_KIND_LABELS

#: (attribute, words) of the headline figures.
HEADLINE = (
    ("visits", "Visits"),
    ("physical", "Physical visits"),
    ("virtual", "Virtual visits"),
    ("first_time_visitors", "First-time visitors"),
    ("visitors_admitted", "Visitors let in"),
    ("children", "Children let in"),
    ("refused", "People refused"),
    ("no_shows", "No-shows"),
    ("advice_given", "Advice given"),
    ("support_needs", "Visits with support needs"),
    ("cost_applications", "Cost-of-visits applications"),
    ("feedback", "Feedback left"),
    ("responses", "“You said, we did” responses"),
)
#: The figures drawn as charts (one bar per establishment).
CHARTED = ("visits", "first_time_visitors", "children", "refused", "no_shows", "advice_given", "feedback")


@dataclass(frozen=True)
class Line:
    section: str
    label: str
    values: tuple[str, ...]  # one per establishment, then the total


def _line(section: str, label: str, columns: list[Figures], value: Callable[[Figures], object]) -> Line:
    return Line(section, label, tuple(str(value(f)) for f in columns))


def _pounds(pence: int) -> str:
    return f"£{pence / 100:,.2f}"


def _attribute(name: str, f: Figures) -> object:
    return getattr(f, name)


def _kind(kind: str, f: Figures) -> int:
    return f.by_kind.get(kind, 0)


def _refusals(reason: str, f: Figures) -> int:
    return f.refusals.get(reason, 0)


def _applications(status: str, f: Figures) -> int:
    return f.cost_by_status.get(status, 0)


def _rated(rating: int, f: Figures) -> int:
    return f.feedback_by_rating.get(rating, 0)


def lines(each: dict[str, Figures], total: Figures) -> list[Line]:
    """Every line of the table: ``each`` establishment's value then the total's."""
    columns = [*each.values(), total]
    found = [_line("Visits", words, columns, partial(_attribute, attr)) for attr, words in HEADLINE]
    for kind in sorted(total.by_kind, key=kind_order):
        label = SESSION_KIND_LABELS.get(kind, kind)
        found.append(_line("Visits by kind", label, columns, partial(_kind, kind)))
    for reason in total.refusals:
        found.append(_line("Refusals by reason", reason, columns, partial(_refusals, reason)))
    for status in total.cost_by_status:
        words = status.replace("_", " ").capitalize()
        found.append(_line("Cost-of-visits applications", words, columns, partial(_applications, status)))
    found.append(_line("Cost-of-visits applications", "Amount quoted", columns, lambda f: _pounds(f.cost_pence)))
    for rating in range(1, 6):
        found.append(_line("Feedback", f"Rated {rating} of 5", columns, partial(_rated, rating)))
    found.append(_line("Feedback", "Left by children", columns, lambda f: f.feedback_by_child))
    average = lambda f: "" if f.feedback_average is None else f"{f.feedback_average:.2f}"  # noqa: E731
    found.append(_line("Feedback", "Average rating", columns, average))
    return found
