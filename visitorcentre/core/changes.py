"""What a piece of desk work changed, so each screen that shows it reads it again (like Anki's OpChanges).

A unit of work notes the kinds of record it wrote when it commits (``note``, with the names the
audit log uses: "visit", "visitor", "visit_pass"…). The desk app's background runner collects
them for each job (``collecting``) and tells the screens once, after the job, with one
``Changes``; a screen asks ``changes.touches(*kinds)`` and refreshes itself if so. Work that
replaces everything (records taken down by a sync, a backup put back) says ``EVERYTHING``.
Nothing here knows about Qt or the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple

#: The records of a visit and its day: what the Today board and the visit panel show.
VISITS = frozenset(
    {
        "visit",
        "visit_person",
        "visit_session",
        "check_in_event",
        "visit_pass",
        "visit_note",
        "advice_given",
        "visit_review",
    }
)
#: Families and the people they visit: what the search results and the visit's party show.
FAMILIES = frozenset({"visitor", "relationship", "ban", "child_approval", "prisoner"})
#: The prison's visiting rules (the advice checklist and the leaflets follow them).
RULES = frozenset({"advice_rule"})
#: Feedback, "you said, we did" and the support directory.
ENGAGEMENT = frozenset({"feedback", "feedback_response", "support_service"})
#: Applications for help with the cost of visits.
COST_OF_VISITS = frozenset(
    {"cost_application", "cost_application_event", "cost_attachment", "cost_decision", "scheme_rates"}
)


class Changes(NamedTuple):
    """The kinds of record a job wrote (``everything``: treat every record as changed).

    A named tuple (the desk's first paint needs no dataclasses); compare it with another ``Changes``.
    """

    kinds: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def of(cls, *kinds: str) -> Changes:
        return cls(frozenset(kinds))

    def touches(self, *kinds: str | Iterable[str]) -> bool:
        """Whether any of ``kinds`` (names, or sets of names such as ``VISITS``) changed."""
        if self.everything:
            return True
        wanted: set[str] = set()
        for kind in kinds:
            wanted.update((kind,) if isinstance(kind, str) else kind)
        return not self.kinds.isdisjoint(wanted)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.everything or other.everything)

    def __bool__(self) -> bool:
        return self.everything or bool(self.kinds)


NOTHING = Changes()
EVERYTHING = Changes(everything=True)

_noted: ContextVar[set[str] | None] = ContextVar("visitorcentre_changes", default=None)


@contextmanager
def collecting() -> Iterator[Callable[[], Changes]]:
    """Collect what is written inside the block (on this thread); the callable gives it as ``Changes``."""
    found: set[str] = set()
    token = _noted.set(found)
    try:
        yield lambda: Changes(frozenset(found))
    finally:
        _noted.reset(token)


def note(kinds: Iterable[str]) -> None:
    """A write of ``kinds`` was committed (nothing happens unless someone is collecting)."""
    found = _noted.get()
    if found is not None:
        found.update(kinds)
