"""Opening the desk app on records from the previous release: it says they were brought up to date, once."""

from __future__ import annotations

from tests.integration.records.test_upgrade_from_release import backups, old_db, this_release  # noqa: F401 - fixtures
from visitorcentre.ui.runtime.app import application, build_main_window
from visitorcentre.ui.runtime.desk_app import desk_for


def open_window(qtbot, path):
    desk = desk_for(path, demo=False, staff="Ann Test")
    application()
    window = build_main_window(desk)
    qtbot.addWidget(window)
    window.scanner.enabled = False
    window.show()
    qtbot.waitUntil(lambda: bool(window.notice.text()) or (desk.is_open and not window.tasks.busy), timeout=15000)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    return window, desk


def test_the_window_says_where_the_copy_of_the_old_records_is(qtbot, old_db, this_release):  # noqa: F811
    window, desk = open_window(qtbot, old_db)
    (backup,) = backups()
    assert "brought up to date" in window.notice.text() and str(backup) in window.notice.text()
    window.close()
    desk.close()

    again, desk = open_window(qtbot, old_db)
    assert "brought up to date" not in again.notice.text()
    assert len(backups()) == 1
    again.close()
    desk.close()


def test_records_that_cannot_be_upgraded_are_explained_not_retried(qtbot, old_db, monkeypatch):  # noqa: F811
    from tests.integration.records.test_upgrade_from_release import FAILING_MIGRATION, with_extra_migration

    with_extra_migration(old_db.parent, monkeypatch, "9999_breaks.py", FAILING_MIGRATION)
    window, desk = open_window(qtbot, old_db)
    assert not desk.is_open
    (backup,) = backups()
    assert "left exactly as they were" in window.notice.text() and str(backup) in window.notice.text()
    qtbot.keyClicks(window.search.box, "mac")  # the worker carries on trying: no second copy is made
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert backups() == [backup]
    window.close()
    desk.close()
