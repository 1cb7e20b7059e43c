"""The words the desk shows about its sync: "Online · last sync 2 min ago · 3 changes waiting".

Plain functions of a ``SyncState`` (no widgets), so the status bar, the sync panel and the
notices say the same thing the same way, and the tests can read them without a window. Every
status comes as an icon name and a word together: the colour of the icon is never the only cue.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from visitorcentre.ui.shared.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from visitorcentre.core.sync_views import SyncIssue, SyncResult, SyncState

#: What each kind of sync issue is, in a worker's words (unknown kinds are shown by their name).
ISSUE_KINDS = {
    "double_check_in": N_("Checked in at two desks"),
    "conflict": N_("Changed at two desks"),
    "rejected": N_("Not accepted by the central server"),
    "refused": N_("Refused by the central server"),
    "held": N_("Set aside from the central server"),
}
STANDALONE = N_("Works on its own — not connected to a central server")


class Status(NamedTuple):
    """What the indicator shows: an icon (resources/icons), the word beside it, the line, and more on hover."""

    icon: str
    word: str
    text: str
    details: str


def as_utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC time (the sync values are UTC; a naive one is taken to be UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


def ago(then: datetime, now: datetime) -> str:
    """How long ago ``then`` was: "just now", "2 min ago", "1 h 20 min ago", "5 h ago", "on 20 Nov at 14:05"."""
    gap = as_utc(now) - as_utc(then)
    if gap < timedelta(minutes=1):  # includes a clock a little behind the server's
        return _("just now")
    minutes = int(gap.total_seconds() // 60)
    if minutes < 60:
        return _("{n} min ago").format(n=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 2 and minutes:
        return _("{h} h {m} min ago").format(h=hours, m=minutes)
    if hours < 24:
        return _("{h} h ago").format(h=hours)
    return _("on {when}").format(when=local_time(then))


def local_time(moment: datetime) -> str:
    """A UTC moment as the desk's own wall-clock time, e.g. "20 Nov at 14:05"."""
    local = as_utc(moment).astimezone()
    return _("{day} at {time}").format(day=f"{local.day} {local:%b}", time=f"{local:%H:%M}")


def waiting(pending: int) -> str:
    if pending <= 0:
        return _("nothing waiting to send")
    return ngettext("{n} change waiting", "{n} changes waiting", pending).format(n=pending)


def issues_count(count: int) -> str:
    return ngettext("{n} sync issue", "{n} sync issues", count).format(n=count)


def status(state: SyncState | None, syncing: bool, now: datetime) -> Status:
    """The indicator for ``state`` (None: this desk cannot sync at all) while ``syncing`` or not."""
    if state is None or not state.enrolled:
        return Status(
            "standalone",
            _("On its own"),
            _(STANDALONE),
            _(
                "Everything is kept safely on this desk. To connect it to the central server, ask the "
                "central office for an enrolment code."
            ),
        )
    last = _("last sync {ago}").format(ago=ago(state.last_sync, now)) if state.last_sync else _("not synced yet")
    parts = [last, waiting(state.pending)]
    if state.open_issues:
        parts.append(issues_count(state.open_issues))
    details = [_("Central server: {url}").format(url=state.server_url)]
    if state.last_sync:
        details.append(_("Last sync: {when}").format(when=local_time(state.last_sync)))
    if syncing:
        return Status("sync", _("Syncing…"), " · ".join([_("Syncing…"), *parts[1:]]), "\n".join(details))
    if state.online is False:
        details.append(_("Last try: {reason}").format(reason=state.last_error or _("the server did not answer")))
        details.append(_("The desk carries on with its own records; changes are kept and sent when the line is back."))
        return Status("offline", _("Offline"), " · ".join([_("Offline"), *parts]), "\n".join(details))
    if state.online is None:
        return Status("sync", _("Not synced yet"), " · ".join([_("Not synced yet"), *parts[1:]]), "\n".join(details))
    return Status("online", _("Online"), " · ".join([_("Online"), *parts]), "\n".join(details))


def issue_kind(issue: SyncIssue) -> str:
    """The kind of issue in words ("Checked in at two desks")."""
    words = ISSUE_KINDS.get(issue.kind)
    return _(words) if words else issue.kind.replace("_", " ").capitalize()


def result_words(result: SyncResult) -> str:
    """One sync run, for the notice: what went up, what came down, what is still waiting."""
    text = _("Synced with the central server: {sent}, {taken}.").format(
        sent=ngettext("{n} change sent", "{n} changes sent", result.pushed).format(n=result.pushed),
        taken=ngettext("{n} record taken down", "{n} records taken down", result.pulled).format(n=result.pulled),
    )
    if result.pending:
        text += " " + _("Still waiting: {waiting}.").format(waiting=waiting(result.pending))
    if result.issues:
        text += " " + _("{issues} to look at (Shift+F9).").format(issues=issues_count(result.issues))
    return text
