"""What the desk says about its sync, word for word; and the background sync interval setting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from visitorcentre.config import settings
from visitorcentre.core.sync_views import SyncIssue, SyncResult, SyncState
from visitorcentre.ui.sync import sync_words

NOW = datetime(2026, 11, 22, 13, 0, tzinfo=UTC)


def state(**changes) -> SyncState:
    values = dict(
        enrolled=True,
        server_url="https://central.example.scot",
        online=True,
        last_sync=NOW - timedelta(minutes=2),
        last_error="",
        pending=0,
        open_issues=0,
    )
    values.update(changes)
    return SyncState(**values)


@pytest.mark.parametrize(
    ("gap", "words"),
    [
        (timedelta(seconds=0), "just now"),
        (timedelta(seconds=59), "just now"),
        (timedelta(seconds=-30), "just now"),  # the desk's clock a little behind the server's
        (timedelta(minutes=1), "1 min ago"),
        (timedelta(minutes=59, seconds=59), "59 min ago"),
        (timedelta(hours=1), "1 h ago"),
        (timedelta(hours=1, minutes=20), "1 h 20 min ago"),
        (timedelta(hours=5, minutes=20), "5 h ago"),
        (timedelta(hours=23, minutes=59), "23 h ago"),
    ],
)
def test_how_long_ago(gap, words):
    assert sync_words.ago(NOW - gap, NOW) == words


def test_a_day_or_more_ago_gives_the_day_and_time():
    words = sync_words.ago(NOW - timedelta(days=2), NOW)
    assert words.startswith("on 20 Nov at ")


def test_a_naive_time_is_taken_as_utc():
    naive = (NOW - timedelta(minutes=3)).replace(tzinfo=None)
    assert sync_words.ago(naive, NOW) == "3 min ago"


def test_online_with_nothing_waiting():
    shown = sync_words.status(state(), syncing=False, now=NOW)
    assert (shown.icon, shown.word) == ("online", "Online")
    assert shown.text == "Online · last sync 2 min ago · nothing waiting to send"
    assert "Central server: https://central.example.scot" in shown.details


def test_changes_waiting_and_issues_are_counted_in_words():
    one = sync_words.status(state(pending=1, open_issues=1), False, NOW).text
    many = sync_words.status(state(pending=12, open_issues=3), False, NOW).text
    assert one == "Online · last sync 2 min ago · 1 change waiting · 1 sync issue"
    assert many == "Online · last sync 2 min ago · 12 changes waiting · 3 sync issues"


def test_offline_says_so_with_the_reason_and_what_happens_next():
    shown = sync_words.status(state(online=False, last_error="The server refused this desk.", pending=4), False, NOW)
    assert (shown.icon, shown.word) == ("offline", "Offline")
    assert shown.text == "Offline · last sync 2 min ago · 4 changes waiting"
    assert "Last try: The server refused this desk." in shown.details
    assert "sent when the line is back" in shown.details


def test_offline_without_a_reason_still_gives_one():
    assert "Last try: the server did not answer" in sync_words.status(state(online=False), False, NOW).details


def test_never_synced_and_syncing():
    fresh = state(online=None, last_sync=None, pending=2)
    assert sync_words.status(fresh, False, NOW).text == "Not synced yet · 2 changes waiting"
    syncing = sync_words.status(fresh, True, NOW)
    assert (syncing.icon, syncing.word, syncing.text) == ("sync", "Syncing…", "Syncing… · 2 changes waiting")


def test_a_desk_on_its_own_says_so_calmly():
    for nothing in (None, state(enrolled=False, server_url="")):
        shown = sync_words.status(nothing, syncing=False, now=NOW)
        assert shown.text == "Works on its own — not connected to a central server"
        assert shown.icon == "standalone" and "kept safely on this desk" in shown.details


def test_every_status_has_an_icon_and_a_word():
    for shown in (
        sync_words.status(s, syncing, NOW)
        for s in (None, state(), state(online=False), state(online=None))
        for syncing in (False, True)
    ):
        assert shown.icon and shown.word.lower() in shown.text.lower()


def test_issue_kinds_in_words():
    def kind(name):
        return sync_words.issue_kind(SyncIssue("i", NOW, name, "visit", "r", "m"))

    assert kind("double_check_in") == "Checked in at two desks"
    assert kind("conflict") == "Changed at two desks"
    assert kind("rejected") == "Not accepted by the central server"
    assert kind("something_new") == "Something new"


def test_a_sync_run_in_words():
    assert (
        sync_words.result_words(SyncResult(pushed=1, pulled=0, pending=0, issues=0))
        == "Synced with the central server: 1 change sent, 0 records taken down."
    )
    assert sync_words.result_words(SyncResult(pushed=250, pulled=1, pending=40, issues=2)) == (
        "Synced with the central server: 250 changes sent, 1 record taken down. Still waiting: 40 changes "
        "waiting. 2 sync issues to look at (Shift+F9)."
    )


class TestInterval:
    def test_five_minutes_unless_set(self, world):
        assert world.desk.sync.interval_minutes() == 5

    @pytest.mark.parametrize(
        ("stored", "minutes"),
        [(1, 1), (15, 15), (1440, 1440), (0, 5), (-2, 5), (1441, 5), ("10", 5), (2.5, 5), (True, 5), (None, 5)],
    )
    def test_a_stored_interval_is_used_when_sensible(self, world, stored, minutes):
        with world.desk.ctx.write_sessions() as session:
            settings.put(session, settings.SYNC_INTERVAL_MINUTES, stored)
            session.commit()
        assert world.desk.sync.interval_minutes() == minutes

    def test_declared_once_with_the_other_settings(self):
        assert settings.SYNC_INTERVAL_MINUTES in settings.ALL
        assert [o.key for o in settings.ALL].count("sync.interval_minutes") == 1
