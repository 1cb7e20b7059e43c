"""``desk.staff``: who works at the desk, signing in and out, and the audit log (services.staff).

Signing in changes who the desk acts for (the context's ``actor``, its one place): every audit
event after it names that staff member.
"""

from __future__ import annotations

from pathlib import Path

from visitorcentre.config import settings
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.roles import ADMIN, require_role
from visitorcentre.core.staff import NOBODY, Actor
from visitorcentre.desk.area import Area, action, query, same_as
from visitorcentre.i18n import _
from visitorcentre.services.staff import audit_log, members


class Staff(Area):
    """Staff members, the one signed in, and the audit log of what they did."""

    has_staff = query(members.has_staff)
    list_staff = query(members.staff_list)
    add_staff = action(members.add_staff)
    disable_staff = action(members.disable_staff)
    change_pin = action(members.change_pin)
    verify_audit = query(audit_log.verify)

    @same_as(members.add_first_admin)
    def add_first_admin(self, name: str, pin: str, pin_again: str) -> Actor:
        self.ctx.actor = members.add_first_admin(self.ctx.unit_of_work(), name, pin, pin_again)
        return self.ctx.actor

    @same_as(members.sign_in)
    def sign_in(self, name: str, pin: str) -> Actor:
        self.ctx.actor = members.sign_in(self.ctx.unit_of_work(), name, pin)
        return self.ctx.actor

    def sign_out(self) -> None:
        """Nobody is signed in: nothing needing a role can be done until someone signs in."""
        self.ctx.actor = NOBODY

    def require_admin(self, what: str) -> None:
        """Refuse (NotAllowed) unless an admin is signed in, e.g. ``require_admin("enrol this desk")``."""
        require_role(self.ctx.actor, ADMIN, what)

    def idle_lock_seconds(self) -> int:
        """How long the desk app waits with no key or mouse activity before it locks itself."""
        with self.ctx.reading() as session:
            return int(settings.get(session, settings.IDLE_LOCK_SECONDS))

    def is_demo(self) -> bool:
        """Whether this database holds demo data (the sign-in screen then shows the demo PINs)."""
        with self.ctx.reading() as session:
            return bool(settings.get(session, settings.IS_DEMO))

    @same_as(audit_log.entries)
    def audit_entries(self, query: audit_log.AuditQuery | None = None) -> audit_log.AuditPage:
        ctx = self.ctx
        with ctx.reading() as session:
            return audit_log.entries(session, ctx.actor, ctx.clock, query or audit_log.AuditQuery())

    def audit_csv(self, query: audit_log.AuditQuery | None = None) -> str:
        """The matching audit entries as CSV text (managers only): audit_log.entries, then audit_log.to_csv."""
        return audit_log.to_csv(self.audit_entries(query))

    def export_audit_csv(self, query: audit_log.AuditQuery | None, path: Path | str) -> int:
        """Write the matching entries to a CSV file (managers only); returns how many were written."""
        page = self.audit_entries(query)
        try:
            Path(path).write_text(audit_log.to_csv(page), encoding="utf-8-sig", newline="")
        except OSError:
            raise InvalidInput(
                _("The CSV file could not be saved there. Choose another folder, such as Documents, and try again."),
                "path",
            ) from None
        return len(page.entries)
