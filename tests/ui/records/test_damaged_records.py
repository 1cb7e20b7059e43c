"""The records check at start-up: a daily backup once a day, and a damaged file offered its latest good backup."""

from __future__ import annotations

import stat

from visitorcentre.config import paths
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.db import backups
from visitorcentre.ui.records.damaged_records import DamagedRecordsScreen
from visitorcentre.ui.runtime.app import application, build_main_window
from visitorcentre.ui.runtime.desk_app import desk_for


def damage(path) -> None:
    """Overwrite the middle of the file with rubbish, as a failing disk might."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 4)
        handle.write(b"\xde\xad\xbe\xef" * (size // 8))


def open_window(qtbot, path):
    desk = desk_for(path, demo=False, staff="Morag Duncan")
    application()
    window = build_main_window(desk)
    qtbot.addWidget(window)
    window.scanner.enabled = False
    window.resize(1600, 900)
    window.show()
    return window, desk


def daily_backups():
    return sorted(p.name for p in paths.backup_dir().glob("desk-daily-*.sqlite3"))


def test_the_daily_backup_is_taken_once_a_day(qtbot, window, world):
    qtbot.waitUntil(lambda: window.records_check.result is not None, timeout=20000)
    assert window.records_check.result.health.ok
    made = daily_backups()
    assert len(made) == 1 and made[0].startswith("desk-daily-20261122-")
    copy = paths.backup_dir() / made[0]
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert backups.check(copy, thorough=True).ok
    second = build_main_window(world.desk)
    qtbot.addWidget(second)
    second.scanner.enabled = False
    second.show()
    qtbot.waitUntil(
        lambda: getattr(second, "records_check", None) is not None and second.records_check.result is not None,
        timeout=20000,
    )
    assert second.records_check.result.daily_backup is None
    assert daily_backups() == made
    second.close()


def test_a_damaged_file_is_shown_with_the_latest_backup_which_is_restored(qtbot, world, answers, tmp_path):
    path = world.desk.ctx.db_path
    backups.daily_backup(path, paths.backup_dir(), 7, world.clock.now())
    world.desk.visits.register_visitor(
        VisitorDetails(first_name="After", last_name="Backup", date_of_birth=world.clock.today().replace(year=1980))
    )
    world.desk.close()
    damage(path)
    assert not backups.check(path).ok
    window, desk = open_window(qtbot, path)
    qtbot.waitUntil(
        lambda: (
            isinstance(getattr(window, "damaged_records_screen", None), DamagedRecordsScreen)
            and window.damaged_records_screen.isVisible()
        ),
        timeout=20000,
    )
    screen = window.damaged_records_screen
    assert "Sunday 22 November 2026" in screen.offer.text()
    assert screen.restore_button.isVisible() and "22 November 2026" in screen.restore_button.text()
    screen.grab().save(str(tmp_path / "damaged.png"))
    screen.restore_button.click()
    qtbot.waitUntil(lambda: not screen.isVisible() and not window.tasks.busy, timeout=20000)
    assert "is restored" in window.notice.text()
    aside = list(path.parent.glob("desk-damaged-*.sqlite3"))
    assert len(aside) == 1 and not backups.check(aside[0]).ok  # kept, never deleted
    assert backups.check(path, thorough=True).ok
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert desk.visits.search("Siobhan") and not desk.visits.search(
        "After Backup"
    )  # the backup's records, working again
    window.close()
    desk.close()


def test_a_damaged_file_with_no_backup_says_who_to_call(qtbot, world, answers):
    path = world.desk.ctx.db_path
    world.desk.close()
    damage(path)
    window, desk = open_window(qtbot, path)
    qtbot.waitUntil(
        lambda: (
            getattr(window, "damaged_records_screen", None) is not None and window.damaged_records_screen.isVisible()
        ),
        timeout=20000,
    )
    screen = window.damaged_records_screen
    assert "no backup" in screen.offer.text() and "call" in screen.offer.text()
    assert not screen.restore_button.isVisible()
    screen.close_button.click()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert path.exists()  # nothing deleted
    desk.close()


def test_a_file_that_is_not_a_database_at_all_is_caught_before_opening(qtbot, tmp_path, answers):
    path = tmp_path / "desk.sqlite3"
    path.write_text("this is not a database\n" * 400)
    window, desk = open_window(qtbot, path)
    qtbot.waitUntil(
        lambda: (
            getattr(window, "damaged_records_screen", None) is not None and window.damaged_records_screen.isVisible()
        ),
        timeout=20000,
    )
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert "cannot be opened" in window.notice.text()
    window.damaged_records_screen.close_button.click()
    desk.close()
