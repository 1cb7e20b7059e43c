"""Errors a desk worker can act on: each carries one plain sentence, and the field at fault."""

from __future__ import annotations

from visitorcentre.core.words import said_n


class VisitorCentreError(Exception):
    """A mistake or refusal to show as one clear message (never a traceback)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class InvalidInput(VisitorCentreError):
    """A value typed or passed in is not acceptable; ``field`` names it."""


class NotFound(VisitorCentreError):
    """A visit, visitor, session or prisoner that the desk does not know."""


class NotAllowed(VisitorCentreError):
    """The action does not fit the record's state (e.g. checking in a cancelled visit)."""


class SessionFull(VisitorCentreError):
    """No places left in the session; only a manager can overbook, with a reason."""


class ChangedElsewhere(VisitorCentreError):
    """Someone else changed the record since it was opened; reload and try again."""


class ChecksFailed(VisitorCentreError):
    """One or more visit checks stop the action; ``results`` holds what to read out."""

    def __init__(self, message: str, results: list):
        super().__init__(message)
        self.results = results


class ArrivalAfterCutOff(VisitorCentreError):
    """The family arrived after the cut-off: a warning a worker can override with a reason."""


class ReprintNeedsReason(VisitorCentreError):
    """The pass was printed before; printing it again needs a reason, which goes into the audit."""

    def __init__(self, times_printed: int, message: str | None = None):
        super().__init__(
            message
            or said_n(
                "This pass has already been printed once; say why it is being printed again.",
                "This pass has already been printed {n} times; say why it is being printed again.",
                times_printed,
            ),
            "reprint_reason",
        )
        self.times_printed = times_printed


class SyncUnavailable(VisitorCentreError):
    """The central server could not be reached or refused this desk; the desk carries on offline."""


class UpgradeFailed(VisitorCentreError):
    """A database from another release could not be brought up to date; it is left as it was."""
