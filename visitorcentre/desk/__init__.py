"""The desk put together: its context (records, clock, signed-in staff, establishment) and its areas.

``from visitorcentre.desk import Desk, open_desk`` (see desk/composition.py). Loaded lazily, so
importing ``visitorcentre.desk.on_demand`` or ``first_run`` at start-up loads no database layer.
Also here: opening the records on demand, and the desk's first run (enrolled or on its own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from visitorcentre.desk.composition import Desk, open_desk

__all__ = ["Desk", "open_desk"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from visitorcentre.desk import composition

        return getattr(composition, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
