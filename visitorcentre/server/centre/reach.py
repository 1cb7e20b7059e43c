"""Which establishments a console user acts for: what the centre's services check before they read or write.

A national administrator (and a national analyst) reaches every establishment (``codes`` is
None); an establishment administrator only theirs. The pages build a ``Reach`` from the signed-in
user; the services never trust an establishment code from a form without asking it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from visitorcentre.core.errors import NotAllowed


@dataclass(frozen=True)
class Reach:
    """The acting user's name (for the audit log) and the establishments they act for (None: all)."""

    actor: str
    codes: frozenset[str] | None

    @classmethod
    def national(cls, actor: str) -> Reach:
        return cls(actor, None)

    @classmethod
    def of(cls, actor: str, codes: Iterable[str]) -> Reach:
        return cls(actor, frozenset(c.upper() for c in codes))

    @property
    def everywhere(self) -> bool:
        return self.codes is None

    def sees(self, establishment: str) -> bool:
        return self.codes is None or establishment.upper() in self.codes

    def check(self, establishment: str, field: str = "establishment") -> str:
        """The code (upper case) if the user acts for it; NotAllowed naming ``field`` otherwise."""
        code = establishment.strip().upper()
        if not self.sees(code):
            raise NotAllowed(f"You do not look after the establishment “{code}”.", field)
        return code
