"""Which establishments a console user may see and change, with what their role allows (establishment pages).

(``centre.scope`` is the plainer form the prisoner services take: the codes alone.)

The console's pages build a ``Scope`` from the signed-in user (a national administrator sees and
changes everything; an establishment administrator only their establishments; an analyst sees
theirs and changes nothing) and hand it to the centre's services, which check it again: a page
that forgot a check still cannot reach another establishment's records.
"""

from __future__ import annotations

from dataclasses import dataclass

from visitorcentre.core.errors import NotAllowed, NotFound


@dataclass(frozen=True)
class Scope:
    """``everywhere``: sees every establishment; ``changes``: may write at all; ``national_admin``: may do
    what only a national administrator does (add an establishment, change national records)."""

    establishments: frozenset[str] = frozenset()
    everywhere: bool = False
    changes: bool = True
    national_admin: bool = False

    @classmethod
    def national(cls) -> Scope:
        return cls(everywhere=True, national_admin=True)

    @classmethod
    def of(cls, *codes: str, changes: bool = True) -> Scope:
        return cls(frozenset(code.upper() for code in codes), changes=changes)

    def sees(self, code: str) -> bool:
        return self.everywhere or code in self.establishments

    def require_sight(self, code: str) -> None:
        """NotFound when ``code`` is outside the scope (the same answer as an establishment nobody has)."""
        if not self.sees(code):
            raise NotFound(f"There is no establishment with the code “{code}” that you can see.", "establishment")

    def require_change(self, code: str, what: str) -> None:
        """NotFound outside the scope; NotAllowed for a read-only user."""
        self.require_sight(code)
        if not self.changes:
            raise NotAllowed(f"Your role can look but not {what}.")

    def require_national(self, what: str) -> None:
        if not (self.national_admin and self.everywhere and self.changes):
            raise NotAllowed(f"Only a national administrator can {what}.")
