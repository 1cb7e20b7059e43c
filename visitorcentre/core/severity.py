"""How serious a check's finding is: OK, for information, a warning, or a stop.

Kept apart from the checks themselves because the desk's status signs need the word at
start-up, long before any check is run.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    STOP = "stop"
