"""Logging set-up: one rotating log file in the log folder, plus stderr for warnings."""

from __future__ import annotations

import logging
import logging.handlers

from visitorcentre.config import paths

LOG_FILE_NAME = "visitorcentre.log"


def log_file():
    """Where the log is written."""
    return paths.log_dir() / LOG_FILE_NAME


def configure(verbose: bool = False) -> None:
    """Send log records to the rotating file; only warnings reach stderr."""
    root = logging.getLogger()
    if any(getattr(h, "_visitorcentre", False) for h in root.handlers):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    file_handler = logging.handlers.RotatingFileHandler(
        log_file(), maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    file_handler._visitorcentre = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
