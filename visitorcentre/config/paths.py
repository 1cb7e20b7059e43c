"""The one module that knows where the desk keeps its data, logs and resources.

Every folder can be moved with an environment variable so that tests, support staff and
kiosk images can point the desk elsewhere:

- ``VISITORCENTRE_DATA_DIR``  the data folder (databases, backups, receipts)
- ``VISITORCENTRE_LOG_DIR``   the log folder (defaults to ``<data>/logs``)
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP_DIR_NAME = "VisitorCentre"
PRIVATE_FOLDER = 0o700  # the desk's folders hold family data: this account only
APP_AUTHOR = "VisitorCentre"


def data_dir() -> Path:
    """The folder holding the desk's databases and backups (created if missing)."""
    override = os.environ.get("VISITORCENTRE_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs  # a few ms to load, so only when no folder was given

        path = Path(platformdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR))
    return private_folder(path)


def log_dir() -> Path:
    """The folder holding the rotating log file (created if missing)."""
    override = os.environ.get("VISITORCENTRE_LOG_DIR")
    path = Path(override) if override else data_dir() / "logs"
    return private_folder(path)


def backup_dir() -> Path:
    """Where database copies go before a migration and on the daily backup."""
    return private_folder(data_dir() / "backups")


def receipts_dir() -> Path:
    """Where receipts and visit confirmations are kept, each once, named by its SHA-256."""
    return private_folder(data_dir() / "receipts")


def private_folder(path: Path) -> Path:
    """``path`` made if missing, readable by this account only (0700 where the system has modes)."""
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if os.name == "posix" and path.stat().st_mode & 0o777 != PRIVATE_FOLDER and path.stat().st_uid == os.getuid():
        os.chmod(path, PRIVATE_FOLDER)
    return path


def default_db_path() -> Path:
    """The desk's own database."""
    return data_dir() / "desk.sqlite3"


def demo_db_path() -> Path:
    """The demo database used by ``visitorcentre --demo``."""
    return data_dir() / "demo.sqlite3"


@cache
def resources_dir() -> Path:
    """The project's resources: stylesheet, icons, fonts, pictograms, translations, rate tables.

    In the PyInstaller bundle they are in its own folder; an installed wheel carries them inside
    the package (setup.py copies them there); in a checkout they are at the repository's root.
    Where they are does not change while the desk runs, so it is looked up once.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    package = Path(__file__).resolve().parent.parent  # visitorcentre/
    installed = package / "resources"
    return installed if installed.is_dir() else package.parent / "resources"
