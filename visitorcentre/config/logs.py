"""Logging set-up: one rotating log file in the log folder, plus stderr for warnings.

The log file and its rotated copies are private (0600, in a 0700 folder). What is logged names
records by their kind and id, never by a family's details; the database engine hides SQL
parameters (db.engine), and SQLAlchemy's own statement log stays off.
"""

from __future__ import annotations

import logging
import logging.handlers
import os

from visitorcentre.config import paths

LOG_FILE_NAME = "visitorcentre.log"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is readable by this account only."""

    def _open(self):
        stream = super()._open()
        if os.name == "posix":
            os.chmod(self.baseFilename, 0o600)
        return stream


def log_file():
    """Where the log is written."""
    return paths.log_dir() / LOG_FILE_NAME


def configure(verbose: bool = False) -> None:
    """Send log records to the rotating file; only warnings reach stderr."""
    root = logging.getLogger()
    if any(getattr(h, "_visitorcentre", False) for h in root.handlers):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    file_handler = PrivateRotatingFileHandler(log_file(), maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    file_handler._visitorcentre = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
